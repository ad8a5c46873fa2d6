import type { IssuedToken } from "./iam-token-exchange";

/** Tokens are renewed this long before IAM says they expire, so none runs out mid-request. */
export const TOKEN_RENEWAL_MARGIN_MS = 5 * 60 * 1000;

type Entry<T> = { readonly pending: Promise<T> } | { readonly issued: T };

/**
 * IAM tokens kept for the life of the process, by key. Callers that ask while a token is being
 * fetched share that one fetch; a failed fetch is not kept, so the next caller tries again.
 */
export class TokenCache<T extends { readonly expiresAt: Date } = IssuedToken> {
  readonly #entries = new Map<string, Entry<T>>();

  /** @param renewalMarginMs how long before its expiry an entry is fetched again */
  constructor(private readonly renewalMarginMs: number = TOKEN_RENEWAL_MARGIN_MS) {}

  /** A token for `key` valid at `now` (past the renewal margin), fetching one with `fetch` when needed. */
  async get(key: string, now: Date, fetch: () => Promise<T>): Promise<T> {
    const entry = this.#entries.get(key);
    if (entry && "pending" in entry) return entry.pending;
    if (entry && entry.issued.expiresAt.getTime() - this.renewalMarginMs > now.getTime()) return entry.issued;

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
   * Forgets the token for `key` so the next caller fetches a new one; given `refused`, only if
   * that is still the one kept (another caller may have renewed it already). A fetch under way is
   * kept: its token is newer than the one that was refused.
   */
  drop(key: string, refused?: T): void {
    const entry = this.#entries.get(key);
    if (entry && "issued" in entry && (refused === undefined || entry.issued === refused)) {
      this.#entries.delete(key);
    }
  }

  /** Whether the fetch for `key` is still this one (not replaced by a clear and a newer fetch). */
  #holds(key: string, pending: Promise<T>): boolean {
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
