import { createHash } from "node:crypto";
import { EMPTY_BODY_SHA256 } from "../../constants";

/**
 * Hex SHA-256 of the body's UTF-8 bytes; {@link EMPTY_BODY_SHA256} when there is none.
 */
export function payloadHash(body: string | undefined): string {
  if (body === undefined || body === "") return EMPTY_BODY_SHA256;
  return createHash("sha256").update(body, "utf8").digest("hex");
}
