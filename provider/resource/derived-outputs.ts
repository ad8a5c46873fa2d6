import { combinedPem, pkcs8Pem, readPrivateKey } from "../keystore/key-formats";

// Outputs that repeat what the state already holds are computed in the program from the stored
// ones, so each PEM is stored once per resource (a stack of hundreds writes its state after every
// step). These functions are all that computes them.

/** The certificate followed by its chain. */
export function entireCertificateOf(certificate: string, certificateChain: string): string {
  return `${certificate}${certificateChain}`;
}

/** The key, the certificate and the chain in one PEM, in the order HAProxy reads them. */
export function combinedPemOf(privateKey: string, certificate: string, certificateChain: string): string {
  return combinedPem(privateKey, entireCertificateOf(certificate, certificateChain));
}

/** The key as unencrypted PKCS#8 PEM; `undefined` when Node's OpenSSL cannot read it (SM2). */
export function privateKeyPkcs8Of(privateKey: string): string | undefined {
  const key = readPrivateKey(privateKey);
  return key ? pkcs8Pem(key) : undefined;
}
