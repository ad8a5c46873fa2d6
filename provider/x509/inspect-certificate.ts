import { ScmCertificateError } from "../errors";
import { chainWarnings } from "./chain-check";
import { compareKeyWithCertificate } from "./key-match";
import { parseCertificate } from "./parse-certificate";
import { certificateBlocksOf, normalizePem } from "./pem";
import { validityWarnings } from "./validity";
import { type CertificateMetadata, metadataOf } from "./x509-metadata";

/** An export as SCM sent it, and when it is looked at. */
export interface ExportToInspect {
  readonly certificateId: string;
  readonly certificate: string;
  readonly certificateChain: string;
  readonly privateKey: string;
  /** The time validity is judged at. */
  readonly now: Date;
}

/** The PEM outputs, each with `\n` line ends and one trailing newline. */
export interface NormalizedExport {
  readonly certificate: string;
  readonly certificateChain: string;
  /** The certificate followed by the chain. */
  readonly entireCertificate: string;
  readonly privateKey: string;
}

/** What {@link inspectExport} found. */
export interface ExportInspection {
  readonly normalized: NormalizedExport;
  /** `undefined` when Node's OpenSSL cannot parse the certificate (a warning says so). */
  readonly metadata: CertificateMetadata | undefined;
  /** Problems worth a `pulumi` warning: chain order, a CA as leaf, validity, an unreadable key. */
  readonly warnings: string[];
}

/**
 * Normalises an export's PEM, reads the certificate's metadata and checks the key, the chain and
 * the validity. Throws {@link ScmCertificateError} when the private key does not match the
 * certificate, so that nothing is written to the state; the message never holds key material.
 * A certificate Node cannot parse (some SM2 ones) is not an error: the metadata is absent, a
 * warning says so, and neither the key nor the chain is checked.
 */
export function inspectExport(exported: ExportToInspect): ExportInspection {
  // Only certificates reach the non-secret outputs: any other block (a key an uploaded bundle
  // carried) is dropped with a warning that names its label, never its content.
  const leaf = certificateBlocksOf(exported.certificate);
  const chain = certificateBlocksOf(exported.certificateChain);
  if (leaf.pem === "") {
    throw new ScmCertificateError(
      `The certificate exported for ${exported.certificateId} holds no CERTIFICATE block` +
        `${leaf.dropped.length > 0 ? ` (only ${leaf.dropped.join(", ")})` : ""}: nothing was written to the state.`,
    );
  }
  const droppedWarnings = [
    ...droppedBlocks("certificate", leaf.dropped),
    ...droppedBlocks("certificate_chain", chain.dropped),
  ];
  const certificatePem = leaf.pem;
  const chainPem = chain.pem;
  const normalized: NormalizedExport = {
    certificate: certificatePem,
    certificateChain: chainPem,
    // Both parts are normalised already: joining them is all that is left.
    entireCertificate: `${certificatePem}${chainPem}`,
    privateKey: normalizePem(exported.privateKey),
  };
  const certificate = parseCertificate(normalized.certificate);
  if (certificate === undefined) {
    const warning =
      `The certificate of ${exported.certificateId} cannot be parsed by Node's OpenSSL (an algorithm it lacks, ` +
      "or a damaged certificate): the metadata outputs are absent, and the key and the chain were not checked.";
    return { normalized, metadata: undefined, warnings: [...droppedWarnings, warning] };
  }
  const metadata = metadataOf(certificate);
  const warnings: string[] = [...droppedWarnings];
  switch (compareKeyWithCertificate(certificate, normalized.privateKey)) {
    case "not-match":
      throw new ScmCertificateError(
        `The private key exported for certificate ${exported.certificateId} (${JSON.stringify(metadata.subject)}) ` +
          "does not match the certificate: nothing was written to the state. Check the certificate in SCM " +
          "(an uploaded certificate may have been paired with the wrong key) and export it again.",
      );
    case "unreadable":
      warnings.push(
        `The private key exported for certificate ${exported.certificateId} cannot be read by Node's OpenSSL ` +
          "(encrypted, or an algorithm it lacks), so it was not checked against the certificate.",
      );
      break;
    case "matches":
      break;
  }
  warnings.push(...chainWarnings(certificate, normalized.certificateChain));
  warnings.push(...validityWarnings(metadata, exported.now));
  return { normalized, metadata, warnings };
}

/** A warning for each block other than a certificate found in SCM's `field`, by label only. */
function droppedBlocks(field: string, labels: readonly string[]): string[] {
  return labels.map(
    (label) =>
      `SCM's ${field} held a ${label} block: it was left out of certificate, certificateChain and entireCertificate, which keep only CERTIFICATE blocks (the private key is in privateKey).`,
  );
}
