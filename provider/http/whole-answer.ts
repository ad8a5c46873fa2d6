import type { Dispatcher } from "undici";
import { MAX_RESPONSE_BYTES } from "../constants";
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

/**
 * A 1xx-3xx answer that did not arrive whole: cut off (`SCM_ANSWER_CUT_OFF`, worth another
 * attempt: SCM serves no `Range` to resume it) or over the size cap (`SCM_ANSWER_TOO_LARGE`).
 * Raised before any of it is passed on, so undici's retry interceptor decides alone.
 */
export class IncompleteAnswerError extends Error {
  override name = "IncompleteAnswerError";
  constructor(
    readonly code: "SCM_ANSWER_CUT_OFF" | "SCM_ANSWER_TOO_LARGE",
    message: string,
    /** The answer's status (not `statusCode`: the retry policy reads that as an error status). */
    readonly answerStatus: number,
    readonly headers: Headers,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Holds each answer until its body is whole (the dispatcher caps its size), then passes it on in
 * one piece; an error status becomes an {@link ErrorStatus}. Whatever goes wrong while a body
 * arrives (a broken connection, the attempt's deadline, an error body past the cap) is thus an
 * error of the attempt, which the retry interceptor alone decides to try again.
 */
class WholeAnswerHandler extends ForwardingHandler {
  #status = 0;
  #headers: Headers = {};
  #message: string | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  #raised = false;

  override onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Headers,
    message?: string,
  ): void {
    // An interim answer (103 Early Hints) passes at once; the final one waits for its body.
    if (statusCode < 200) {
      super.onResponseStart(controller, statusCode, headers, message);
      return;
    }
    this.#status = statusCode;
    this.#headers = headers;
    this.#message = message;
    const declared = Number(headers["content-length"]);
    if (statusCode < 400 && declared > MAX_RESPONSE_BYTES) {
      // Refused before a byte is read: the length says it all.
      const error = this.#incomplete(
        controller,
        "SCM_ANSWER_TOO_LARGE",
        `the response body is ${declared} bytes, over the ${MAX_RESPONSE_BYTES}-byte cap`,
      );
      controller.abort(error);
    }
  }

  override onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#raised) return;
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  override onResponseEnd(controller: Dispatcher.DispatchController, trailers: Headers): void {
    if (this.#raised) return;
    if (this.#status >= 400) {
      this.#raise(controller);
      return;
    }
    super.onResponseStart(controller, this.#status, this.#headers, this.#message);
    if (this.#size > 0) super.onResponseData(controller, Buffer.concat(this.#chunks, this.#size));
    super.onResponseEnd(controller, trailers);
  }

  override onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#raised) return;
    // An error body is only ever quoted in part: when the dispatcher ends one at its size cap (it
    // may never end by itself), the answer is the error status with what was read.
    if (this.#status >= 400 && exceededSizeCap(error)) this.#raise(controller);
    else if (this.#status === 0 || this.#status >= 400 || controller.aborted) {
      this.#raised = true;
      super.onResponseError(controller, error);
    } else if (exceededSizeCap(error)) {
      const message = `the response body exceeds the ${MAX_RESPONSE_BYTES}-byte cap`;
      this.#incomplete(controller, "SCM_ANSWER_TOO_LARGE", message, error);
    } else {
      const message = `the response body was cut off after ${this.#size} bytes`;
      this.#incomplete(controller, "SCM_ANSWER_CUT_OFF", message, error);
    }
  }

  #incomplete(
    controller: Dispatcher.DispatchController,
    code: IncompleteAnswerError["code"],
    message: string,
    cause?: unknown,
  ): IncompleteAnswerError {
    this.#raised = true;
    const error = new IncompleteAnswerError(code, message, this.#status, this.#headers, { cause });
    super.onResponseError(controller, error);
    return error;
  }

  #raise(controller: Dispatcher.DispatchController): void {
    this.#raised = true;
    const body = Buffer.concat(this.#chunks).toString("utf8");
    super.onResponseError(controller, new ErrorStatus(this.#status, this.#headers, body));
  }
}

/** An undici interceptor passing on whole answers only, composed inside the retry interceptor. */
export const wholeAnswerInterceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) =>
  function wholeAnswerDispatch(opts, handler) {
    return dispatch(opts, new WholeAnswerHandler(handler));
  };
