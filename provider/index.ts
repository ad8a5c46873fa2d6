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
export {
  type GetScmCertificatesArgs,
  getScmCertificates,
  type ScmCertificateSummary,
} from "./resource/get-scm-certificates";
export {
  ScmExportedCertificate,
  type ScmExportedCertificateArgs,
  type ScmKeyFormatArgs,
} from "./resource/scm-exported-certificate";
export { scmExportedCertificateProvider } from "./resource/scm-exported-certificate-provider";
export type { CertificateList, ListCertificatesQuery } from "./scm-client";
export {
  type CallOptions,
  type ExportedCertificate,
  ScmClient,
  type ScmClientOptions,
} from "./scm-client";
