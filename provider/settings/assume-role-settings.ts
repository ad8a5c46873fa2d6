import { z } from "zod";
import type { Agency } from "../auth/assume-role";
import { ScmCredentialsError } from "../errors";
import { findSetting, SETTING_SOURCES, type SettingInputs } from "./setting-sources";
import type { SharedConfigProfile } from "./shared-config-file";

/** Lifetime asked of IAM for an agency's keys when none is set: renewed well before, so one hour is plenty. */
export const DEFAULT_AGENCY_DURATION_SECONDS = 3_600;
/** Agencies in one chain at most: IAM's limit is far from any real use. */
const MAX_CHAIN_LENGTH = 5;

const AGENCY_NAME_VARIABLE = "HW_ASSUME_ROLE_AGENCY_NAME";
const AGENCY_DOMAIN_VARIABLE = "HW_ASSUME_ROLE_DOMAIN_NAME";

const agencySchema = z.strictObject({
  agencyName: z.string({ error: "is required (a string)" }).trim().min(1, { error: "is required" }).max(64),
  domainName: z.string({ error: "is required (a string)" }).trim().min(1, { error: "is required" }).max(64),
  durationSeconds: z
    .number({ error: "must be a number of seconds" })
    .int({ error: "must be a whole number of seconds" })
    .min(900, { error: "must be at least 900 (15 minutes)" })
    .max(86_400, { error: "must be at most 86400 (24 hours)" })
    .default(DEFAULT_AGENCY_DURATION_SECONDS),
});
const chainSchema = z
  .array(agencySchema)
  .min(1, { error: "must name at least one agency" })
  .max(MAX_CHAIN_LENGTH, { error: `must name at most ${MAX_CHAIN_LENGTH} agencies` });

/** The agencies to assume, in order, where they came from, and the last one's account id when known. */
export interface AgencyChain {
  readonly agencies: readonly Agency[];
  readonly source: string;
  readonly domainId?: string | undefined;
}

/**
 * The agencies to assume: `huaweicloud:assumeRole` (an object, or a list for a chain), else
 * `HW_ASSUME_ROLE_AGENCY_NAME` with `HW_ASSUME_ROLE_DOMAIN_NAME`, else the profile's agency.
 * Throws {@link ScmCredentialsError} for an incomplete or malformed setting.
 */
export function findAgencyChain(
  inputs: SettingInputs,
  profile: SharedConfigProfile | undefined,
): AgencyChain | undefined {
  const key = SETTING_SOURCES.assumeRole.config;
  const configured = findSetting("assumeRole", inputs);
  if (configured) {
    let json: unknown;
    try {
      json = JSON.parse(configured.value);
    } catch {
      json = undefined;
    }
    // An object is one agency; a list is a chain.
    const parsed = chainSchema.safeParse(Array.isArray(json) || json === undefined ? json : [json]);
    if (!parsed.success) {
      const issues =
        json === undefined ? [`${key} is not JSON`] : reasons(parsed.error, key, Array.isArray(json));
      throw new ScmCredentialsError(
        `${key} is invalid: ${issues.join("; ")}. It takes {"agencyName": "...", "domainName": "..."} or a list of them for a chain.`,
      );
    }
    return { agencies: parsed.data, source: key };
  }
  const agencyName = inputs.env[AGENCY_NAME_VARIABLE]?.trim();
  const domainName = inputs.env[AGENCY_DOMAIN_VARIABLE]?.trim();
  if (agencyName || domainName) {
    if (!agencyName || !domainName) {
      throw new ScmCredentialsError(
        `Huawei Cloud credentials are incomplete: an agency also needs ${agencyName ? AGENCY_DOMAIN_VARIABLE : AGENCY_NAME_VARIABLE} (or ${key}).`,
      );
    }
    return {
      agencies: [{ agencyName, domainName, durationSeconds: DEFAULT_AGENCY_DURATION_SECONDS }],
      source: `${AGENCY_NAME_VARIABLE} and ${AGENCY_DOMAIN_VARIABLE}`,
    };
  }
  if (profile?.agency) {
    const { agencyName: name, domainName: domain, domainId } = profile.agency;
    return {
      agencies: [{ agencyName: name, domainName: domain, durationSeconds: DEFAULT_AGENCY_DURATION_SECONDS }],
      source: `the agency of ${profile.source}`,
      domainId,
    };
  }
  return undefined;
}

/** Each issue as `huaweicloud:assumeRole[1].domainName is required`, quoting no value. */
function reasons(error: z.ZodError, key: string, list: boolean): string[] {
  return error.issues.map((issue) => {
    // A single object was checked as a list of one: its index is not the user's.
    const path = (list ? issue.path : issue.path.slice(1))
      .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
      .join("");
    return `${key}${path} ${issue.message}`;
  });
}
