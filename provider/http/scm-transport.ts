import { type Dispatcher, interceptors, request } from "undici";
import type { z } from "zod";
import { HEADER_REQUEST_ID } from "../constants";
import { requestIdSuffix, ScmApiError, ScmResponseError } from "../errors";
import { attemptDeadlineInterceptor } from "./attempt-deadline";
import { authorizeInterceptor } from "./authorize-interceptor";
import { readBody } from "./read-body";
import type { RequestAuthorizer } from "./request-authorizer";
import { apiError, firstHeader, parseJson, transportError } from "./response-errors";
import { RETRY_DEFAULTS, RetryBudget, scmRetryPolicy } from "./retry-policy";
import { type ThrottleGate, throttleGateInterceptor } from "./throttle-gate";
import { ErrorStatus, IncompleteAnswerError, wholeAnswerInterceptor } from "./whole-answer";

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

/**
 * Sends SCM requests: authorized afresh on every attempt, retried by undici's retry interceptor
 * alone, answers read whole under a size cap, failures turned into this package's errors.
 */
export class ScmTransport {
  readonly #settings: TransportSettings;
  readonly #dispatcher: Dispatcher;

  constructor(settings: TransportSettings) {
    this.#settings = settings;
    // compose() wraps in order, so the retry interceptor is outermost: each attempt waits for the
    // throttle gate, is authorized (and signed) afresh, then runs under its own deadline, and its
    // answer comes back whole or as an error (an error status with its body read up to the cap,
    // an answer cut off). Credentials fetched while authorizing have a deadline of their own, so a
    // slow IAM is not blamed on SCM. The retry policy is given per call, with the call's budget.
    // POST is listed because SCM's export only reads.
    this.#dispatcher = settings.pool.compose(
      wholeAnswerInterceptor,
      attemptDeadlineInterceptor(settings.timeoutMs),
      authorizeInterceptor(settings.authorizer),
      throttleGateInterceptor(settings.gate),
      interceptors.retry({ methods: RETRY_DEFAULTS.methods }),
    );
  }

  /** Sends one request (with its retries) and returns the parsed JSON of a 2xx answer. */
  async send(method: "GET" | "POST", path: string, call: TransportCall): Promise<JsonResponse> {
    const query = call.query?.toString();
    const url = `${this.#settings.endpoint}${path}${query ? `?${query}` : ""}`;
    // One budget for the call, spent by undici's retry interceptor: the only retry loop.
    const budget = new RetryBudget(this.#settings.maxRetries);
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#dispatch(method, url, call, budget);
    } catch (error) {
      // Credentials the gateway refused (an IAM token that expired, temporary keys) are renewed
      // once and the request sent again: a renewal is no retry (it happens once per call at
      // most), and a second 401 is final. The authorizer decides which 401s are worth it.
      const authorizer = this.#settings.authorizer;
      if (!(error instanceof ScmApiError && error.status === 401 && authorizer.renewAfterUnauthorized))
        throw error;
      const renewed = await authorizer.renewAfterUnauthorized({
        errorCode: error.errorCode,
        errorMessage: error.errorMessage,
      });
      if (!renewed) throw error;
      response = await this.#dispatch(method, url, call, budget);
    }
    const requestId = firstHeader(response.headers[HEADER_REQUEST_ID.toLowerCase()]);
    // Whole already (whole-answer.ts): reading it only decodes it.
    const text = await readBody(response);
    return {
      status: response.statusCode,
      requestId,
      json: parseJson(text, response.statusCode, call.operation, requestId),
    };
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
      return await request(url, {
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
      if (error instanceof IncompleteAnswerError && !call.signal?.aborted) {
        const requestId = firstHeader(error.headers[HEADER_REQUEST_ID.toLowerCase()]);
        throw new ScmResponseError(
          `SCM ${call.operation} failed: ${error.message} (status ${error.answerStatus}${requestId ? `, request id ${requestId}` : ""})`,
          { status: error.answerStatus, requestId },
          { cause: error },
        );
      }
      throw transportError(error, call.operation, endpoint, timeoutMs, call.signal);
    }
  }
}
