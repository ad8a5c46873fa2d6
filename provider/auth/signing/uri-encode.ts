/**
 * Percent-encodes everything except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`),
 * with upper-case hex, as the `SDK-HMAC-SHA256` canonical form requires.
 *
 * @example uriEncode("a b*") // "a%20b%2A"
 */
export function uriEncode(value: string): string {
  // encodeURIComponent also leaves ! ' ( ) * alone; the canonical form does not.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
