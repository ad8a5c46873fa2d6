import type { Dispatcher } from "undici";
import type { z } from "zod";
import { HEADER_REQUEST_ID } from "../constants";
import { requestIdSuffix, ScmApiError, ScmResponseError } from "../errors";
import { AttemptDeadlineError, attemptDeadlineInterceptor } from "./attempt-deadline";
import { authorizeInterceptor } from "./authorize-interceptor";
import { ErrorStatus, errorStatusInterceptor } from "./error-status-interceptor";
import { undici } from "./load-undici";
import { BodyReadError, readBody } from "./read-body";
import type { RequestAuthorizer } from "./request-authorizer";
import { apiError, firstHeader, parseJson, transportError } from "./response-errors";
import { RETRY_DEFAULTS, RetryBudget, scmRetryPolicy } from "./retry-policy";
import { type ThrottleGate, throttleGateInterceptor } from "./throttle-gate";

/** One SCM call: what it does (for messages), and how it may be cancelled. */
export interface TransportCall {
  /** What is attempted, e.g. `export of scs1627959834994`. */
  readonly operation: string;
  readonly certificateId?: string | undefined;
  readonly query?: URLSearchParams | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The status, the request id and the parsed JSON of a 2xx answer. */
export interface JsonResponse {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly json: unknown;
}

/** Settings of {@link ScmTransport}, already validated. */
export interface TransportSettings {
  readonly endpoint: string;
  readonly authorizer: RequestAuthorizer;
  /** The shared keep-alive pool. */
  readonly pool: Dispatcher;
  /** The pool's throttle gate. */
  readonly gate: ThrottleGate;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Credentials to blank out of SCM's error messages, should it echo one. */
  readonly secrets?: readonly (string | undefined)[];
}

/** Whether reading a body failed because the connection broke before its end. */
function wasCutOff(error: unknown): boolean {
  return (
    error instanceof ScmResponseError &&
    error.cause instanceof BodyReadError &&
    error.cause.reason === "truncated" &&
    !(error.cause.cause instanceof AttemptDeadlineError)
  );
}

/** Whether reading a body failed because the attempt ran past its deadline. */
function ranPastDeadline(error: unknown): boolean {
  return (
    error instanceof ScmResponseError &&
    error.cause instanceof BodyReadError &&
    error.cause.cause instanceof AttemptDeadlineError
  );
}

/**
 * Sends SCM requests: authorized afresh on every attempt, retried by undici's retry interceptor,
 * bodies read under a size cap, failures turned into this package's errors.
 */
export class ScmTransport {
  readonly #settings: TransportSettings;
  readonly #dispatcher: Dispatcher;

  constructor(settings: TransportSettings) {
    this.#settings = settings;
    // compose() wraps in order, so the retry interceptor is outermost: each attempt waits for the
    // throttle gate, then runs under its own deadline, is authorized (and signed) afresh, and an
    // error status reaches the retry policy as an error with its body already read (up to its
    // cap). The retry policy is given per call, with the call's budget. POST is listed because
    // SCM's export only reads.
    this.#dispatcher = settings.pool.compose(
      authorizeInterceptor(settings.authorizer),
      errorStatusInterceptor,
      attemptDeadlineInterceptor(settings.timeoutMs),
      throttleGateInterceptor(settings.gate),
      undici().interceptors.retry({ methods: RETRY_DEFAULTS.methods }),
    );
  }

