import { createPrivateKey, type X509Certificate } from "node:crypto";

/**
 * How a private key relates to a certificate: it `matches`, it is a readable key that does
 * `not-match`, or it is `unreadable` (not a key, encrypted, or an algorithm Node lacks).
 */
export type KeyMatch = "matches" | "not-match" | "unreadable";

/**
 * Compares a private key with a parsed certificate's public key. Accepts PKCS#1
 * (`RSA PRIVATE KEY`), SEC 1 (`EC PRIVATE KEY`) and PKCS#8 (`PRIVATE KEY`) PEM. Never throws, and
 * keeps nothing of the key: OpenSSL's errors are dropped, as they could quote it.
 */
export function compareKeyWithCertificate(certificate: X509Certificate, privateKeyPem: string): KeyMatch {
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(privateKeyPem);
  } catch {
    return "unreadable";
  }
  try {
    return certificate.checkPrivateKey(privateKey) ? "matches" : "not-match";
  } catch {
    // OpenSSL refuses to compare keys of different types: they do not match either.
    return "not-match";
  }
}
