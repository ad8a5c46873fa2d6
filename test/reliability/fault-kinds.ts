import type { Fault } from "../../emulator";

/**
 * The fault kinds of the fault matrix: every fault the emulator injects, each status SCM or its
 * gateway sends, and a certificate served with another key, with the outcome each call must have.
 */

/** Attempts after the first: the host runs with `HW_MAX_RETRIES` set to this. */
export const MAX_RETRIES = 2;
const ATTEMPTS = MAX_RETRIES + 1;

/** How a call under a fault must end. */
export type Outcome =
  | { readonly ends: "success"; readonly warning?: RegExp }
  | { readonly ends: "error"; readonly message: readonly RegExp[] };

/** A fault, and how create, refresh and update must end under it. */
export interface FaultKind {
  readonly name: string;
  /** Injected before the call; none for a kind that is a certificate of its own. */
  readonly fault?: Fault;
  /** Whose export is called: the good certificate, or the one served with another key. */
  readonly target?: "good" | "mismatched-key";
  /** Export requests the emulator sees for one call. */
  readonly exports: number;
  readonly create: Outcome;
  readonly refresh: Outcome;
  readonly update: Outcome;
}

const success: Outcome = { ends: "success" };
const fails = (...message: RegExp[]): Outcome => ({ ends: "error", message });
const everywhere = (outcome: Outcome) => ({ create: outcome, refresh: outcome, update: outcome });

/** A status on every attempt: a clear error naming the status, SCM's code and what to do. */
function statusKind(status: number, errorCode: string, hint: RegExp, exports: number): FaultKind {
  const error = fails(
    new RegExp(`failed: ${status} ${errorCode.replace(".", "\\.")}`),
    hint,
    /request id [0-9a-f]{32}/,
  );
  return {
    name: `${status} ${errorCode} on every attempt`,
    fault: { kind: "status", status, errorCode },
    exports,
    ...everywhere(error),
  };
}

/** Every kind of fault the matrix crosses with create, refresh and update. */
export const FAULT_KINDS: readonly FaultKind[] = [
  statusKind(400, "SCM.0005", /check the certificate id/, 1),
  // Another account's certificate: not gone, and not this account's to forget.
  statusKind(400, "SCM.0003", /belongs to another account/, 1),
  statusKind(401, "APIGW.0301", /renew the credentials/, 1),
  statusKind(403, "APIGW.0302", /scm:cert:export/, 1),
  // SCM answering every call, its listing too, with "I do not know this id": a refresh cannot
  // confirm the certificate is gone, so the state keeps it.
  {
    ...statusKind(400, "SCM.0020", /SCM does not know this certificate id/, 1),
    refresh: fails(/failed: 400 SCM\.0020/, /the listing that would confirm it is gone failed/),
  },
  // A mistyped endpoint path: the gateway's 404, which says nothing about the certificate.
  statusKind(404, "APIGW.0101", /not SCM saying the certificate does not exist/, 1),
  statusKind(404, "SCM.0404", /the endpoint may be wrong/, 1),
  statusKind(429, "APIGW.0308", /throttling/, ATTEMPTS),
  statusKind(500, "SCM.0001", /retry later/, ATTEMPTS),
  statusKind(502, "APIGW.0202", /retry later/, ATTEMPTS),
  statusKind(503, "APIGW.0613", /retry later/, ATTEMPTS),
  statusKind(504, "APIGW.0203", /retry later/, ATTEMPTS),
  {
    name: "429 with Retry-After: 1 once, then success",
    fault: { kind: "status", status: 429, retryAfterSeconds: 1, times: 1 },
    exports: 2,
    ...everywhere(success),
  },
  {
    name: "503 twice, then success",
    fault: { kind: "status", status: 503, times: 2 },
    exports: 3,
    ...everywhere(success),
  },
  {
    name: "an answer 300 ms late, under the timeout",
    fault: { kind: "delay", ms: 300 },
    exports: 1,
    ...everywhere(success),
  },
  {
    name: "connection reset once, then success",
    fault: { kind: "reset", times: 1 },
    exports: 2,
    ...everywhere(success),
  },
  {
    name: "connection reset on every attempt",
    fault: { kind: "reset" },
    exports: ATTEMPTS,
    ...everywhere(fails(/failed: cannot reach http:\/\/127\.0\.0\.1:\d+/)),
  },
  {
    name: "a truncated body once, then the whole answer",
    fault: { kind: "truncated", times: 1 },
    // SCM serves no Range: the request is sent again, from the same budget, and answered whole.
    exports: 2,
    ...everywhere(success),
  },
  {
    name: "a truncated body on every attempt",
    fault: { kind: "truncated" },
    // One budget per call: no more than maxRetries + 1 requests, however the answers break.
    exports: ATTEMPTS,
    ...everywhere(fails(/the response body was cut off after \d+ bytes/, /status 200/)),
  },
  {
    name: "an error body that never ends, on every attempt",
    fault: { kind: "endless-error", status: 500 },
    exports: ATTEMPTS,
    ...everywhere(fails(/failed: 500 unexpected body/, /retry later/)),
  },
  {
    name: "a gateway's HTML page (not JSON) on every attempt",
    fault: { kind: "non-json" },
    exports: ATTEMPTS,
    ...everywhere(fails(/failed: 502 unexpected body: <html>/, /retry later/)),
  },
  {
    name: "an oversized 200 body",
    fault: { kind: "oversized" },
    exports: 1,
    ...everywhere(fails(/the response body is \d+ bytes, over the 65536-byte cap/)),
  },
  {
    name: "a 200 without private_key",
    fault: { kind: "missing-field", field: "private_key" },
    exports: 1,
    ...everywhere(fails(/returned an answer of an unexpected shape: private_key/)),
  },
  {
    name: "a 200 with certificate_chain over its documented limit",
    fault: { kind: "field-over-limit", field: "certificate_chain" },
    exports: 1,
    ...everywhere({
      ends: "success",
      warning: /certificate_chain is \d+ characters, over SCM's documented maximum of 8192/,
    }),
  },
  {
    name: "a private key that does not match the certificate",
    target: "mismatched-key",
    exports: 1,
    ...everywhere(fails(/does not match the certificate: nothing was written to the state/)),
  },
];
