import { createPrivateKey, type KeyObject } from "node:crypto";

/**
 * The private key in the PEM forms consumers ask for besides the one SCM returned. Node's own
 * OpenSSL does the conversions; no error of it is passed on, as OpenSSL may quote the key.
 */

/** Reads a PEM private key (PKCS#1, SEC 1 or PKCS#8); `undefined` when Node's OpenSSL cannot. */
export function readPrivateKey(privateKeyPem: string): KeyObject | undefined {
  try {
    return createPrivateKey({ key: privateKeyPem, format: "pem" });
  } catch {
    return undefined;
  }
}

/** The key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`). */
export function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}

/** The key as unencrypted PKCS#8 DER, as a PKCS#12 key bag holds it. */
export function pkcs8Der(key: KeyObject): Buffer {
  return key.export({ type: "pkcs8", format: "der" });
}

/**
 * The key as encrypted PKCS#8 PEM (`BEGIN ENCRYPTED PRIVATE KEY`): PBES2 with AES-256-CBC and
 * PBKDF2, as `openssl pkcs8 -topk8 -v2 aes-256-cbc` writes it.
 */
export function encryptedPkcs8Pem(key: KeyObject, passphrase: string): string {
  return key.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase }).toString();
}

/**
 * One PEM with the key, then the certificate, then its chain: the file HAProxy's `crt` reads
 * (intermediates must follow the leaf), in the order cert-manager's `CombinedPEM` uses.
 */
export function combinedPem(privateKeyPem: string, entireCertificatePem: string): string {
  return `${privateKeyPem}${entireCertificatePem}`;
}
