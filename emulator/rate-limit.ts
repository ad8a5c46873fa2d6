/** A token bucket: `ratePerSecond` requests per second, with a burst of as many (at least one). */

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class TokenBucket {
  readonly #capacity: number;
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new Error("rateLimitPerSecond must be a positive number");
    this.#capacity = Math.max(1, ratePerSecond);
    this.#tokens = this.#capacity;
    this.#updatedAt = now();
  }

  /** Takes a token when one is left; otherwise says how long until the next (whole seconds, at least 1). */
  take(): RateDecision {
    const now = this.now();
    this.#tokens = Math.min(
      this.#capacity,
      this.#tokens + ((now - this.#updatedAt) / 1000) * this.ratePerSecond,
    );
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { allowed: true };
    }
    const secondsToNextToken = (1 - this.#tokens) / this.ratePerSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(secondsToNextToken)) };
  }
}
