import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ThrottleGate } from "../../provider/http/throttle-gate";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("ThrottleGate", () => {
  it("lets as many requests through as it has slots, the next one when a slot frees", () => {
    const gate = new ThrottleGate(2);
    const sent: number[] = [];
    for (const n of [1, 2, 3]) gate.enter(() => sent.push(n));
    expect(sent).toEqual([1, 2]);
    gate.leave();
    expect(sent).toEqual([1, 2, 3]);
  });

  it("holds every request after a 429 until the hold has passed", () => {
    const gate = new ThrottleGate(4);
    const sent: string[] = [];
    gate.hold(1_000);
    gate.enter(() => sent.push("a"));
    gate.enter(() => sent.push("b"));
    vi.advanceTimersByTime(999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(["a", "b"]);
  });

  it("never shortens a longer hold, and caps a hold at the longest backoff", () => {
    const gate = new ThrottleGate(1);
    const sent: string[] = [];
    gate.hold(5_000);
    gate.hold(1_000);
    gate.enter(() => sent.push("a"));
    vi.advanceTimersByTime(4_999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(["a"]);
    gate.leave();
    gate.hold(3_600_000);
    gate.enter(() => sent.push("b"));
    vi.advanceTimersByTime(20_000);
    expect(sent).toEqual(["a", "b"]);
  });
});
