import { createHash } from "node:crypto";
import { SIGNING_ALGORITHM } from "../../constants";

/**
 * The string to sign: the algorithm, the `X-Sdk-Date` value and the hex SHA-256 of the canonical
 * request, joined by `\n`.
 */
export function stringToSign(sdkDate: string, canonicalRequest: string): string {
  const hash = createHash("sha256").update(canonicalRequest, "utf8").digest("hex");
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${hash}`;
}
