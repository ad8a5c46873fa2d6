import { SIGNING_ALGORITHM } from "../../constants";

/** The parts of an `SDK-HMAC-SHA256` `Authorization` header. */
export interface AuthorizationParts {
  readonly accessKey: string;
  /** Lower-case, sorted names of the signed headers. */
  readonly signedHeaders: readonly string[];
  /** Hex HMAC-SHA256 signature. */
  readonly signature: string;
}

/**
 * The `Authorization` header value:
 * `SDK-HMAC-SHA256 Access={AK}, SignedHeaders={a;b}, Signature={hex}`.
 */
export function authorizationHeader(parts: AuthorizationParts): string {
  return `${SIGNING_ALGORITHM} Access=${parts.accessKey}, SignedHeaders=${parts.signedHeaders.join(";")}, Signature=${parts.signature}`;
}

const AUTHORIZATION = new RegExp(
  `^${SIGNING_ALGORITHM}\\s+Access=([^\\s,]+)\\s*,\\s*SignedHeaders=([^\\s,]+)\\s*,\\s*Signature=([0-9a-fA-F]+)$`,
);

/** Reads an `Authorization` header written by {@link authorizationHeader}; `undefined` otherwise. */
export function parseAuthorizationHeader(
  value: string,
): { accessKey: string; signedHeaders: string[]; signature: string } | undefined {
  const match = AUTHORIZATION.exec(value.trim());
  if (!match) return undefined;
  const [, accessKey = "", signedHeaders = "", signature = ""] = match;
  return { accessKey, signedHeaders: signedHeaders.split(";"), signature };
}
