import { headerMap } from "./header-map";

/**
 * The canonical headers: `name:value\n` for each signed header, in the order given (lower-case,
 * sorted, as {@link signedHeaderNames} returns them). Values are trimmed, since the receiving
 * server sees them without surrounding whitespace; a signed header that is absent reads as empty.
 *
 * @example canonicalHeaders({ Host: "h" }, ["host"]) // "host:h\n"
 */
export function canonicalHeaders(
  headers: Readonly<Record<string, string>>,
  signedHeaders: readonly string[],
): string {
  const byName = headerMap(headers);
  return signedHeaders.map((name) => `${name}:${(byName.get(name) ?? "").trim()}\n`).join("");
}
