import type { ScmClient } from "../scm/scm-client";
import type { ResolvedScmSettings } from "../settings/resolve-settings";
import { warn } from "./diagnostics";

// Resolved settings are kept per set of values (settings/settings-resolver.ts), so the same
// values give the same object: its client, with its connections and cached tokens, is reused.
const clients = new WeakMap<ResolvedScmSettings, ScmClient>();

/**
 * The client for resolved settings; its warnings reach the engine as diagnostics. The client's
 * code (undici, the authorizers, the HTTP pipeline) loads with the first one: `check` by
 * certificate id resolves settings and sends nothing, so a preview never loads it.
 */
export async function clientFor(settings: ResolvedScmSettings): Promise<ScmClient> {
  const cached = clients.get(settings);
  if (cached) return cached;
  const { ScmClient } = await import("../scm/scm-client.js");
  // Another call may have made it while the module loaded.
  const client =
    clients.get(settings) ??
    new ScmClient({
      endpoint: settings.endpoint,
      credentials: settings.credentials,
      insecure: settings.insecure,
      onWarning: warn,
      allowHttp: settings.allowHttp,
      ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    });
  clients.set(settings, client);
  return client;
}
