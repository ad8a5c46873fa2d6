/** Certificate insight: normalised PEM, metadata, key, chain and validity checks. */
export { checkChain } from "./chain-check";
export {
  type ExportInspection,
  type ExportToInspect,
  inspectExport,
  type NormalizedExport,
} from "./inspect-certificate";
export { compareKeyWithCertificate, type KeyMatch, privateKeyMatchesCertificate } from "./key-match";
export {
  type CertificateBlocks,
  certificateBlocksOf,
  joinPem,
  normalizePem,
  type PemBlock,
  splitPemBlocks,
} from "./pem";
export {
  DEFAULT_EXPIRY_WARNING_DAYS,
  type ExpiryWarningInput,
  expiryWarning,
  validityWarnings,
} from "./validity";
export { type CertificateMetadata, certificateMetadata } from "./x509-metadata";
