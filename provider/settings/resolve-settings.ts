import { z } from "zod";
import type { ScmCredentials } from "../auth/credentials";
import { ScmInputError } from "../errors";
import { checkPlainHttp } from "../http/plain-http";
import { checkProxyVariables } from "../http/proxy-environment";
import { invalidSetting } from "../validation";
import { metadataBaseUrl } from "./metadata-url";
import { DEFAULT_REGION } from "./regions";
import { findsStaticCredentials, resolveCredentials } from "./resolve-credentials";
import { checkedEndpoint, cloudDomain, defaultAuthUrl, resolveScmEndpoint } from "./resolve-endpoint";
import {
  type ConfigLookup,
  type FoundSetting,
  findSetting,
  firstValue,
  SETTING_SOURCES,
  type SettingInputs,
} from "./setting-sources";
import { readSharedConfigProfile, sharedConfigFileLocation } from "./shared-config-file";

/** What {@link resolveScmSettings} reads from. */
export interface ScmSettingsInputs {
  /** The resource's own arguments: only non-credential settings. */
  readonly args: { readonly region?: string | undefined; readonly endpoint?: string | undefined };
  /** Stack config by full key, e.g. `huaweicloud:accessKey`. */
  readonly config: ConfigLookup;
  readonly env: NodeJS.ProcessEnv;
  /**
   * The home directory whose `.hcloud/config.json` is read when no shared config file is set and
   * no other credentials are. Without it, only a configured file is read.
   */
  readonly homeDir?: string | undefined;
}

/** Everything needed to reach SCM, resolved. Holds credentials: keep it out of state and logs. */
export interface ResolvedScmSettings {
  /** SCM endpoint, without a trailing slash. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: ScmCredentials;
  /** Skip TLS certificate verification. */
  readonly insecure: boolean;
  /** Allow `http://` to hosts other than loopback. */
  readonly allowHttp: boolean;
  /** Attempts after the first, when configured. */
  readonly maxRetries?: number;
  /** Deadline of each attempt (headers and whole body), in milliseconds, when configured. */
  readonly timeoutMs?: number;
}

const booleanSetting = z.stringbool({ error: 'must be "true" or "false"' });
const maxRetriesSetting = z.coerce
  .number({ error: "must be a whole number" })
  .int({ error: "must be a whole number" })
  .min(0, { error: "must be 0 or more" })
  .max(10, { error: "must be at most 10" });
/** Seconds per attempt, as the setting is written; fractions allowed. */
const requestTimeoutSetting = z.coerce
  .number({ error: "must be a number of seconds" })
  .positive({ error: "must be more than 0 seconds" })
  .max(600, { error: "must be at most 600 seconds" });

/**
 * Resolves the SCM endpoint, region and credentials. Each setting's first value wins: the
 * resource's arguments (`region`, `endpoint` only), then stack config in the `huaweicloud`
 * namespace, then `HW_*` environment variables (and their `OS_*` fallbacks). Credentials are
 * picked as the Terraform provider does: a token, then an access key pair, then a password, then
 * the shared config file's profile, then the ECS metadata service; an agency, when set, is
 * assumed with them.
 *
 * Throws {@link ScmCredentialsError} for incomplete credentials, an unreadable shared config file
 * or a malformed agency (never quoting a value) and {@link ScmInputError} for an invalid setting,
 * an unknown region or a malformed proxy variable. Nothing is sent: the metadata service is asked
 * by the first request.
 */
export function resolveScmSettings(inputs: ScmSettingsInputs): ResolvedScmSettings {
  const sources: SettingInputs = { config: inputs.config, env: inputs.env };
  // Read only when no token, key pair or password is set, as Terraform does.
  const profileFile = findsStaticCredentials(sources)
    ? undefined
    : sharedConfigFileLocation(sources, inputs.homeDir);
  const profile = profileFile ? readSharedConfigProfile(profileFile, sources) : undefined;
  const region: FoundSetting = firstValue([["region", inputs.args.region]]) ??
    findSetting("region", sources) ??
    (profile?.region ? { value: profile.region, source: `the region of ${profile.source}` } : undefined) ?? {
      value: DEFAULT_REGION,
      source: "the default region",
    };
  const cloud = cloudDomain(region.value, findSetting("cloud", sources));

  const credentials = resolveCredentials(sources, {
    region: region.value,
    profile,
    metadataUrl: () => metadataBaseUrl(inputs.env),
    authUrl: () => {
      const configured = findSetting("authUrl", sources);
      return configured ? checkedEndpoint(configured) : defaultAuthUrl(region, cloud);
    },
  });
  const endpoint = resolveScmEndpoint({ argument: inputs.args.endpoint, inputs: sources, region, cloud });
  const insecure = parsed(findSetting("insecure", sources), booleanSetting) ?? false;
  const allowHttp = parsed(findSetting("allowHttp", sources), booleanSetting) ?? false;
  // Refused here, where the place each URL came from is still known; the client warns when allowed.
  checkPlainHttp(endpoint, { name: "The SCM endpoint", property: "endpoint" }, allowHttp);
  if ("authUrl" in credentials && credentials.authUrl) {
    checkPlainHttp(
      credentials.authUrl,
      { name: "IAM's auth URL", property: SETTING_SOURCES.authUrl.config },
      allowHttp,
    );
  }
  // Refused at preview rather than when the first client is made.
  checkProxyVariables(inputs.env);
  const maxRetries = parsed(findSetting("maxRetries", sources), maxRetriesSetting);
  const timeoutSeconds = parsed(findSetting("requestTimeout", sources), requestTimeoutSetting);

  return {
    endpoint,
    region: region.value,
    credentials,
    insecure,
    allowHttp,
    ...(maxRetries !== undefined ? { maxRetries } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutMs: Math.round(timeoutSeconds * 1000) } : {}),
  };
}

function parsed<T>(found: FoundSetting | undefined, schema: z.ZodType<T>): T | undefined {
  if (!found) return undefined;
  const result = schema.safeParse(found.value);
  if (result.success) return result.data;
  throw invalidSetting(found.source, result.error, (reasons) => `${found.source} ${reasons}.`);
}
