import type { Dispatcher } from "undici";
import { MAX_RESPONSE_BYTES } from "../constants";

type Headers = Record<string, string | string[] | undefined>;

/**
 * An answer with an error status, its body already read (up to the size cap). Raising it as an
 * error lets undici's retry interceptor wait out a backoff with the connection back in the pool,
 * and keeps SCM's error code for the message when the last attempt fails.
 */
export class ErrorStatus extends Error {
  override name = "ErrorStatus";
  constructor(
    readonly statusCode: number,
    readonly headers: Headers,
    readonly body: string,
  ) {
    super(`HTTP ${statusCode}`);
  }
}

/** Passes 1xx-3xx answers on; turns 4xx and 5xx answers into an {@link ErrorStatus} once read. */
class ErrorStatusHandler implements Dispatcher.DispatchHandler {
  readonly #handler: Dispatcher.DispatchHandler;
  #status = 0;
  #headers: Headers = {};
  #chunks: Buffer[] = [];
  #size = 0;
  #raised = false;

  constructor(handler: Dispatcher.DispatchHandler) {
    this.#handler = handler;
  }

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.#handler.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(...args: Parameters<NonNullable<Dispatcher.DispatchHandler["onRequestUpgrade"]>>): void {
    this.#handler.onRequestUpgrade?.(...args);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Headers,
    message?: string,
  ): void {
    this.#status = statusCode;
    if (statusCode < 400) {
      this.#handler.onResponseStart?.(controller, statusCode, headers, message);
      return;
    }
    this.#headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#status < 400) {
      this.#handler.onResponseData?.(controller, chunk);
      return;
    }
    if (this.#raised) return;
    this.#chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - this.#size));
    this.#size += chunk.length;
    if (this.#size < MAX_RESPONSE_BYTES) return;
    // An error body is only ever quoted in part: once the cap is read the rest is not waited for
    // (it may never end). The error goes first, so that a 5xx may still be retried.
    const error = this.#raise(controller);
    controller.abort(error);
  }

  onResponseEnd(controller: Dispatcher.DispatchController, trailers: Headers): void {
    if (this.#status < 400) {
      this.#handler.onResponseEnd?.(controller, trailers);
      return;
    }
    if (!this.#raised) this.#raise(controller);
  }

  onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    if (!this.#raised) this.#handler.onResponseError?.(controller, error);
  }

  #raise(controller: Dispatcher.DispatchController): ErrorStatus {
    this.#raised = true;
    const body = Buffer.concat(this.#chunks).toString("utf8");
    const error = new ErrorStatus(this.#status, this.#headers, body);
    this.#handler.onResponseError?.(controller, error);
    return error;
  }
}

/** An undici interceptor raising error statuses as {@link ErrorStatus}, composed inside the retry interceptor. */
export const errorStatusInterceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) =>
  function errorStatusDispatch(opts, handler) {
    return dispatch(opts, new ErrorStatusHandler(handler));
  };
