/**
 * Reads the distinguished names Node prints for `X509Certificate.subject` and `.issuer`: one
 * relative name per line, several attributes of one line joined by ` + `, values escaped as
 * RFC 2253 says (`\,`) with control characters as `\XX`.
 */

/**
 * The name on one line, in the certificate's order, escaped as RFC 2253 says: exactly what
 * `openssl x509 -noout -issuer -nameopt esc_2253,esc_ctrl,utf8,sep_comma_plus_space,sname`
 * prints after `issuer=`.
 *
 * @example formatDistinguishedName("C=US\nO=Let's Encrypt\nCN=R3") // "C=US, O=Let's Encrypt, CN=R3"
 */
export function formatDistinguishedName(nodeName: string): string {
  return nodeName
    .split("\n")
    .filter((line) => line !== "")
    .join(", ");
}

/** How a person names a certificate: its common name, else its whole name on one line. */
export function displayName(nodeName: string): string {
  return commonName(nodeName) ?? formatDistinguishedName(nodeName);
}

/**
 * The name's common name, unescaped, or `undefined` when it has none. With several, the last one
 * (the most specific, the one OpenSSL's host name check reads).
 */
export function commonName(nodeName: string): string | undefined {
  const lines = nodeName.split("\n");
  for (let line = lines.length - 1; line >= 0; line--) {
    const attributes = (lines[line] as string).split(" + ");
    for (let index = attributes.length - 1; index >= 0; index--) {
      const attribute = attributes[index] as string;
      if (attribute.startsWith("CN=")) return unescapeValue(attribute.slice(3));
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  if (!value.includes("\\")) return value;
  return value.replace(/\\([0-9A-F]{2}|[\s\S])/g, (_, escaped: string) =>
    escaped.length === 2 ? String.fromCharCode(Number.parseInt(escaped, 16)) : escaped,
  );
}
