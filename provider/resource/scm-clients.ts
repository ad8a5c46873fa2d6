import { ScmClient } from "../scm/scm-client";
import type { ResolvedScmSettings } from "../settings/resolve-settings";
import { warn } from "./diagnostics";

// Resolved settings are kept per set of values (settings/settings-resolver.ts), so the same
// values give the same object: its client, with its connections and cached tokens, is reused.
const clients = new WeakMap<ResolvedScmSettings, ScmClient>();

/** The client for resolved settings; its warnings reach the engine as diagnostics. */
export function clientFor(settings: ResolvedScmSettings): ScmClient {
  let client = clients.get(settings);
  if (!client) {
    client = new ScmClient({
      endpoint: settings.endpoint,
      credentials: settings.credentials,
      insecure: settings.insecure,
      onWarning: warn,
      allowHttp: settings.allowHttp,
      ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    });
    clients.set(settings, client);
  }
  return client;
}
