import type { ExportedCertificate } from "../scm-client";
import { inspectExport, normalizePem } from "../x509";
import type { ResourceInputs } from "./resource-inputs";

/** Everything the resource stores as outputs, besides its inputs. */
export interface CertificateOutputs {
  certificateId: string;
  certificate: string;
  certificateChain: string;
  entireCertificate: string;
  privateKey: string;
  encCertificate?: string;
  encPrivateKey?: string;
  notBefore?: string;
  notAfter?: string;
  serialNumber?: string;
  fingerprintSha256?: string;
  subject?: string;
  subjectAlternativeNames?: string[];
  issuer?: string;
  keyAlgorithm?: string;
}

/**
 * Turns an export into the resource's outputs: PEM normalised, metadata parsed, the key checked
 * against the certificate (a mismatch throws, so nothing reaches the state), and warnings logged.
 */
export function certificateOutputs(
  inputs: ResourceInputs,
  exported: ExportedCertificate,
  warn: (message: string) => void,
  now: Date = new Date(),
): Record<string, unknown> {
  const inspected = inspectExport({
    certificateId: exported.certificateId,
    certificate: exported.certificate,
    certificateChain: exported.certificateChain,
    privateKey: exported.privateKey,
    now,
  });
  for (const warning of inspected.warnings) warn(`${exported.certificateId}: ${warning}`);
  const meta = inspected.metadata;
  const outputs: CertificateOutputs = {
    certificateId: exported.certificateId,
    ...inspected.normalized,
    ...(exported.encCertificate ? { encCertificate: normalizePem(exported.encCertificate) } : {}),
    ...(exported.encPrivateKey ? { encPrivateKey: normalizePem(exported.encPrivateKey) } : {}),
    ...meta,
  };
  // Inputs are part of the state too; undefined ones are left out, and the certificate selected
  // for a domain is `certificateId`.
  const { selectedCertificateId: _, ...declared } = inputs;
  const stored = Object.fromEntries(Object.entries(declared).filter(([, v]) => v !== undefined));
  return { ...stored, ...outputs };
}
