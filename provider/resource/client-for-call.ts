import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { ScmCredentialsError, ScmInputError } from "../errors";
import { ScmClient } from "../scm/scm-client";
import { KNOWN_REGIONS } from "../settings/regions";
import { needsRegionalIam } from "../settings/resolve-credentials";
import { configuredScmEndpoint } from "../settings/resolve-endpoint";
import { resolveScmSettings } from "../settings/resolve-settings";
import { type ConfigLookup, ENVIRONMENT_ONLY_SETTINGS, SETTING_SOURCES } from "../settings/setting-sources";
import { sharedConfigFileLocation } from "../settings/shared-config-file";
import type { InputFailure } from "../validation";
import { warn } from "./diagnostics";

// The stack config the engine handed to `configure`. It lives in this module of the installed
// package, in the provider host's memory: never in the serialized provider, never in the state.
let stackConfig: ConfigLookup = () => undefined;

/** Keeps the stack config for the calls that follow. */
export function useStackConfig(lookup: ConfigLookup): void {
  stackConfig = lookup;
}

const clients = new Map<string, ScmClient>();
const SETTING_PLACES = Object.values(SETTING_SOURCES);

/**
 * The client for one call, from the resource's arguments, then stack config, then the
 * environment, read now (so rotated credentials are picked up) and reused while unchanged.
 */
export function clientForCall(
  args: { region?: string | undefined; endpoint?: string | undefined },
  config: ConfigLookup = stackConfig,
): ScmClient {
  // Keyed by every value settings are resolved from, so that unchanged values skip resolving
  // them again. The key is a digest: credentials are kept only inside the client that uses them.
  const key = settingsKey(args, config);
  let client = clients.get(key);
  if (!client) {
    const settings = resolveScmSettings({ args, config, env: process.env, homeDir: homedir() });
    client = new ScmClient({
      endpoint: settings.endpoint,
      credentials: settings.credentials,
      insecure: settings.insecure,
      onWarning: warn,
      allowHttp: settings.allowHttp,
      ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    });
    clients.set(key, client);
  }
  return client;
}

/** A digest of every value settings are resolved from: the key of the caches of this module. */
function settingsKey(
  args: { region?: string | undefined; endpoint?: string | undefined },
  config: ConfigLookup,
): string {
  return createHash("sha256")
    .update(JSON.stringify(settingValues(args, config)))
    .digest("hex");
}

/** What {@link resolveScmSettings} reads: the arguments, then each setting's config key and variables. */
function settingValues(
  args: { region?: string | undefined; endpoint?: string | undefined },
  config: ConfigLookup,
): (string | undefined)[] {
  const values = [args.region, args.endpoint];
  for (const place of SETTING_PLACES) {
    values.push(config(place.config));
    for (const variable of place.env) values.push(process.env[variable]);
  }
  for (const variable of ENVIRONMENT_ONLY_SETTINGS) values.push(process.env[variable]);
  values.push(homedir(), sharedConfigFileText(config));
  return values;
}

/**
 * The shared config file's text as it is now, so that keys rotated in it are picked up, or
 * `undefined` when there is none (a missing configured file is reported when resolving).
 */
function sharedConfigFileText(config: ConfigLookup): string | undefined {
  try {
    const location = sharedConfigFileLocation({ config, env: process.env }, homedir());
    return location ? readFileSync(location.path, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `check` failures for settings a call would refuse, judged at preview without sending anything:
 * credentials that cannot work (an incomplete key pair or password, a malformed agency, a shared
 * config file that is missing, malformed, encrypted or lacks the profile) and settings such as a
 * plain-HTTP endpoint, a credential with a control character or a malformed timeout. Missing
 * credentials are not judged here: a preview may run without them.
 */
export function settingFailures(args: {
  region?: string | undefined;
  endpoint?: string | undefined;
}): InputFailure[] {
  // Judged once per set of values: a preview checks every resource with the same settings.
  const key = settingsKey(args, stackConfig);
  let failures = settingChecks.get(key);
  if (!failures) {
    failures = judgeSettings(args);
    settingChecks.set(key, failures);
  }
  return [...failures];
}

const settingChecks = new Map<string, InputFailure[]>();

function judgeSettings(args: { region?: string | undefined; endpoint?: string | undefined }): InputFailure[] {
  try {
    resolveScmSettings({ args, config: stackConfig, env: process.env, homeDir: homedir() });
    return [];
  } catch (error) {
    if (error instanceof ScmCredentialsError) return [{ property: "credentials", reason: error.message }];
    if (!(error instanceof ScmInputError)) return [];
    return error.failures.length > 0 ? [...error.failures] : [{ property: "", reason: error.message }];
  }
}

/**
 * A `check` failure for a region argument SCM has no host for, judged at preview, not at deploy.
 * An endpoint (argument, stack config or environment) makes the region irrelevant, unless the
 * credentials must reach IAM and no auth URL is set: IAM's URL then comes from the region.
 */
export function regionArgumentFailure(region: unknown, endpoint: unknown): InputFailure | undefined {
  if (typeof region !== "string" || KNOWN_REGIONS.includes(region)) return undefined;
  const sources = { config: stackConfig, env: process.env };
  let endpointSet = endpoint !== undefined;
  try {
    endpointSet ||= configuredScmEndpoint(sources) !== undefined;
  } catch {
    // A malformed endpoints setting is reported when a call resolves it.
    endpointSet = true;
  }
  if (!endpointSet) {
    return {
      property: "region",
      reason: `is not a Huawei Cloud region; valid regions: ${KNOWN_REGIONS.join(", ")}`,
    };
  }
  if (!needsRegionalIam(sources)) return undefined;
  return {
    property: "region",
    reason:
      "is not a Huawei Cloud region, so IAM's URL cannot be derived from it: set huaweicloud:authUrl / HW_AUTH_URL " +
      "(with an access key pair, huaweicloud:domainId / HW_DOMAIN_ID does instead)",
  };
}
