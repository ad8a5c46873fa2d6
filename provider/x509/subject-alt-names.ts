/**
 * Reads Node's `X509Certificate.subjectAltName` text (`DNS:a.example, IP Address:10.0.0.1`), in
 * which a value that could be misread (one holding `,`, `"` or a control character) is written as
 * a JSON string.
 */

/** The SAN types a TLS client matches a host against, by the prefix Node and OpenSSL print. */
const HOST_TYPES = new Set(["DNS", "IP Address"]);

/**
 * The DNS names and IP addresses of a subjectAltName text, in the certificate's order, as plain
 * values without their `DNS:` / `IP Address:` prefix. IP addresses are written as OpenSSL writes
 * them (`10.0.0.1`, `2001:DB8:0:0:0:0:0:1`). Other types (email, URI, directory names) are left out:
 * clients never match a host against them.
 */
export function hostNames(subjectAltName: string | undefined): string[] {
  const names: string[] = [];
  let rest = subjectAltName ?? "";
  while (rest !== "") {
    const colon = rest.indexOf(":");
    if (colon === -1) break;
    const type = rest.slice(0, colon);
    const { value, remainder } = readValue(rest.slice(colon + 1));
    if (HOST_TYPES.has(type)) names.push(value);
    rest = remainder.startsWith(", ") ? remainder.slice(2) : "";
  }
  return names;
}

function readValue(text: string): { value: string; remainder: string } {
  if (text.startsWith('"')) {
    // A JSON string ends at the first quote that no backslash escapes.
    const end = /^"(?:[^"\\]|\\.)*"/.exec(text)?.[0];
    if (end !== undefined) {
      return { value: JSON.parse(end) as string, remainder: text.slice(end.length) };
    }
  }
  const comma = text.indexOf(", ");
  return comma === -1
    ? { value: text, remainder: "" }
    : { value: text.slice(0, comma), remainder: text.slice(comma) };
}
