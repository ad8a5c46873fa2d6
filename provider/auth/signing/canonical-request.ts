import { canonicalHeaders } from "./canonical-headers";
import { canonicalQuery } from "./canonical-query";
import { canonicalUri } from "./canonical-uri";
import { payloadHash } from "./payload-hash";

/** What the canonical request is computed from. */
export interface CanonicalRequestInput {
  /** HTTP method, in any case. */
  readonly method: string;
  readonly url: URL;
  /** The headers sent, including `host` and `X-Sdk-Date`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Lower-case, sorted names of the headers to sign. */
  readonly signedHeaders: readonly string[];
  /** The body exactly as sent, or `undefined` for none. */
  readonly body: string | undefined;
}

/**
 * The canonical request of `SDK-HMAC-SHA256`: method, canonical URI, canonical query, canonical
 * headers, signed header names and payload hash, joined by `\n`.
 */
export function canonicalRequest(input: CanonicalRequestInput): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.url.pathname),
    canonicalQuery(input.url),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(";"),
    payloadHash(input.body),
  ].join("\n");
}
