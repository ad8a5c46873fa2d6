import type { ProviderHost } from "../../harness/provider-host";
import { keyMaterial } from "../x509/key-material";

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

/** An error as a user would see it: its message and its stack. */
export function errorText(error: unknown): string {
  return `${(error as Error).message}\n${(error as Error).stack}`;
}

/** Each error's message and stack, named "<label> <n>". */
export function errorTexts(errors: readonly unknown[], label = "error"): NamedText[] {
  return errors.map((error, i): NamedText => [`${label} ${i + 1}`, errorText(error)]);
}

/** What a provider host printed and reported to the engine, named after `label`. */
export function hostTexts(host: ProviderHost, label = "host"): NamedText[] {
  return [
    [`${label} stdout`, host.stdout],
    [`${label} stderr`, host.stderr],
    [`${label} diagnostics`, host.diagnosticText],
  ];
}
