import type { Dispatcher } from "undici";

/** A controller for a dispatch that failed before it reached the network. */
export function idleController(): Dispatcher.DispatchController {
  return {
    aborted: false,
    paused: false,
    reason: null,
    abort() {},
    pause() {},
    resume() {},
  };
}
