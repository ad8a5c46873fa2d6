import { combinedPemOf, entireCertificateOf, privateKeyPkcs8Of } from "../provider/resource/derived-outputs";

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----/g;

/** A PEM value in one line: its first header, how many blocks, and its size. */
function describePem(pem: string, secret: boolean): string {
  const blocks = [...pem.matchAll(PEM_BLOCK)];
  const count = blocks.length > 1 ? `${blocks.length} blocks, ` : "";
  return `${blocks[0]?.[0] ?? ""} … (${count}${Buffer.byteLength(pem)} bytes${secret ? ", secret" : ""})`;
}

/** One output as the table shows it. A secret is never shown: only what kind of value it is. */
export function displayValue(value: unknown, secret: boolean): string {
  if (typeof value === "string" && value.includes("-----BEGIN ")) return describePem(value, secret);
  if (secret)
    return `[secret] (${typeof value === "string" ? `${Buffer.byteLength(value)} bytes` : typeof value})`;
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/**
 * The outputs of a resource as an aligned two-column table, secrets masked, `__provider` and
 * `__urn` left out, with those a program computes from the stored ones (not kept in the state).
 */
export function outputTable(stored: Record<string, unknown>, secretOutputs: readonly string[]): string {
  const certificate = String(stored.certificate);
  const chain = String(stored.certificateChain);
  const key = String(stored.privateKey);
  const outputs: Record<string, unknown> = {
    ...stored,
    entireCertificate: entireCertificateOf(certificate, chain),
    combinedPem: combinedPemOf(key, certificate, chain),
    privateKeyPkcs8: privateKeyPkcs8Of(key),
  };
  const secret = [...secretOutputs, "combinedPem", "privateKeyPkcs8"];
  const rows = Object.entries(outputs)
    .sort(([a], [b]) => a.localeCompare(b))
    .filter(([name, value]) => !name.startsWith("__") && value !== undefined && value !== null)
    .map(([name, value]) => [name, displayValue(value, secret.includes(name))] as const);
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, shown]) => `  ${name.padEnd(width)}  ${shown}`).join("\n");
}
