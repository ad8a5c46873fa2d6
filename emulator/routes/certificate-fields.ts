/** Fields list and show derive from a stored certificate, in SCM's spelling and formats. */

import { createHash } from "node:crypto";
import type { EmulatedCertificate } from "../types";

/** SCM's timestamp form, in UTC: `2021-05-27 16:46:25.0`. */
export function scmTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}.0`;
}

export function signatureAlgorithm(certificate: EmulatedCertificate): string {
  if (certificate.encCertificate !== undefined) return "SM2";
  return certificate.keyType === "rsa" ? "SHA256WITHRSA" : "SHA256WITHECDSA";
}

/** The key of the signature algorithm field: older responses spell it `signature_algrithm`. */
export function signatureAlgorithmKey(legacy: boolean): string {
  return legacy ? "signature_algrithm" : "signature_algorithm";
}

export function domainType(certificate: EmulatedCertificate): string {
  if (certificate.sans.length > 1) return "MULTI_DOMAIN";
  return certificate.domain.startsWith("*.") ? "WILDCARD" : "SINGLE_DOMAIN";
}

/** Validity in whole months. */
export function validityPeriodMonths(certificate: EmulatedCertificate): number {
  const months = (certificate.notAfter.getTime() - certificate.notBefore.getTime()) / (30.44 * 86_400_000);
  return Math.max(1, Math.round(months));
}

export function wildcardCount(certificate: EmulatedCertificate): number {
  return certificate.sans.filter((san) => san.startsWith("*.")).length;
}

/** Upper-case hex SHA-1 of the certificate's DER. */
export function sha1Fingerprint(certificate: EmulatedCertificate): string {
  const base64 = certificate.certificate.replace(/-----[^-]+-----|\s/g, "");
  return createHash("sha1").update(Buffer.from(base64, "base64")).digest("hex").toUpperCase();
}
