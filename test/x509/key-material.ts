/**
 * The pieces of a PEM private key a leak would show: every base64 line of its body, and the whole
 * body joined on one line. Tests assert that none appears in a message. Pieces that also occur in
 * a public PEM given are left out: an RSA key holds the modulus its certificate holds, and a line
 * of it can coincide.
 */
export function keyMaterial(privateKeyPem: string, publicPems: readonly string[] = []): string[] {
  const lines = privateKeyPem
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("-----"));
  return [...lines, lines.join("")]
    .filter((piece) => piece.length >= 16)
    .filter((piece) => !publicPems.some((pem) => pem.includes(piece)));
}
