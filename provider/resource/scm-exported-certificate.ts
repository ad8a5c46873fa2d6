import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_TYPE_NAME } from "../constants";
import { expiryWarning } from "../x509";
import * as dynamicProvider from "./dynamic-provider";

/** Arguments of {@link ScmExportedCertificate}. Set `certificateId` or `domain`, not both. */
export interface ScmExportedCertificateArgs {
  /** The SCM certificate to export, e.g. `scs1627959834994`. Changing it replaces the resource. */
  readonly certificateId?: pulumi.Input<string>;
  /**
   * Follow renewals: export the newest ISSUED or UPLOAD certificate whose domain or SANs cover
   * this name (`*.example.com` covers `shop.example.com`). Changing it replaces the resource.
   */
  readonly domain?: pulumi.Input<string>;
  /** With `domain`: only certificates of this enterprise project (`0` is the default project). */
  readonly enterpriseProjectId?: pulumi.Input<string>;
  /** Huawei Cloud region that decides the SCM endpoint. @default huaweicloud:region, HW_REGION_NAME, or ap-southeast-1 */
  readonly region?: pulumi.Input<string>;
  /** SCM endpoint URL, overriding the one the region gives. */
  readonly endpoint?: pulumi.Input<string>;
  /** Any values: a change exports the certificate again. */
  readonly triggers?: pulumi.Input<pulumi.Input<unknown>[]>;
  /** Warn at preview, up and refresh when the certificate expires within this many days. @default 30 */
  readonly expiryWarningDays?: pulumi.Input<number>;
}

const SECRET_OUTPUTS = ["privateKey", "encPrivateKey"];

/**
 * A certificate exported from Huawei Cloud SSL Certificate Manager (SCM): the certificate, its
 * chain and its private key (a secret), ready for a load balancer, with the facts worth checking
 * before it goes there (`notAfter`, `subjectAlternativeNames`, `keyAlgorithm`, ...).
 *
 * @example
 * const cert = new ScmExportedCertificate("shop", { domain: "shop.example.com" });
 * export const notAfter = cert.notAfter;
 */
export class ScmExportedCertificate extends pulumi.dynamic.Resource {
  /** The certificate exported: the one given, or the one selected for `domain`. */
  declare readonly certificateId: pulumi.Output<string>;
  /** The domain followed, when the resource was declared with `domain`. */
  declare readonly domain: pulumi.Output<string | undefined>;
  /** The certificate alone, PEM with `\n` line ends and one trailing newline. */
  declare readonly certificate: pulumi.Output<string>;
  /** The intermediate chain, PEM. */
  declare readonly certificateChain: pulumi.Output<string>;
  /** The certificate followed by the chain, PEM: what most load balancers call the certificate. */
  declare readonly entireCertificate: pulumi.Output<string>;
  /** The private key, PEM. A secret, encrypted in the state. */
  declare readonly privateKey: pulumi.Output<string>;
  /** SM2 certificates only: the encryption certificate. */
  declare readonly encCertificate: pulumi.Output<string | undefined>;
  /** SM2 certificates only: the encryption private key. A secret. */
  declare readonly encPrivateKey: pulumi.Output<string | undefined>;
  /** Start of validity, RFC 3339 (UTC). */
  declare readonly notBefore: pulumi.Output<string | undefined>;
  /** End of validity, RFC 3339 (UTC). */
  declare readonly notAfter: pulumi.Output<string | undefined>;
  /** Serial number, upper-case hex as `openssl x509 -serial` prints it. */
  declare readonly serialNumber: pulumi.Output<string | undefined>;
  /** SHA-256 fingerprint, colon-separated upper-case hex as `openssl x509 -fingerprint -sha256` prints it. */
  declare readonly fingerprintSha256: pulumi.Output<string | undefined>;
  /** The subject's common name (the whole subject when it has none). */
  declare readonly subject: pulumi.Output<string | undefined>;
  /** The DNS names and IP addresses the certificate covers. */
  declare readonly subjectAlternativeNames: pulumi.Output<string[] | undefined>;
  /** The issuer's distinguished name, e.g. `C=US, O=Let's Encrypt, CN=R3`. */
  declare readonly issuer: pulumi.Output<string | undefined>;
  /** The key's algorithm and size, e.g. `RSA-2048`, `EC-P256`. */
  declare readonly keyAlgorithm: pulumi.Output<string | undefined>;

  constructor(name: string, args: ScmExportedCertificateArgs, opts: pulumi.CustomResourceOptions = {}) {
    const props: Record<string, unknown> = {
      certificateId: undefined,
      domain: undefined,
      certificate: undefined,
      certificateChain: undefined,
      entireCertificate: undefined,
      privateKey: undefined,
      encCertificate: undefined,
      encPrivateKey: undefined,
      notBefore: undefined,
      notAfter: undefined,
      serialNumber: undefined,
      fingerprintSha256: undefined,
      subject: undefined,
      subjectAlternativeNames: undefined,
      issuer: undefined,
      keyAlgorithm: undefined,
      ...(opts.id === undefined
        ? {
            ...args,
            // The provider attaches its diagnostics to this resource by its URN, which the
            // dynamic-provider host does not pass on. Keys starting with `__` are not displayed.
            __urn: pulumi.createUrn(name, `pulumi-nodejs:dynamic:${RESOURCE_TYPE_NAME}`, opts.parent),
          }
        : {}),
    };
    const additionalSecretOutputs = [
      ...new Set([...(opts.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS]),
    ];
    super(dynamicProvider, name, props, { ...opts, additionalSecretOutputs }, undefined, RESOURCE_TYPE_NAME);

    // Expiry shows up at preview, up and refresh alike, on this resource, from the known state.
    pulumi
      .all([this.certificateId, this.domain, this.subject, this.notAfter, args?.expiryWarningDays])
      .apply(([certificateId, domain, subject, notAfter, days]) => {
        if (!notAfter || !certificateId) return;
        const message = expiryWarning({
          certificateId,
          domain: domain ?? subject ?? certificateId,
          notAfter,
          now: new Date(),
          expiryWarningDays: days,
          selectedBy: domain ? "domain" : "certificateId",
        });
        if (message) void pulumi.log.warn(message, this);
      });
  }

  /**
   * Reads a certificate already in SCM into the program, by its certificate id (or by
   * `domain:<name>`, the id of a resource that follows a domain).
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    opts?: pulumi.CustomResourceOptions,
  ): ScmExportedCertificate {
    return new ScmExportedCertificate(name, {}, { ...opts, id });
  }
}
