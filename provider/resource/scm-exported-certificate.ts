import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_TYPE_NAME } from "../constants";
import type { PfxEncryption } from "../keystore/pfx";
// Declaring a resource loads only these: the provider's implementation (HTTP, validation, X.509
// checks, key formats) is loaded by the provider host when it runs.
import { combinedPemOf, entireCertificateOf, privateKeyPkcs8Of } from "./derived-outputs";
import * as dynamicProvider from "./dynamic-provider";
import { expiryNotice } from "./expiry-notice";
import { type DERIVED_OUTPUTS, REGISTERED_OUTPUTS, SECRET_INPUTS, SECRET_OUTPUTS } from "./outputs";

/** Arguments of {@link ScmExportedCertificate}. Set `certificateId` or `domain`, not both. */
export interface ScmExportedCertificateArgs {
  /** The SCM certificate to export, e.g. `scs1627959834994`. Changing it replaces the resource. */
  readonly certificateId?: pulumi.Input<string>;
  /**
   * Follow renewals: export the valid ISSUED or UPLOAD certificate named for this domain that
   * expires last; when none is, the one expiring last among those covering it by a wildcard
   * (`*.example.com` covers `shop.example.com`) or a SAN. Changing it replaces the resource.
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
  /**
   * Set to get {@link ScmExportedCertificate.pfx}: the password of the PKCS#12 file. `""` makes a
   * PFX under the empty password, for tools that take one without. Kept secret in the state.
   */
  readonly pfxPassword?: pulumi.Input<string>;
  /**
   * How the PFX is encrypted: `AES256-SHA256` (AES-256-CBC with PBKDF2, as OpenSSL 3 writes) or
   * `TripleDES-SHA1` (3DES with a SHA-1 MAC, for Windows Server 2016 and older Java). @default "AES256-SHA256"
   */
  readonly pfxEncryption?: pulumi.Input<PfxEncryption>;
  /** Set to get {@link ScmExportedCertificate.encryptedPrivateKey}: its passphrase. Kept secret in the state. */
  readonly privateKeyPassphrase?: pulumi.Input<string>;
}

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
  /** The private key, PEM, in the form SCM returned it (PKCS#1, SEC 1 or PKCS#8). A secret, encrypted in the state. */
  declare readonly privateKey: pulumi.Output<string>;
  /**
   * The private key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`), what Java and Azure Key Vault
   * take. A secret. Absent when Node's OpenSSL cannot read the key (a warning says so).
   */
  declare readonly privateKeyPkcs8: pulumi.Output<string | undefined>;
  /**
   * With `privateKeyPassphrase`: the private key as encrypted PKCS#8 PEM
   * (`BEGIN ENCRYPTED PRIVATE KEY`, AES-256-CBC with PBKDF2), for NGINX's `ssl_password_file` or F5. A secret.
   */
  declare readonly encryptedPrivateKey: pulumi.Output<string | undefined>;
  /** The private key, the certificate and the chain in one PEM, in that order: HAProxy's `crt`. A secret. */
  declare readonly combinedPem: pulumi.Output<string>;
  /**
   * With `pfxPassword`: the certificate, its chain and the private key as PKCS#12, base64, for
   * Azure Key Vault and Application Gateway, IIS and Java keystores. A secret.
   */
  declare readonly pfx: pulumi.Output<string | undefined>;
  /** SM2 certificates only: the encryption certificate. */
  declare readonly encCertificate: pulumi.Output<string | undefined>;
  /** SM2 certificates only: the encryption private key, PEM. A secret. */
  declare readonly encPrivateKey: pulumi.Output<string | undefined>;
  /**
   * SM2 certificates whose CSR the user made: the encryption private key as SCM returns it then,
   * a digital envelope (base64, not PEM) that the signing key opens. A secret.
   */
  declare readonly encPrivateKeyEnvelope: pulumi.Output<string | undefined>;
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
      ...Object.fromEntries(REGISTERED_OUTPUTS.map((output) => [output, undefined])),
      // A read by id takes only the inputs that shape the outputs of the key; the rest is in SCM.
      ...(opts.id === undefined
        ? {
            ...withSecretInputs(args),
            // The provider attaches its diagnostics to this resource by its URN, which the
            // dynamic-provider host does not pass on. Keys starting with `__` are not displayed.
            __urn: pulumi.createUrn(name, `pulumi-nodejs:dynamic:${RESOURCE_TYPE_NAME}`, opts.parent),
          }
        : withSecretInputs(keyFormatInputs(args))),
    };
    const additionalSecretOutputs = [
      ...new Set([...(opts.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS]),
    ];
    super(dynamicProvider, name, props, { ...opts, additionalSecretOutputs }, undefined, RESOURCE_TYPE_NAME);

    // Computed here from the stored outputs, which they repeat: each PEM is stored once. Those
    // built from the private key are secrets, as it is. Each is built when first read: a program
    // reads few of them, and otherwise every resource would pay for them at every preview and up
    // (the PKCS#8 form parses the key).
    derivedOutput(this, "entireCertificate", () =>
      pulumi
        .all([this.certificate, this.certificateChain])
        .apply(([certificate, chain]) => entireCertificateOf(certificate, chain)),
    );
    derivedOutput(this, "combinedPem", () =>
      pulumi
        .all([this.privateKey, this.certificate, this.certificateChain])
        .apply(([privateKey, certificate, chain]) => combinedPemOf(privateKey, certificate, chain)),
    );
    derivedOutput(this, "privateKeyPkcs8", () => this.privateKey.apply(privateKeyPkcs8Of));

    // Expiry shows up at preview, up and refresh alike, on this resource, from the known state.
    pulumi
      .all([this.certificateId, this.domain, this.subject, this.notAfter, args?.expiryWarningDays])
      .apply(([certificateId, domain, subject, notAfter, days]) => {
        const message = expiryNotice({ certificateId, domain, subject, notAfter }, days);
        if (message) void pulumi.log.warn(message, this);
      });
  }

  /**
   * Reads a certificate already in SCM into the program, by its certificate id (or by
   * `domain:<name>`, the id of a resource that follows a domain). Pass `keyFormats` to get
   * `pfx` or `encryptedPrivateKey` too.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    opts?: pulumi.CustomResourceOptions,
    keyFormats: ScmKeyFormatArgs = {},
  ): ScmExportedCertificate {
    return new ScmExportedCertificate(name, keyFormats, { ...opts, id });
  }
}

/**
 * Defines `key` on `resource` as an enumerable property whose output `make` builds on first read,
 * then keeps as a plain value.
 */
