import type { IssuedToken } from "./iam-token-exchange";

/** Tokens are renewed this long before IAM says they expire, so none runs out mid-request. */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60 * 1000;

type Entry = { readonly pending: Promise<IssuedToken> } | { readonly issued: IssuedToken };

/**
 * IAM tokens kept for the life of the process, by key. Callers that ask while a token is being
 * fetched share that one fetch; a failed fetch is not kept, so the next caller tries again.
 */
export class TokenCache {
  readonly #entries = new Map<string, Entry>();

  /** A token for `key` valid at `now` (past the renewal margin), fetching one with `fetch` when needed. */
  async get(key: string, now: Date, fetch: () => Promise<IssuedToken>): Promise<IssuedToken> {
    const entry = this.#entries.get(key);
    if (entry && "pending" in entry) return entry.pending;
    if (entry && entry.issued.expiresAt.getTime() - TOKEN_RENEWAL_MARGIN_MS > now.getTime())
      return entry.issued;

    const pending = fetch();
    this.#entries.set(key, { pending });
    try {
      const issued = await pending;
      if (this.#holds(key, pending)) this.#entries.set(key, { issued });
      return issued;
    } catch (error) {
      if (this.#holds(key, pending)) this.#entries.delete(key);
      throw error;
    }
  }

  /**
   * Forgets the token for `key` so the next caller fetches a new one. A fetch under way is kept:
   * its token is newer than the one that was refused.
   */
  drop(key: string): void {
    const entry = this.#entries.get(key);
    if (entry && "issued" in entry) this.#entries.delete(key);
  }

  /** Whether the fetch for `key` is still this one (not replaced by a clear and a newer fetch). */
  #holds(key: string, pending: Promise<IssuedToken>): boolean {
    const entry = this.#entries.get(key);
    return entry !== undefined && "pending" in entry && entry.pending === pending;
  }

  /** Forgets every token. */
  clear(): void {
    this.#entries.clear();
  }
}

/** The process-wide cache the password authorizers share. */
export const iamTokenCache = new TokenCache();
