/**
 * The pieces of a PEM private key a leak would show: every base64 line of its body, and the whole
 * body joined on one line. Tests assert that none appears in a message.
 */
export function keyMaterial(privateKeyPem: string): string[] {
  const lines = privateKeyPem
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("-----"));
  return [...lines, lines.join("")].filter((piece) => piece.length >= 16);
}

/** The pieces of `privateKeyPem` found in `text`: empty when nothing leaked. */
export function leakedKeyMaterial(text: string, privateKeyPem: string): string[] {
  return keyMaterial(privateKeyPem).filter((piece) => text.includes(piece));
}
