// undici is the biggest module the provider loads. `check` resolves settings and judges inputs
// without sending anything, so the modules that send load it with their first request instead.

let loaded: typeof import("undici") | undefined;

/** undici, loaded on first use. */
export function undici(): typeof import("undici") {
  loaded ??= require("undici") as typeof import("undici");
  return loaded;
}
