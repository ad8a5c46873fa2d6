import type { Dispatcher } from "undici";
import { ForwardingHandler } from "./decorator-handler";
import { exceededSizeCap } from "./read-body";

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
class ErrorStatusHandler extends ForwardingHandler {
  #status = 0;
  #headers: Headers = {};
  #chunks: Buffer[] = [];
  #raised = false;

  override onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Headers,
    message?: string,
  ): void {
    this.#status = statusCode;
    if (statusCode < 400) super.onResponseStart(controller, statusCode, headers, message);
    else this.#headers = headers;
  }

  override onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#status < 400) {
      super.onResponseData(controller, chunk);
      return;
    }
    if (!this.#raised) this.#chunks.push(chunk);
  }

  override onResponseEnd(controller: Dispatcher.DispatchController, trailers: Headers): void {
    if (this.#status < 400) super.onResponseEnd(controller, trailers);
    else if (!this.#raised) this.#raise(controller);
  }

  override onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#raised) return;
    // An error body is only ever quoted in part: when the dispatcher ends one at its size cap (it
    // may never end by itself), the answer is the error status with what was read.
    if (this.#status >= 400 && exceededSizeCap(error)) this.#raise(controller);
    else super.onResponseError(controller, error);
  }

  #raise(controller: Dispatcher.DispatchController): ErrorStatus {
    this.#raised = true;
    const body = Buffer.concat(this.#chunks).toString("utf8");
    const error = new ErrorStatus(this.#status, this.#headers, body);
    super.onResponseError(controller, error);
    return error;
  }
}

/** An undici interceptor raising error statuses as {@link ErrorStatus}, composed inside the retry interceptor. */
export const errorStatusInterceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) =>
  function errorStatusDispatch(opts, handler) {
    return dispatch(opts, new ErrorStatusHandler(handler));
  };
