/**
 * PEM text as load balancers accept it: `\n` line ends, base64 wrapped at 64 columns (RFC 7468's
 * strict form), one newline between blocks and exactly one at the end, whatever SCM sent.
 */

/** One PEM block: its label (`CERTIFICATE`, `RSA PRIVATE KEY`, …) and its normalised text. */
export interface PemBlock {
  /** The label between `-----BEGIN ` and `-----`, e.g. `CERTIFICATE`. */
  readonly label: string;
  /** The block normalised, ending with exactly one `\n`. */
  readonly pem: string;
}

// The END label must repeat the BEGIN label, so a block can't swallow the next one's end line.
const PEM_BLOCK = /-----BEGIN ([^\r\n-]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64_LINE_LENGTH = 64;
// Text that is already normalised: blocks of base64 lines of 64 characters (the last 1 to 64),
// `\n` line ends, nothing around them. SCM usually sends this, so it is returned as it is.
const NORMALIZED_BLOCK = String.raw`-----BEGIN ([^\r\n-]+)-----\n(?:[A-Za-z0-9+/=]{64}\n)*[A-Za-z0-9+/=]{1,64}\n-----END \1-----\n`;
const NORMALIZED_PEM = new RegExp(`^(?:${NORMALIZED_BLOCK})+$`);
const NORMALIZED_BLOCKS = new RegExp(NORMALIZED_BLOCK, "g");

/**
 * Splits text into its PEM blocks, in order, each normalised. Text outside the blocks (bag
 * attributes, comments, blank lines) is not returned.
 */
export function splitPemBlocks(text: string): PemBlock[] {
  if (NORMALIZED_PEM.test(text)) {
    return Array.from(text.matchAll(NORMALIZED_BLOCKS), ([pem, label = ""]) => ({ label, pem }));
  }
  return rebuiltBlocks(text);
}

/** Every block of text not in normal form, each rebuilt. */
function rebuiltBlocks(text: string): PemBlock[] {
  return Array.from(text.matchAll(PEM_BLOCK), ([, label = "", body = ""]) => ({
    label,
    pem: `-----BEGIN ${label}-----\n${normalizeBody(body)}-----END ${label}-----\n`,
  }));
}

/**
 * Normalises PEM text: every block kept, in order, each rebuilt with `\n` line ends, no stray `\r`,
 * no spaces, base64 lines of 64 characters, one newline between blocks and exactly one at the end.
 * Text outside the blocks is dropped. Text holding no block at all is returned with `\n` line
 * ends, no trailing spaces and one trailing newline (or as `""` when blank), so nothing is lost.
 *
 * @example normalizePem("-----BEGIN CERTIFICATE-----\r\nMIIB…\r\n-----END CERTIFICATE-----") // "…-----\n"
 */
export function normalizePem(text: string): string {
  if (NORMALIZED_PEM.test(text)) return text;
  const blocks = rebuiltBlocks(text);
  if (blocks.length > 0) {
    return blocks.map((block) => block.pem).join("");
  }
  const plain = splitLines(text)
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
  return plain === "" ? "" : `${plain}\n`;
}

/** The `CERTIFICATE` blocks of a text, normalised, and the labels of the other blocks left out. */
export interface CertificateBlocks {
  readonly pem: string;
  /** Labels of blocks that are not certificates (`PRIVATE KEY`, …), in order; never their content. */
  readonly dropped: readonly string[];
}

/**
 * Keeps only the `CERTIFICATE` blocks of a text, each normalised: a bundle uploaded to SCM can
 * hold a private key among its certificates, and a key must never reach a non-secret output.
 * Text outside the blocks is dropped too.
 */
export function certificateBlocksOf(text: string): CertificateBlocks {
  const blocks = splitPemBlocks(text);
  const kept = blocks.filter((block) => block.label === "CERTIFICATE");
  return {
    pem: kept.map((block) => block.pem).join(""),
    dropped: blocks.filter((block) => block.label !== "CERTIFICATE").map((block) => block.label),
  };
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Rebuilds a block's body: RFC 1421 headers (`Proc-Type: …`, `DEK-Info: …` of a legacy encrypted
 * key) stay as lines followed by the blank line they require; the base64 is rewrapped.
 */
function normalizeBody(body: string): string {
  const lines = splitLines(body)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  // Base64 never holds ':', so the headers are the leading lines that do.
  const headerCount = lines.findIndex((line) => !line.includes(":"));
  const headers = headerCount === -1 ? lines : lines.slice(0, headerCount);
  const base64 = (headerCount === -1 ? [] : lines.slice(headerCount)).join("").replace(/\s+/g, "");
  const wrapped = base64.match(new RegExp(`.{1,${BASE64_LINE_LENGTH}}`, "g")) ?? [];
  const head = headers.length > 0 ? `${headers.join("\n")}\n\n` : "";
  return `${head}${wrapped.map((line) => `${line}\n`).join("")}`;
}