  /** Sends one request (with its retries) and returns the parsed JSON of a 2xx answer. */
  async send(method: "GET" | "POST", path: string, call: TransportCall): Promise<JsonResponse> {
    const query = call.query?.toString();
    const url = `${this.#settings.endpoint}${path}${query ? `?${query}` : ""}`;
    const authorizer = this.#settings.authorizer;
    // One budget for the whole call: undici's retries and a request sent again after its answer
    // was cut off or ran past its deadline all draw from it.
    const budget = new RetryBudget(this.#settings.maxRetries);
    let renewed = false;
    for (;;) {
      let response: Dispatcher.ResponseData;
      try {
        response = await this.#dispatch(method, url, call, budget);
      } catch (error) {
        // An IAM token that expired is renewed once, and the request sent again outside the
        // budget (a renewal is no retry: it happens once per call at most); any other 401 is final.
        if (
          error instanceof ScmApiError &&
          error.status === 401 &&
          !renewed &&
          authorizer.renewAfterUnauthorized
        ) {
          renewed = await authorizer.renewAfterUnauthorized({
            errorCode: error.errorCode,
            errorMessage: error.errorMessage,
          });
          if (renewed) continue;
        }
        throw error;
      }
      const requestId = firstHeader(response.headers[HEADER_REQUEST_ID.toLowerCase()]);
      let text: string;
      try {
        text = await this.#read(response, call.operation, requestId);
      } catch (error) {
        // An answer cut off mid-way, or still arriving at the deadline, cannot be resumed (SCM
        // serves no `Range`): the request is sent again, within the same budget.
        const again = wasCutOff(error) || ranPastDeadline(error);
        if (again && !call.signal?.aborted && budget.take()) continue;
        if (ranPastDeadline(error) && !call.signal?.aborted) {
          throw transportError(
            ((error as ScmResponseError).cause as BodyReadError).cause,
            call.operation,
            this.#settings.endpoint,
            this.#settings.timeoutMs,
            call.signal,
          );
        }
        throw error;
      }
      return {
        status: response.statusCode,
        requestId,
        json: parseJson(text, response.statusCode, call.operation, requestId),
      };
    }
  }

  /** Validates an answer; the error names paths and reasons only, since a body may hold key material. */
  validate<S extends z.ZodType>(schema: S, response: JsonResponse, operation: string): z.infer<S> {
    const body = schema.safeParse(response.json);
    if (body.success) return body.data;
    const issues = body.error.issues.map((issue) => `${issue.path.join(".") || "body"} ${issue.message}`);
    throw new ScmResponseError(
      `SCM ${operation} returned an answer of an unexpected shape: ${issues.slice(0, 5).join("; ")}${requestIdSuffix(response.requestId)}`,
      { status: response.status, requestId: response.requestId, issues },
    );
  }

  async #dispatch(
    method: "GET" | "POST",
    url: string,
    call: TransportCall,
    budget: RetryBudget,
  ): Promise<Dispatcher.ResponseData> {
    const { timeoutMs, endpoint } = this.#settings;
    try {
      return await undici().request(url, {
        method,
        dispatcher: this.#dispatcher,
        headers: {
          accept: "application/json",
          ...(method === "POST" ? { "content-type": "application/json" } : {}),
        },
        ...(method === "POST" ? { body: "{}" } : {}),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        ...(call.signal ? { signal: call.signal } : {}),
        // Merged by undici's retry interceptor into its options: this call's policy and budget.
        ...{ retryOptions: { retry: scmRetryPolicy(budget) } },
      });
    } catch (error) {
      if (error instanceof ErrorStatus && !call.signal?.aborted) {
        const requestId = firstHeader(error.headers[HEADER_REQUEST_ID.toLowerCase()]);
        throw apiError(error.body, error.statusCode, requestId, call, this.#settings.secrets);
      }
      throw transportError(error, call.operation, endpoint, timeoutMs, call.signal);
    }
  }

  async #read(
    response: Dispatcher.ResponseData,
    operation: string,
    requestId: string | undefined,
  ): Promise<string> {
    try {
      return await readBody(response);
    } catch (error) {
      const what = error instanceof BodyReadError ? error.message : "the response body could not be read";
      throw new ScmResponseError(
        `SCM ${operation} failed: ${what} (status ${response.statusCode}${requestId ? `, request id ${requestId}` : ""})`,
        { status: response.statusCode, requestId },
        { cause: error },
      );
    }
  }
}
