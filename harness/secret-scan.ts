import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// The scan that proves no secret appears in clear text: the exact values looked for in every
// text a user, a log or the state could show. Shared by the tests and the chaos run.

/** A value that must appear nowhere, with the name a finding gives it ("the token"). */
export type NamedSecret = readonly [name: string, value: string];
/** A text a user, a log or the state could see, with where it came from ("host stderr"). */
export type NamedText = readonly [where: string, text: string];

/**
 * Every place a secret value appears, as "<secret> found in <where>": empty when nothing leaked,
 * so `expect(secretFindings(...)).toEqual([])` names each leak on failure. Exact values only: a
 * private key is also looked for line by line (see {@link privateKeySecrets}), since a line of its
 * base64 body survives where the whole PEM does not (JSON-escaped newlines, a reflowed message).
 *
 * Throws when there is nothing to look for or nowhere to look, or a secret is empty (found
 * everywhere): a scan that cannot fail proves nothing.
 */
export function secretFindings(secrets: Iterable<NamedSecret>, texts: Iterable<NamedText>): string[] {
  const wanted = [...secrets];
  const scanned = [...texts];
  if (wanted.length === 0) throw new Error("the scan has no secret to look for");
  if (scanned.length === 0) throw new Error("the scan has no text to look in");
  const empty = wanted.find(([, value]) => value === "");
  if (empty) throw new Error(`the scan's secret ${empty[0]} is empty`);
  const findings = new Set<string>();
  for (const [where, text] of scanned) {
    for (const [name, value] of wanted) if (text.includes(value)) findings.add(`${name} found in ${where}`);
  }
  return [...findings];
}

/** The same name for each of `values`. */
export function named(name: string, values: Iterable<string>): NamedSecret[] {
  return [...values].map((value): NamedSecret => [name, value]);
}

/**
 * A private key as the scan looks for it: the whole PEM, each line of its base64 body and the body
 * on one line ({@link keyMaterial}), leaving out pieces that also occur in `publicPems` (its
 * certificate may share a line with it).
 */
export function privateKeySecrets(
  name: string,
  privateKeyPem: string,
  publicPems: readonly string[] = [],
): NamedSecret[] {
  return [
    [name, privateKeyPem],
    ...keyMaterial(privateKeyPem, publicPems).map(
      (piece, i): NamedSecret => [`${name} (piece ${i + 1})`, piece],
    ),
  ];
}

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

/** Every file under a folder, as text: what a backend or a project folder holds. */
export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, "latin1") }];
  });
}
