import { createHmac } from "node:crypto";

/** Hex HMAC-SHA256 of the string to sign, keyed with the secret key. */
export function hmacSignature(secretKey: string, stringToSign: string): string {
  return createHmac("sha256", secretKey).update(stringToSign, "utf8").digest("hex");
}
