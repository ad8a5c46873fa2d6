import { chainWarnings } from "../../provider/x509/chain-check";
import { compareKeyWithCertificate } from "../../provider/x509/key-match";
import { parseCertificate } from "../../provider/x509/parse-certificate";
import { normalizePem } from "../../provider/x509/pem";
import { type CertificateMetadata, metadataOf } from "../../provider/x509/x509-metadata";

// The x509 layer's steps from PEM text, as tests call them: the provider parses a certificate
// once (inspectExport) and runs each step on the parsed one.

/**
 * The chain warnings for a certificate given as PEM. A certificate that cannot be parsed is the
 * export inspection's case (test/x509/inspect-certificate.test.ts), never this one's.
 */
export function checkChain(certificatePem: string, chainPem: string): string[] {
  const certificate = parseCertificate(certificatePem);
  if (certificate === undefined) throw new Error("checkChain: the test's certificate does not parse");
  return chainWarnings(certificate, chainPem);
}

/** A certificate's metadata from its PEM, or `undefined` when Node's OpenSSL cannot parse it. */
export function certificateMetadata(certificatePem: string): CertificateMetadata | undefined {
  const certificate = parseCertificate(certificatePem);
  return certificate === undefined ? undefined : metadataOf(certificate);
}

/** Whether the private key belongs to the certificate; `false` when either cannot be parsed. */
export function privateKeyMatchesCertificate(certificatePem: string, privateKeyPem: string): boolean {
  const certificate = parseCertificate(certificatePem);
  return certificate !== undefined && compareKeyWithCertificate(certificate, privateKeyPem) === "matches";
}

/** PEM texts joined, each normalised: what `entireCertificate` holds. */
export function joinPem(...parts: readonly (string | undefined)[]): string {
  return parts.map((part) => (part === undefined ? "" : normalizePem(part))).join("");
}
