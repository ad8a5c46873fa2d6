import type { KeyObject } from "node:crypto";

/** NIST names of the curves TLS uses, by the OpenSSL names Node reports. */
const NIST_CURVES: Readonly<Record<string, string>> = {
  prime256v1: "P256",
  secp384r1: "P384",
  secp521r1: "P521",
};

/**
 * The start of an SM2 key's SubjectPublicKeyInfo after its outer length: the id-ecPublicKey
 * algorithm with the SM2 curve (1.2.156.10197.1.301). Node reports no type for SM2 keys.
 */
const SM2_ALGORITHM_IDENTIFIER = Buffer.from("301306072a8648ce3d020106082a811ccf5501822d", "hex");

/**
 * A certificate key's algorithm and size, as people write it: `RSA-2048`, `RSA-PSS-3072`,
 * `EC-P256`, `EC-P384`, `EC-P521` (another curve by its OpenSSL name, `EC-secp256k1`), `Ed25519`,
 * `Ed448`, `SM2`, `DSA-2048`; `unknown` when Node cannot tell.
 */
export function keyAlgorithm(publicKey: KeyObject): string {
  const details = publicKey.asymmetricKeyDetails ?? {};
  switch (publicKey.asymmetricKeyType) {
    case "rsa":
      return `RSA-${details.modulusLength}`;
    case "rsa-pss":
      return `RSA-PSS-${details.modulusLength}`;
    case "dsa":
      return `DSA-${details.modulusLength}`;
    case "ec": {
      const curve = details.namedCurve ?? "unknown";
      return `EC-${NIST_CURVES[curve] ?? curve}`;
    }
    case "ed25519":
      return "Ed25519";
    case "ed448":
      return "Ed448";
    case undefined:
      return isSm2(publicKey) ? "SM2" : "unknown";
    default:
      return publicKey.asymmetricKeyType.toUpperCase();
  }
}

function isSm2(publicKey: KeyObject): boolean {
  try {
    const spki = publicKey.export({ type: "spki", format: "der" });
    return spki.subarray(2, 2 + SM2_ALGORITHM_IDENTIFIER.length).equals(SM2_ALGORITHM_IDENTIFIER);
  } catch {
    return false;
  }
}
