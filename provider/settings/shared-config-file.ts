import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { hasControlCharacter } from "../control-characters";
import { ScmCredentialsError } from "../errors";
import { issueLines } from "../validation";
import { findSetting, type SettingInputs } from "./setting-sources";
import { readSharedConfigText } from "./shared-config-file-access";

/** Where the `hcloud` CLI (KooCLI) keeps its profiles, under the home directory. */
export const DEFAULT_SHARED_CONFIG_FILE = join(".hcloud", "config.json");

/** The remedy for a file whose credentials the CLI encrypted. */
const DECRYPT_REMEDY =
  "run `hcloud configure set --cli-auth-encrypt=false` (then `hcloud configure set` the keys again) so that other tools can read them, or give the keys another way";

/** A profile of the shared config file, with the credentials it holds. Keep it out of state and logs. */
export interface SharedConfigProfile {
  /** `profile "name" of /path/config.json`, for messages. */
  readonly source: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken?: string | undefined;
  readonly domainId?: string | undefined;
  readonly region?: string | undefined;
  /** The agency the profile assumes, when it names one. */
  readonly agency?:
    | { readonly agencyName: string; readonly domainName: string; readonly domainId?: string | undefined }
    | undefined;
}

/** The shared config file to read: configured (it must exist), else the CLI's default when it exists. */
export interface SharedConfigFileLocation {
  readonly path: string;
  /** Where the path came from: a setting's name, or `the default location`. */
  readonly source: string;
}

const text = z.string().optional();
const stsTokenSchema = z.looseObject({ accessKeyId: text, secretAccessKey: text, securityToken: text });
const profileSchema = z.looseObject({
  name: z.string(),
  mode: text,
  accessKeyId: text,
  secretAccessKey: text,
  securityToken: text,
  region: text,
  projectId: text,
  domainId: text,
  agencyDomainId: text,
  agencyDomainName: text,
  agencyName: text,
  ssoAuth: z.looseObject({ stsToken: stsTokenSchema.optional() }).optional(),
});
const fileSchema = z.looseObject({ current: text, profiles: z.array(profileSchema) });

/** An access key id: letters and digits. Anything else in its place is the CLI's ciphertext. */
const ACCESS_KEY_ID = /^[A-Za-z0-9]{8,128}$/;

/** Where the shared config file is, or `undefined` when none is configured and the default is absent. */
export function sharedConfigFileLocation(
  inputs: SettingInputs,
  homeDir: string | undefined,
): SharedConfigFileLocation | undefined {
  const configured = findSetting("sharedConfigFile", inputs);
  if (configured) {
    const expanded = configured.value.replace(/^~(?=$|[/\\])/, homeDir ?? "~");
    const path = isAbsolute(expanded) ? expanded : resolve(expanded);
    if (!existsSync(path)) {
      throw new ScmCredentialsError(
        `The shared config file ${path} (from ${configured.source}) does not exist. Check the path, or unset ${configured.source}.`,
      );
    }
    return { path, source: configured.source };
  }
  if (homeDir === undefined) return undefined;
  const path = join(homeDir, DEFAULT_SHARED_CONFIG_FILE);
  return existsSync(path) ? { path, source: "the default location" } : undefined;
}

/**
 * Reads the profile to use from the shared config file: `huaweicloud:profile` / `HW_PROFILE`,
 * else the file's `current`. Throws {@link ScmCredentialsError} for an unreadable or malformed
 * file, a missing profile, or credentials the CLI encrypted; no message quotes the file's values.
 */