function derivedOutput<K extends (typeof DERIVED_OUTPUTS)[number]>(
  resource: ScmExportedCertificate,
  key: K,
  make: () => ScmExportedCertificate[K],
): void {
  Object.defineProperty(resource, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(resource, key, { value, enumerable: true });
      return value;
    },
  });
}

/** The inputs that ask for the key in more forms, which {@link ScmExportedCertificate.get} takes too. */
export type ScmKeyFormatArgs = Pick<
  ScmExportedCertificateArgs,
  "pfxPassword" | "pfxEncryption" | "privateKeyPassphrase"
>;

function keyFormatInputs(args: ScmExportedCertificateArgs | undefined): ScmKeyFormatArgs {
  const { pfxPassword, pfxEncryption, privateKeyPassphrase } = args ?? {};
  return Object.fromEntries(
    Object.entries({ pfxPassword, pfxEncryption, privateKeyPassphrase }).filter(([, v]) => v !== undefined),
  );
}

/** The args with each password wrapped as a secret, so that it never sits in the state in clear text. */
function withSecretInputs(args: ScmExportedCertificateArgs | undefined): Record<string, unknown> {
  const wrapped: Record<string, unknown> = { ...args };
  for (const name of SECRET_INPUTS) {
    const value = args?.[name];
    if (value !== undefined) wrapped[name] = pulumi.secret(value);
  }
  return wrapped;
}
