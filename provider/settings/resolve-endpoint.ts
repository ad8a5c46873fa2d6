import { ScmInputError } from "../errors";
import { endpointSchema } from "../schemas";
import { invalidSetting } from "../validation";
import { DEFAULT_CLOUD, EUROPE_CLOUD, isEuropeRegion, KNOWN_REGIONS, scmSiteRegion } from "./regions";
import { type FoundSetting, firstValue, SETTING_SOURCES, type SettingInputs } from "./setting-sources";

const CLOUD_DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/**
 * Checks an endpoint: an http(s) URL without credentials, query or fragment, returned without a
 * trailing slash. `source` names where it came from, for the error.
 */
export function checkedEndpoint(found: FoundSetting): string {
  const result = endpointSchema.safeParse(found.value);
  if (result.success) return result.data;
  throw invalidSetting(
    found.source,
    result.error,
    (reasons) => `The endpoint from ${found.source} is invalid: ${reasons}.`,
  );
}

/** Throws {@link ScmInputError} listing the valid regions unless `region` is one. */
function checkRegion(region: FoundSetting): void {
  if (KNOWN_REGIONS.includes(region.value)) return;
  const reason = `is not a Huawei Cloud region; valid regions: ${KNOWN_REGIONS.join(", ")}`;
  throw new ScmInputError(
    `Unknown region "${region.value}" (from ${region.source}): valid regions are ${KNOWN_REGIONS.join(", ")}. For another region, set the SCM endpoint (huaweicloud:endpoints {"scm": "..."} or HW_SCM_ENDPOINT) and the auth URL (huaweicloud:authUrl or HW_AUTH_URL) explicitly; with an access key pair, its account id (huaweicloud:domainId or HW_DOMAIN_ID) does instead of the auth URL.`,
    [{ property: region.source, reason }],
  );
}

/** The cloud domain: configured, else `myhuaweicloud.eu` for `eu-west-1*` regions, else `myhuaweicloud.com`. */
export function cloudDomain(region: string, configured: FoundSetting | undefined): string {
  if (!configured) return isEuropeRegion(region) ? EUROPE_CLOUD : DEFAULT_CLOUD;
  if (!CLOUD_DOMAIN.test(configured.value)) {
    throw new ScmInputError(
      `The cloud domain from ${configured.source} must be a domain name such as ${DEFAULT_CLOUD}.`,
      [{ property: configured.source, reason: `must be a domain name such as ${DEFAULT_CLOUD}` }],
    );
  }
  return configured.value.toLowerCase();
}

/** SCM's endpoint for a known region: `https://scm.{site region}.{cloud}`. */
function scmEndpointForRegion(region: FoundSetting, cloud: string): string {
  checkRegion(region);
  return `https://scm.${scmSiteRegion(region.value)}.${cloud}`;
}

/**
 * IAM's default auth URL for a known region: `https://iam.{region}.{cloud}/v3`. Asked for only
 * when the credentials call IAM, so an unknown region fails here even where SCM's endpoint is set.
 */
export function defaultAuthUrl(region: FoundSetting, cloud: string): string {
  if (KNOWN_REGIONS.includes(region.value)) return `https://iam.${region.value}.${cloud}/v3`;
  const reason =
    "is not a Huawei Cloud region, so IAM's URL cannot be derived from it: set huaweicloud:authUrl / HW_AUTH_URL " +
    "(with an access key pair, huaweicloud:domainId / HW_DOMAIN_ID does instead)";
  throw new ScmInputError(
    `Unknown region "${region.value}" (from ${region.source}): IAM's URL cannot be derived from it. Set huaweicloud:authUrl or HW_AUTH_URL (with an access key pair, huaweicloud:domainId or HW_DOMAIN_ID does instead).`,
    [{ property: region.source, reason }],
  );
}

/** The SCM endpoint set in `huaweicloud:endpoints` (a JSON object with an `scm` key) or `HW_SCM_ENDPOINT`. */
export function configuredScmEndpoint(inputs: SettingInputs): FoundSetting | undefined {
  const key = SETTING_SOURCES.scmEndpoint.config;
  const endpoints = inputs.config(key);
  let scm: string | undefined;
  if (endpoints !== undefined && endpoints.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(endpoints);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ScmInputError(
        `${key} must be a JSON object such as {"scm": "https://scm.ap-southeast-1.myhuaweicloud.com"}.`,
        [{ property: key, reason: "must be a JSON object of endpoints by service" }],
      );
    }
    const value = (parsed as Record<string, unknown>).scm;
    if (value !== undefined && typeof value !== "string") {
      throw new ScmInputError(`${key}.scm must be a string.`, [
        { property: `${key}.scm`, reason: "must be a string" },
      ]);
    }
    scm = value;
  }
  const [variable = "HW_SCM_ENDPOINT"] = SETTING_SOURCES.scmEndpoint.env;
  return firstValue([
    [`${key}.scm`, scm],
    [variable, inputs.env[variable]],
  ]);
}

/**
 * SCM's endpoint: the resource's `endpoint` argument, then `huaweicloud:endpoints.scm`, then
 * `HW_SCM_ENDPOINT`, then the host serving the region.
 */
export function resolveScmEndpoint(input: {
  readonly argument: string | undefined;
  readonly inputs: SettingInputs;
  readonly region: FoundSetting;
  readonly cloud: string;
}): string {
  const explicit = firstValue([["endpoint", input.argument]]) ?? configuredScmEndpoint(input.inputs);
  return explicit ? checkedEndpoint(explicit) : scmEndpointForRegion(input.region, input.cloud);
}
