import type { RetryHandler } from "undici";
import { firstHeader } from "./response-errors";

/**
 * When and how long to wait before another attempt. Defaults live here, with their units.
 * SCM's export is a POST without side effects (it reads a certificate), so POST is retried too.
 */
export const RETRY_DEFAULTS = {
  /** Methods that may be retried: every SCM operation used here only reads. */
  methods: ["GET", "POST"] as RetryHandler.RetryOptions["methods"],
  /** Statuses worth another attempt; 400, 401, 403 and 404 never are. */
  statusCodes: [429, 500, 502, 503, 504],
  /** Connection-level failures worth another attempt. A wrong host name (ENOTFOUND) or a TLS failure is not. */
  errorCodes: [
    "ECONNRESET",
    "ECONNREFUSED",
    "EPIPE",
    "ETIMEDOUT",
    "EAI_AGAIN",
    "UND_ERR_SOCKET",
    "UND_ERR_CONNECT_TIMEOUT",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
    "SCM_ATTEMPT_DEADLINE",
    "SCM_ANSWER_CUT_OFF",
  ],
  /** First backoff, in milliseconds. */
  minDelayMs: 250,
  /** Longest backoff, and the longest `Retry-After` honoured, in milliseconds. */
  maxDelayMs: 20_000,
  /** Backoff growth per attempt. */
  factor: 2,
} as const;

type RetryCallback = RetryHandler.RetryCallback;

/** Seconds or an HTTP date, as `Retry-After` allows; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = firstHeader(value);
  if (text === undefined || text.trim() === "") return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half fixed, half random, so a fleet of callers spreads out. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(
    RETRY_DEFAULTS.maxDelayMs,
    RETRY_DEFAULTS.minDelayMs * RETRY_DEFAULTS.factor ** attempt,
  );
  return ceiling / 2 + (ceiling / 2) * random();
}

/**
 * The requests one call may send: `maxRetries + 1`, whatever makes it send another (an error
 * status, a broken connection, an attempt past its deadline, an answer cut off mid-way).
 */
export class RetryBudget {
  #sent = 1;
  constructor(readonly maxRetries: number) {}

  /** Takes one more request from the budget; false when none is left. */
  take(): boolean {
    if (this.#sent > this.maxRetries) return false;
    this.#sent += 1;
    return true;
  }

  /** Requests sent so far, the first included. */
  get sent(): number {
    return this.#sent;
  }
}

/**
 * undici's retry policy for one SCM call, the only place that decides on another attempt: on the
 * statuses and errors above while the call's budget lasts, waiting `Retry-After` when the server
 * says so and a jittered backoff otherwise. Answers reach it whole or as an error (see
 * `whole-answer.ts`), so an answer cut off is retried like a broken connection.
 */
export function scmRetryPolicy(budget: RetryBudget): RetryCallback {
  return (err, _context, callback) => {
    const { statusCode, code, headers } = err as Error & {
      statusCode?: number;
      code?: string;
      headers?: Record<string, string | string[] | undefined>;
    };
    const retryable =
      statusCode !== undefined
        ? (RETRY_DEFAULTS.statusCodes as readonly number[]).includes(statusCode)
        : code !== undefined && (RETRY_DEFAULTS.errorCodes as readonly string[]).includes(code);
    if (!retryable || !budget.take()) {
      callback(err);
      return null;
    }
    const retryAfter = parseRetryAfter(headers?.["retry-after"]);
    const delay = Math.min(retryAfter ?? backoffDelay(budget.sent - 2), RETRY_DEFAULTS.maxDelayMs);
    return setTimeout(() => callback(null), delay);
  };
}
