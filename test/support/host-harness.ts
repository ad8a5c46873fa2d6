import { expect } from "vitest";
import { HostCallError } from "../../harness/provider-host";

/** What a host call ended in: its value, or the error the engine would show. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: HostCallError };

/** Settles a host call, keeping every error in `errors` (for the secret scan). */
export async function settle<T>(call: Promise<T>, errors: unknown[]): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    errors.push(error);
    expect(error).toBeInstanceOf(HostCallError);
    return { ok: false, error: error as HostCallError };
  }
}

/** Signs of a promise rejection nobody handled, as Node prints them. */
export const UNHANDLED_REJECTION =
  /UnhandledPromiseRejection|unhandledRejection|Unhandled promise rejection/i;

/** Settles a host call that must fail, keeping its error in `errors`, and returns the error. */
export async function failed(call: Promise<unknown>, errors: unknown[] = []): Promise<HostCallError> {
  const result = await settle(call, errors);
  expect(result.ok, "the call should have failed").toBe(false);
  return (result as Extract<Settled<unknown>, { ok: false }>).error;
}
