/**
 * Reads the distinguished names Node prints for `X509Certificate.subject` and `.issuer`: one
 * relative name per line, several attributes of one line joined by ` + `, values escaped as
 * RFC 2253 says (`\,`) with control characters as `\XX`.
 */

/** One attribute of a name: its short type (`CN`, `O`, …) and its value exactly as printed. */
interface NameAttribute {
  readonly type: string;
  readonly value: string;
}

function attributes(nodeName: string): NameAttribute[] {
  return nodeName
    .split("\n")
    .filter((line) => line !== "")
    .flatMap((line) => line.split(" + "))
    .map((attribute) => {
      const equals = attribute.indexOf("=");
      return { type: attribute.slice(0, equals), value: attribute.slice(equals + 1) };
    });
}

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

/**
 * The name's common name, unescaped, or `undefined` when it has none. With several, the last one
 * (the most specific, the one OpenSSL's host name check reads).
 */
export function commonName(nodeName: string): string | undefined {
  const value = attributes(nodeName).findLast((attribute) => attribute.type === "CN")?.value;
  return value === undefined ? undefined : unescapeValue(value);
}

function unescapeValue(value: string): string {
  return value.replace(/\\([0-9A-F]{2}|[\s\S])/g, (_, escaped: string) =>
    escaped.length === 2 ? String.fromCharCode(Number.parseInt(escaped, 16)) : escaped,
  );
}
