import { X509Certificate } from "node:crypto";

/**
 * Parses the first certificate of a PEM text with Node's OpenSSL, or returns `undefined` when it
 * cannot (garbage, an algorithm this Node's OpenSSL lacks): callers turn that into a warning.
 */
export function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}
