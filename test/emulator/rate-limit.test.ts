import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../emulator/rate-limit";

describe("TokenBucket", () => {
  it("allows a burst of the rate, then one request per 1/rate seconds", () => {
    let now = 0;
    const bucket = new TokenBucket(2, () => now);
    expect([bucket.take().allowed, bucket.take().allowed, bucket.take()]).toEqual([
      true,
      true,
      { allowed: false, retryAfterSeconds: 1 },
    ]);
    now = 499;
    expect(bucket.take().allowed).toBe(false);
    now = 500;
    expect(bucket.take().allowed).toBe(true);
    expect(bucket.take().allowed).toBe(false);
  });

  it("rounds Retry-After up to whole seconds for slow rates", () => {
    let now = 0;
    const bucket = new TokenBucket(0.25, () => now);
    expect(bucket.take().allowed).toBe(true);
    expect(bucket.take()).toEqual({ allowed: false, retryAfterSeconds: 4 });
    now = 3_000;
    expect(bucket.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("refuses a rate that is not positive", () => {
    expect(() => new TokenBucket(0)).toThrow(/positive/);
  });
});
