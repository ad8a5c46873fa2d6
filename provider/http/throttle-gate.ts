import type { Dispatcher } from "undici";
import { type ForwardedMethods, ForwardingHandler } from "./decorator-handler";
import { idleController } from "./idle-controller";
import { parseRetryAfter, RETRY_DEFAULTS } from "./retry-policy";
import { ErrorStatus } from "./whole-answer";

/** How long to hold every request after a 429 that names no `Retry-After`, in milliseconds. */
const DEFAULT_PAUSE_MS = 1_000;

/**
 * When SCM throttles (429), it throttles the account, not one request. The gate lets at most as
 * many requests through as the pool has connections, and after a 429 holds all of them until
 * `Retry-After` has passed, so that a stack of many certificates slows down together instead of
 * each request spending its attempts on 429s. One gate per connection pool, shared by every client.
 */
export class ThrottleGate {
  readonly #slots: number;
  readonly #waiting: (() => void)[] = [];
  #active = 0;
  #openAt = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(slots: number) {
    this.#slots = slots;
  }

  /** Runs `send` once the gate is open and a slot is free; the request must call {@link leave} when done. */
  enter(send: () => void): void {
    this.#waiting.push(send);
    this.#pump();
  }

  /** Frees the slot of a request that ended. */
  leave(): void {
    this.#active -= 1;
    this.#pump();
  }

  /** Holds every request for `ms` milliseconds from now (never shortens a longer hold). */
  hold(ms: number): void {
    this.#openAt = Math.max(this.#openAt, Date.now() + Math.min(ms, RETRY_DEFAULTS.maxDelayMs));
  }

  #pump(): void {
    const wait = this.#openAt - Date.now();
    if (wait > 0) {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, wait);
      return;
    }
    while (this.#active < this.#slots && this.#waiting.length > 0) {
      this.#active += 1;
      (this.#waiting.shift() as () => void)();
    }
  }
}

/** Frees the request's slot when it ends, and closes the gate on a 429. */
class ThrottleGateHandler extends ForwardingHandler {
  readonly #gate: ThrottleGate;
  #left = false;

  constructor(handler: Dispatcher.DispatchHandler, gate: ThrottleGate) {
    super(handler);
    this.#gate = gate;
  }

  #leave(): void {
    if (this.#left) return;
    this.#left = true;
    this.#gate.leave();
  }

  override onResponseEnd(...args: Parameters<ForwardedMethods["onResponseEnd"]>): void {
    this.#leave();
    super.onResponseEnd(...args);
  }

  override onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    if (error instanceof ErrorStatus && error.statusCode === 429) {
      this.#gate.hold(parseRetryAfter(error.headers["retry-after"]) ?? DEFAULT_PAUSE_MS);
    }
    this.#leave();
    super.onResponseError(controller, error);
  }
}

/** An undici interceptor that sends each attempt through the gate. */
export function throttleGateInterceptor(gate: ThrottleGate): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) =>
    function throttledDispatch(opts, handler) {
      const gated = new ThrottleGateHandler(handler, gate);
      gate.enter(() => {
        try {
          dispatch(opts, gated);
        } catch (error) {
          gated.onResponseError(idleController(), error as Error);
        }
      });
      return true;
    };
}
