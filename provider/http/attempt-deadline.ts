import type { Dispatcher } from "undici";
import { type ForwardedMethods, ForwardingHandler } from "./decorator-handler";
import { idleController } from "./idle-controller";

type Headers = Record<string, string | string[] | undefined>;

/**
 * An attempt ran past its deadline. undici's own timeouts are idle timers (a body dripping one
 * byte a second never trips them); this one covers the headers and the whole body.
 */
export class AttemptDeadlineError extends Error {
  override name = "AttemptDeadlineError";
  readonly code = "SCM_ATTEMPT_DEADLINE";
  constructor(readonly timeoutMs: number) {
    super(`no whole answer within ${timeoutMs} ms`);
  }
}

/**
 * Gives an attempt `timeoutMs` from dispatch to the end of its body, then aborts it. Composed
 * outside the whole-answer interceptor, so an answer is passed on only once whole, in time.
 */
class AttemptDeadlineHandler extends ForwardingHandler {
  readonly #timer: NodeJS.Timeout;
  #controller: Dispatcher.DispatchController | undefined;
  #done = false;

  constructor(handler: Dispatcher.DispatchHandler, timeoutMs: number) {
    super(handler);
    this.#timer = setTimeout(() => this.#expire(timeoutMs), timeoutMs);
  }

  #expire(timeoutMs: number): void {
    if (this.#done) return;
    this.#done = true;
    const error = new AttemptDeadlineError(timeoutMs);
    const controller = this.#controller;
    if (controller === undefined) {
      // Not started yet (still connecting): fail the attempt now; its dispatch is aborted when it starts.
      const idle = idleController();
      super.onRequestStart(idle, {});
      super.onResponseError(idle, error);
      return;
    }
    // Reported before the connection is aborted, so that the retry policy may try again.
    super.onResponseError(controller, error);
    controller.abort(error);
  }

  override onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.#controller = controller;
    if (this.#done) {
      controller.abort(new AttemptDeadlineError(0));
      return;
    }
    super.onRequestStart(controller, context);
  }

  override onRequestUpgrade(...args: Parameters<ForwardedMethods["onRequestUpgrade"]>): void {
    if (!this.#done) super.onRequestUpgrade(...args);
  }

  override onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Headers,
    message?: string,
  ): void {
    if (!this.#done) super.onResponseStart(controller, statusCode, headers, message);
  }

  override onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.#done) super.onResponseData(controller, chunk);
  }

  override onResponseEnd(controller: Dispatcher.DispatchController, trailers: Headers): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    super.onResponseEnd(controller, trailers);
  }

  override onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    super.onResponseError(controller, error);
  }
}

/** An undici interceptor giving each attempt a deadline, composed inside the retry interceptor. */
export function attemptDeadlineInterceptor(timeoutMs: number): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) =>
    function attemptDeadlineDispatch(opts, handler) {
      return dispatch(opts, new AttemptDeadlineHandler(handler, timeoutMs));
    };
}
