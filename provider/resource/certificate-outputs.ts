import * as pulumi from "@pulumi/pulumi";
import type { ExportedCertificate } from "../scm-client";
import { certificateBlocksOf, inspectExport, normalizePem } from "../x509";
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
  now: Date = new Date(),
): Record<string, unknown> {
  const inspected = inspectExport({
    certificateId: exported.certificateId,
    certificate: exported.certificate,
    certificateChain: exported.certificateChain,
    privateKey: exported.privateKey,
    now,
  });
  for (const warning of inspected.warnings) pulumi.log.warn(`${exported.certificateId}: ${warning}`);
  const meta = inspected.metadata;
  const outputs: CertificateOutputs = {
    certificateId: exported.certificateId,
    ...inspected.normalized,
    ...(exported.encCertificate ? { encCertificate: encCertificateOutput(exported) } : {}),
    ...(exported.encPrivateKey ? { encPrivateKey: normalizePem(exported.encPrivateKey) } : {}),
    ...meta,
  };
  // Inputs are part of the state too; undefined ones are left out.
  const stored = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined));
  return { ...stored, ...outputs };
}

/** The SM2 encryption certificate, not secret either: its certificate blocks alone. */
function encCertificateOutput(exported: ExportedCertificate): string {
  const { pem, dropped } = certificateBlocksOf(exported.encCertificate as string);
  for (const label of dropped) {
    pulumi.log.warn(
      `${exported.certificateId}: SCM's enc_certificate held a ${label} block: it was left out of encCertificate.`,
    );
  }
  return pem;
}
