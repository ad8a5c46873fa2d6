/**
 * pulumi-huaweicloud-scm: certificates from Huawei Cloud SSL Certificate Manager (SCM) for
 * Pulumi programs. This file is the package's whole public surface.
 */
// First: on a Node too old for undici, say so before undici fails to load.
import "./node-version";

export type { ScmCredentials } from "./auth/create-authorizer";
export {
  ScmApiError,
  ScmCertificateError,
  ScmCredentialsError,
  ScmError,
  type ScmErrorCode,
  ScmInputError,
  ScmNetworkError,
  ScmResponseError,
  ScmSelectionError,
  ScmTimeoutError,
} from "./errors";
export type { OutgoingRequest, RequestAuthorizer } from "./http/request-authorizer";
export type { PfxEncryption } from "./keystore/pfx";
export type { GetScmCertificatesArgs, ScmCertificateSummary } from "./resource/get-scm-certificates";
export {
  ScmExportedCertificate,
  type ScmExportedCertificateArgs,
  type ScmKeyFormatArgs,
} from "./resource/scm-exported-certificate";
export type {
  CallOptions,
  CertificateList,
  ExportedCertificate,
  ListCertificatesQuery,
  ScmClientOptions,
} from "./scm/scm-client";

// The SCM client and the provider's implementation load undici, zod and the X.509 and key-format
// code. A program that only declares resources needs none of it, so these three are loaded on
// first use. Each getter is written as TypeScript writes a re-export, which Node's CommonJS
// analysis reads, so an ES module can still import them by name. They exist in the built
// package (CommonJS) only: code run from these sources imports them from their own modules.
const lazy = {
  get getScmCertificates() {
    return (require("./resource/get-scm-certificates") as typeof import("./resource/get-scm-certificates"))
      .getScmCertificates;
  },
  get scmExportedCertificateProvider() {
    return (
      require("./resource/scm-exported-certificate-provider") as typeof import("./resource/scm-exported-certificate-provider")
    ).scmExportedCertificateProvider;
  },
  get ScmClient() {
    return (require("./scm/scm-client") as typeof import("./scm/scm-client")).ScmClient;
  },
};
/** Lists SCM's certificates from a program (see docs/reference.md); loaded on first use. */
export declare const getScmCertificates: typeof import("./resource/get-scm-certificates").getScmCertificates;
/** The dynamic provider behind {@link ScmExportedCertificate}; loaded on first use. */
export declare const scmExportedCertificateProvider: typeof import("./resource/scm-exported-certificate-provider").scmExportedCertificateProvider;
/** A client of Huawei Cloud SCM (see docs/reference.md); loaded on first use. */
export declare const ScmClient: typeof import("./scm/scm-client").ScmClient;
export type ScmClient = import("./scm/scm-client").ScmClient;
Object.defineProperty(exports, "getScmCertificates", {
  enumerable: true,
  // biome-ignore lint/complexity/useArrowFunction: the form that Node's CommonJS analysis reads
  get: function () {
    return lazy.getScmCertificates;
  },
});
Object.defineProperty(exports, "scmExportedCertificateProvider", {
  enumerable: true,
  // biome-ignore lint/complexity/useArrowFunction: the form that Node's CommonJS analysis reads
  get: function () {
    return lazy.scmExportedCertificateProvider;
  },
});
Object.defineProperty(exports, "ScmClient", {
  enumerable: true,
  // biome-ignore lint/complexity/useArrowFunction: the form that Node's CommonJS analysis reads
  get: function () {
    return lazy.ScmClient;
  },
});
