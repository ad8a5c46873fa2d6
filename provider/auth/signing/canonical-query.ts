import { uriEncode } from "./uri-encode";

/**
 * The canonical query string of a URL: parameters sorted by name, a repeated name's values
 * sorted, both before encoding (as Huawei's SDKs sort), each encoded with {@link uriEncode} and
 * written `name=value`, joined by `&`. Empty when the URL has no query.
 *
 * @example canonicalQuery(new URL("https://h/p?b=2&a=&b=1")) // "a=&b=1&b=2"
 */
export function canonicalQuery(url: URL): string {
  const valuesByName = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) {
    const values = valuesByName.get(name);
    if (values) values.push(value);
    else valuesByName.set(name, [value]);
  }
  const pairs: string[] = [];
  for (const name of [...valuesByName.keys()].sort()) {
    for (const value of (valuesByName.get(name) ?? []).sort()) {
      pairs.push(`${uriEncode(name)}=${uriEncode(value)}`);
    }
  }
  return pairs.join("&");
}
