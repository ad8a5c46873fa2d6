import type { Duplex } from "node:stream";
import { DecoratorHandler, type Dispatcher } from "undici";

type Headers = Record<string, string | string[] | undefined>;

/** The handler methods undici's `DecoratorHandler` forwards to the handler it wraps. */
export interface ForwardedMethods {
  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void;
  onRequestUpgrade(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Headers,
    socket: Duplex,
  ): void;
  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Headers,
    statusMessage?: string,
  ): void;
  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void;
  onResponseEnd(controller: Dispatcher.DispatchController, trailers: Headers): void;
  onResponseError(controller: Dispatcher.DispatchController, error: Error): void;
}

/**
 * undici's `DecoratorHandler`, the base of its own interceptors' handlers: it forwards every call
 * to the wrapped handler, so a subclass overrides only what it changes. Its type declaration
 * lists the constructor alone, hence the methods are named here.
 */
export const ForwardingHandler = DecoratorHandler as unknown as new (
  handler: Dispatcher.DispatchHandler,
) => ForwardedMethods;
