import type { X509Certificate } from "node:crypto";
import { displayName, formatDistinguishedName } from "./distinguished-name";
import { keyAlgorithm } from "./key-algorithm";
import { hostNames } from "./subject-alt-names";

/**
 * What a person checks with `openssl x509 -noout -text` before putting a certificate on a load
 * balancer. Every field is a pure function of the certificate, so it is stable between refreshes.
 */
export interface CertificateMetadata {
  /** Start of validity, RFC 3339 in UTC to the second, e.g. `2026-01-02T03:04:05Z`. */
  readonly notBefore: string;
  /** End of validity, RFC 3339 in UTC to the second, e.g. `2027-01-02T03:04:05Z`. */
  readonly notAfter: string;
  /** Serial number in upper-case hex, an even number of digits, as `openssl x509 -noout -serial` prints it (`0A1B`). */
  readonly serialNumber: string;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by `:`, as `openssl x509 -noout -fingerprint -sha256` prints it. */
  readonly fingerprintSha256: string;
  /** The subject's common name (`shop.example.com`); the whole subject name when it has no common name. */
  readonly subject: string;
  /** DNS names and IP addresses the certificate covers, in its order, without `DNS:` / `IP Address:` prefixes. */
  readonly subjectAlternativeNames: string[];
  /**
   * The issuer's whole name, so that both the CA and its organisation show:
   * `C=US, O=Let's Encrypt, CN=R3` (the certificate's order, RFC 2253 escaping).
   */
  readonly issuer: string;
  /** Key algorithm and size: `RSA-2048`, `RSA-4096`, `EC-P256`, `EC-P384`, `Ed25519`, `SM2`, … */
  readonly keyAlgorithm: string;
}

/** The metadata of a parsed certificate, as the resource outputs it. */
export function metadataOf(certificate: X509Certificate): CertificateMetadata {
  return {
    notBefore: rfc3339(certificate.validFromDate ?? new Date(certificate.validFrom)),
    notAfter: rfc3339(certificate.validToDate ?? new Date(certificate.validTo)),
    serialNumber: serialNumber(certificate.serialNumber),
    fingerprintSha256: certificate.fingerprint256,
    subject: displayName(certificate.subject),
    subjectAlternativeNames: hostNames(certificate.subjectAltName),
    issuer: formatDistinguishedName(certificate.issuer),
    keyAlgorithm: keyAlgorithm(certificate.publicKey),
  };
}

/** A date as RFC 3339 in UTC without fractions: certificates count in whole seconds. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Node prints serial 0 as `0`; OpenSSL prints whole bytes (`00`), as do people comparing them. */
function serialNumber(hex: string): string {
  const sign = hex.startsWith("-") ? "-" : "";
  const digits = hex.slice(sign.length).toUpperCase();
  return `${sign}${digits.length % 2 === 1 ? `0${digits}` : digits}`;
}