export function readSharedConfigProfile(
  location: SharedConfigFileLocation,
  inputs: SettingInputs,
): SharedConfigProfile {
  const file = `the shared config file ${location.path}`;
  const raw = readSharedConfigText(location);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    // JSON.parse's message quotes the text around the fault, which may be a key: only its position is kept.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new ScmCredentialsError(
      `${file} is not valid JSON${position ? ` (at character ${position})` : ""}. Check it with \`hcloud configure list\`, or set ${"huaweicloud:sharedConfigFile / HW_SHARED_CONFIG_FILE"} to another file.`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ScmCredentialsError(
      `${file} is not an hcloud config file (${issueLines(parsed.error).slice(0, 3).join("; ")}): it needs {"current": "...", "profiles": [{"name": "...", "mode": "AKSK", "accessKeyId": "...", "secretAccessKey": "..."}]}.`,
    );
  }
  const named = findSetting("profile", inputs);
  const name = named?.value ?? parsed.data.current;
  if (!name) {
    throw new ScmCredentialsError(
      `${file} names no current profile: set huaweicloud:profile / HW_PROFILE to one of ${profileNames(parsed.data.profiles)}.`,
    );
  }
  const profile = parsed.data.profiles.find((candidate) => candidate.name === name);
  const source = `profile "${name}" of ${location.path}`;
  if (!profile) {
    throw new ScmCredentialsError(
      `${file} has no profile "${name}" (${named ? `from ${named.source}` : "its current profile"}); it has ${profileNames(parsed.data.profiles)}.`,
    );
  }
  const keys =
    (profile.mode ?? "AKSK").toUpperCase() === "AKSK"
      ? profile
      : profile.ssoAuth?.stsToken?.accessKeyId
        ? profile.ssoAuth.stsToken
        : undefined;
  if (!keys) {
    throw new ScmCredentialsError(
      `The ${source} uses mode "${profile.mode}", which holds no access key pair; use an AKSK profile (huaweicloud:profile / HW_PROFILE).`,
    );
  }
  refuseControlCharacters(source, keys === profile ? "" : "ssoAuth.stsToken.", keys, KEY_FIELDS);
  refuseControlCharacters(source, "", profile, PROFILE_FIELDS);
  if (!keys.accessKeyId || !keys.secretAccessKey) {
    throw new ScmCredentialsError(
      `The ${source} is incomplete: it needs ${[!keys.accessKeyId && "accessKeyId", !keys.secretAccessKey && "secretAccessKey"].filter(Boolean).join(" and ")}.`,
    );
  }
  if (encrypted(parsed.data, profile) || !ACCESS_KEY_ID.test(keys.accessKeyId)) {
    throw new ScmCredentialsError(
      `The ${source} holds encrypted credentials, which only the hcloud CLI can read: ${DECRYPT_REMEDY}.`,
    );
  }
  const agency =
    profile.agencyName && profile.agencyDomainName
      ? {
          agencyName: profile.agencyName,
          domainName: profile.agencyDomainName,
          domainId: profile.agencyDomainId || undefined,
        }
      : undefined;
  return {
    source,
    accessKey: keys.accessKeyId,
    secretKey: keys.secretAccessKey,
    securityToken: keys.securityToken || undefined,
    domainId: profile.domainId || undefined,
    region: profile.region || undefined,
    agency,
  };
}

/**
 * Refuses a field of the profile holding a control character (a line break, perhaps, from an
 * editor), naming the file, the profile and the field, never the value: the same value in an
 * environment variable is refused the same way.
 */
function refuseControlCharacters(
  source: string,
  prefix: string,
  fields: Readonly<Record<string, unknown>>,
  names: readonly string[],
): void {
  for (const name of names) {
    const value = fields[name];
    if (typeof value === "string" && hasControlCharacter(value)) {
      throw new ScmCredentialsError(
        `The ${source} holds a control character in ${prefix}${name} (a line break, perhaps, from an editor): write the value again without it.`,
      );
    }
  }
}

/** The fields of the access key pair the provider uses (a profile's, or its `ssoAuth.stsToken`'s). */
const KEY_FIELDS = ["accessKeyId", "secretAccessKey", "securityToken"];
/** The other fields of a profile the provider uses. */
const PROFILE_FIELDS = ["domainId", "region", "agencyName", "agencyDomainName", "agencyDomainId"];

/** Whether the file or the profile says its credentials are encrypted (a `…Encrypt…` flag set to true). */
function encrypted(...objects: readonly Record<string, unknown>[]): boolean {
  return objects.some((object) =>
    Object.entries(object).some(
      ([key, value]) => /encrypt/i.test(key) && (value === true || value === "true"),
    ),
  );
}

function profileNames(profiles: readonly { name: string }[]): string {
  return profiles.length === 0 ? "no profiles" : `profiles ${profiles.map((p) => `"${p.name}"`).join(", ")}`;
}
