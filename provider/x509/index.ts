/** Certificate insight: normalised PEM, metadata, key, chain and validity checks. */
export {
  type ExportInspection,
  type ExportToInspect,
  inspectExport,
  type NormalizedExport,
} from "./inspect-certificate";
export { compareKeyWithCertificate, type KeyMatch } from "./key-match";
export {
  type CertificateBlocks,
  certificateBlocksOf,
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
export type { CertificateMetadata } from "./x509-metadata";
