/**
 * Chaos: a seeded random share of SCM's answers fail, in the ways a gateway and a network fail.
 * The draws follow the order requests arrive in, so the same seed fails the same requests of the
 * same sequence. IAM and the metadata service are left alone: chaos is about SCM's answers.
 */

import { seededRandom } from "./seeded-random";
import type { ChaosFaultKind, ChaosOptions, ChaosReport, Fault } from "./types";

/** Every kind, in the order of a report. */
export const CHAOS_FAULT_KINDS: readonly ChaosFaultKind[] = [
  "reset",
  "throttled",
  "server-error",
  "html",
  "truncated",
];

/** The statuses of the `server-error` and `html` kinds: what SCM's gateway answers when it fails. */
const SERVER_ERROR_STATUSES = [500, 502, 503, 504] as const;
const GATEWAY_PAGE_STATUSES = [502, 503, 504] as const;

function validated(options: ChaosOptions): Required<ChaosOptions> {
  const { share, seed = 1, kinds = CHAOS_FAULT_KINDS, retryAfterSeconds = 1 } = options;
  if (!(share >= 0 && share <= 1)) throw new Error("chaos share must be between 0 and 1");
  if (!Number.isInteger(seed)) throw new Error("chaos seed must be an integer");
  if (kinds.length === 0) throw new Error("chaos needs at least one fault kind");
  const unknown = kinds.find((kind) => !CHAOS_FAULT_KINDS.includes(kind));
  if (unknown) throw new Error(`unknown chaos fault kind ${unknown}; known: ${CHAOS_FAULT_KINDS.join(", ")}`);
  if (!(retryAfterSeconds >= 0)) throw new Error("chaos retryAfterSeconds must be non-negative");
  return { share, seed, kinds: [...kinds], retryAfterSeconds };
}

/** The chaos of one emulator: off until configured, then one draw per SCM answer. */
export class Chaos {
  #options: Required<ChaosOptions> | undefined;
  #random: () => number = Math.random;
  #answers = 0;
  #injected = emptyCounts();

  /** Starts anew with these options (the PRNG seeded, the counters at zero); `undefined` turns chaos off. */
  configure(options: ChaosOptions | undefined): void {
    this.#options = options === undefined ? undefined : validated(options);
    this.#random = seededRandom(this.#options?.seed ?? 0);
    this.#answers = 0;
    this.#injected = emptyCounts();
  }

  /** The fault for the next SCM answer, if the draw fails it; counted by kind. */
  take(): Fault | undefined {
    const options = this.#options;
    if (!options) return undefined;
    this.#answers += 1;
    // Two draws for every answer, failed or not, so each answer's fate depends on its place alone.
    const fails = this.#random() < options.share;
    const pick = this.#random();
    if (!fails) return undefined;
    const kind = options.kinds[Math.floor(pick * options.kinds.length)] as ChaosFaultKind;
    this.#injected[kind] += 1;
    return faultOf(kind, pick * options.kinds.length, options.retryAfterSeconds);
  }

  /** What chaos did since it was configured. */
  get report(): ChaosReport {
    return {
      enabled: this.#options !== undefined,
      share: this.#options?.share ?? 0,
      seed: this.#options?.seed ?? 0,
      answers: this.#answers,
      injected: { ...this.#injected },
    };
  }
}

function emptyCounts(): Record<ChaosFaultKind, number> {
  return { reset: 0, throttled: 0, "server-error": 0, html: 0, truncated: 0 };
}

/** The fault of a kind; `scaled` (the pick times the number of kinds) chooses a status by its fraction. */
function faultOf(kind: ChaosFaultKind, scaled: number, retryAfterSeconds: number): Fault {
  const fraction = scaled - Math.floor(scaled);
  const among = <T>(values: readonly T[]) => values[Math.floor(fraction * values.length)] as T;
  switch (kind) {
    case "reset":
      return { kind: "reset" };
    case "throttled":
      return { kind: "status", status: 429, retryAfterSeconds };
    case "server-error":
      return { kind: "status", status: among(SERVER_ERROR_STATUSES) };
    case "html":
      return { kind: "status", status: among(GATEWAY_PAGE_STATUSES), html: true };
    case "truncated":
      return { kind: "truncated" };
  }
}
