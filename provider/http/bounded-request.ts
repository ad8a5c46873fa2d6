import { type Dispatcher, request } from "undici";
import { BodyReadError, readBody } from "./read-body";
import { TLS_CODE } from "./response-errors";

/** How long a call to a service that issues credentials may take when nothing else is set. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** One request to a service that is not SCM (IAM, the ECS metadata service). */
export interface BoundedRequest {
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly headers?: Record<string, string> | undefined;
  readonly body?: string | undefined;
  /** @default undici's global dispatcher */
  readonly dispatcher?: Dispatcher | undefined;
  /** Most milliseconds from sending the request to the last byte of its answer. */
  readonly timeoutMs: number;
  /** The largest body read; a longer one fails the request. */
  readonly maxBytes: number;
}

/** A whole answer: its status, headers and body text. */
export interface WholeAnswer {
  readonly status: number;
  readonly headers: Dispatcher.ResponseData["headers"];
  readonly text: string;
}

/**
 * Why no whole answer came. `reason` completes a sentence that starts with the service's name
 * ("IAM at … did not answer within 500 ms"), so each caller names its own service.
 */
export class UnansweredError extends Error {
  override name = "UnansweredError";
  constructor(
    /** No whole answer in time, no connection (or a broken one), or a body over the cap or cut off. */
    readonly reason: string,
    /** undici's or Node's error code, when there is one (`ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`). */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/**
 * Sends one request and reads its answer whole, whatever its status, within `timeoutMs` in all.
 * undici's `headersTimeout` and `bodyTimeout` are idle timers, which a server sending a byte now
 * and then never trips; the `AbortSignal.timeout` given to the request covers the whole exchange,
 * the body included. Throws {@link UnansweredError}.
 */
export async function sendBounded(call: BoundedRequest): Promise<WholeAnswer> {
  const deadline = AbortSignal.timeout(call.timeoutMs);
  try {
    const response = await request(call.url, {
      method: call.method,
      ...(call.headers ? { headers: call.headers } : {}),
      ...(call.body === undefined ? {} : { body: call.body }),
      ...(call.dispatcher ? { dispatcher: call.dispatcher } : {}),
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
      signal: deadline,
    });
    const text = await readBody(response, call.maxBytes);
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const known = typeof code === "string" ? code : undefined;
    if (deadline.aborted) {
      throw new UnansweredError(`did not answer within ${call.timeoutMs} ms`, known, {
        cause: error,
      });
    }
    if (error instanceof BodyReadError) {
      throw new UnansweredError(`sent an unusable answer: ${error.message}`, known, { cause: error });
    }
    const reason =
      known && TLS_CODE.test(known)
        ? `failed TLS verification (${known}): trust its CA with caCertificate or NODE_EXTRA_CA_CERTS`
        : `could not be reached (${known ?? "connection failed"})`;
    throw new UnansweredError(reason, known, { cause: error });
  }
}
