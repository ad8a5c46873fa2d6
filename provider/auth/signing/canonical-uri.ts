import { uriEncode } from "./uri-encode";

/**
 * The canonical URI of a path: each segment decoded, then encoded with {@link uriEncode}, always
 * ending in `/`. Decoding first means a path already encoded for the wire (`/a%20b`) signs the
 * same as the raw path Huawei's SDKs sign (`/a b`), instead of being encoded twice.
 *
 * @example canonicalUri("/v3/scm/certificates/scs1/export") // "/v3/scm/certificates/scs1/export/"
 */
export function canonicalUri(path: string): string {
  const encoded = path
    .split("/")
    .map((segment) => uriEncode(decodeSegment(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/** Decodes a segment; one that is not valid percent-encoding is taken as written. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
