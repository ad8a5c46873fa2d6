const EXCERPT_CHARS = 120;

/**
 * A short, single-line excerpt of a response body that is safe to put in an error message: PEM
 * blocks and every long token-like run (where a credential or key material could hide) are cut.
 */
export function bodyExcerpt(body: string): string {
  const cleaned = body
    .replace(/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g, "[PEM removed]")
    .replace(/[A-Za-z0-9+/=_.-]{24,}/g, "[…]")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.length > EXCERPT_CHARS ? `${cleaned.slice(0, EXCERPT_CHARS)}…` : cleaned;
}
