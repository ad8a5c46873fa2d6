import type { Dispatcher } from "undici";
import { idleController } from "./idle-controller";
import type { RequestAuthorizer } from "./request-authorizer";
import { untilAborted } from "./until-aborted";

type DispatchHandler = Dispatcher.DispatchHandler;

function headerRecord(headers: Dispatcher.DispatchOptions["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  const entries = Array.isArray(headers)
    ? (headers as string[]).flatMap((_, i, all) =>
        i % 2 === 0 ? [[all[i], all[i + 1]] as [string, string]] : [],
      )
    : Object.entries(headers as Record<string, string | string[] | undefined>);
  for (const [name, value] of entries) {
    if (value !== undefined) record[String(name)] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return record;
}

/**
 * An undici interceptor that asks the authorizer for headers before every dispatch. Composed
 * inside the retry interceptor, so each attempt is authorized (and signed) afresh, and outside
 * the attempt's deadline: fetching credentials (IAM, the metadata service) runs under its own
 * deadline and fails with an error naming that service, not SCM. The call's signal ends the wait.
 */
export function authorizeInterceptor(authorizer: RequestAuthorizer): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) =>
    function authorizedDispatch(opts: Dispatcher.DispatchOptions, handler: DispatchHandler): boolean {
      const headers = headerRecord(opts.headers);
      const url = new URL(opts.path, opts.origin);
      const body = typeof opts.body === "string" ? opts.body : undefined;
      // undici's request() hands its options, the signal included, to the dispatch.
      const given = (opts as { signal?: unknown }).signal;
      const signal = given instanceof AbortSignal ? given : undefined;
      untilAborted(
        authorizer.authorize({ method: opts.method, url, headers, body }, { signal }),
        signal,
      ).then(
        (added) => dispatch({ ...opts, headers: { ...headers, ...added } }, handler),
        (error: unknown) => {
          const controller = idleController();
          handler.onRequestStart?.(controller, {});
          handler.onResponseError?.(controller, error instanceof Error ? error : new Error(String(error)));
        },
      );
      return true;
    };
}
