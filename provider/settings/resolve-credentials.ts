import type { BaseCredentials, ScmCredentials } from "../auth/credentials";
import { hasControlCharacter } from "../control-characters";
import { ScmCredentialsError, ScmInputError } from "../errors";
import { authTokenSchema } from "../schemas";
import { findAgencyChain } from "./assume-role-settings";
import {
  ENVIRONMENT_ONLY_SETTINGS,
  type FoundSetting,
  findSetting,
  type SettingInputs,
  type SettingName,
  settingPlaces,
} from "./setting-sources";
import type { SharedConfigProfile } from "./shared-config-file";

/** Where IAM and the metadata service are, and the profile of the shared config file, when one is read. */
export interface CredentialContext {
  readonly region: string;
  readonly authUrl: () => string;
  /** The profile read from the shared config file: only when no token, key pair or password is set. */
  readonly profile?: SharedConfigProfile | undefined;
  /** The metadata service's base URL, asked for only when nothing else is found. */
  readonly metadataUrl: () => string;
}

/**
 * Picks the credentials in the Terraform provider's order: a token, then an access key pair
 * (with its optional security token and domain id), then a user name and password with the
 * account name, then the shared config file's profile, then the ECS metadata service. An agency
 * (or a chain), when set, is assumed with whichever was found. Each setting is looked up on its
 * own, stack config before the environment. `authUrl` is asked for only when IAM will be called.
 */
export function resolveCredentials(inputs: SettingInputs, iam: CredentialContext): ScmCredentials {
  const base = resolveBaseCredentials(inputs, iam);
  const chain = findAgencyChain(inputs, iam.profile);
  if (!chain) return base;
  return {
    kind: "assume-role",
    base,
    agencies: chain.agencies,
    authUrl: iam.authUrl(),
    ...(chain.domainId ? { domainId: chain.domainId } : {}),
  };
}

/** Whether a token, an access key pair or a password is set: the shared config file is then not read. */
export function findsStaticCredentials(inputs: SettingInputs): boolean {
  return (["token", "accessKey", "secretKey", "userName", "password"] as const).some(
    (name) => findSetting(name, inputs) !== undefined,
  );
}

function resolveBaseCredentials(inputs: SettingInputs, iam: CredentialContext): BaseCredentials {
  const find = (name: SettingName) => checkedSetting(findSetting(name, inputs))?.value;

  const token = checkedSetting(findSetting("token", inputs));
  if (token?.value) {
    // Held to SCM's limits before anything is sent; the message names the place, never the value.
    const checked = authTokenSchema.safeParse(token.value);
    if (!checked.success) {
      throw new ScmCredentialsError(
        `The token from ${token.source} is not an IAM token: ${checked.error.issues[0]?.message} (${token.value.length} given). Copy the whole X-Subject-Token value.`,
      );
    }
    return { kind: "token", token: token.value };
  }

  const accessKey = find("accessKey");
  const secretKey = find("secretKey");
  if (accessKey || secretKey) {
    if (!accessKey || !secretKey)
      throw incomplete("an access key pair", accessKey ? ["secretKey"] : ["accessKey"]);
    const securityToken = find("securityToken");
    const domainId = find("domainId");
    return {
      kind: "access-key",
      accessKey,
      secretKey,
      ...(securityToken ? { securityToken } : {}),
      ...(domainId ? { domainId } : { authUrl: iam.authUrl() }),
    };
  }

  const userName = find("userName");
  const userPassword = find("password");
  const domainName = find("domainName");
  if (userName || userPassword) {
    const missing = (
      [
        ["userName", userName],
        ["password", userPassword],
        ["domainName", domainName],
      ] as const
    )
      .filter(([, value]) => !value)
      .map(([name]) => name);
    if (!userName || !userPassword || !domainName) throw incomplete("a password", missing);
    return {
      kind: "password",
      userName,
      password: userPassword,
      domainName,
      authUrl: iam.authUrl(),
      region: iam.region,
    };
  }

  const profile = iam.profile;
  if (profile) {
    const domainId = find("domainId") ?? profile.domainId;
    return {
      kind: "access-key",
      accessKey: profile.accessKey,
      secretKey: profile.secretKey,
      ...(profile.securityToken ? { securityToken: profile.securityToken } : {}),
      ...(domainId ? { domainId } : { authUrl: iam.authUrl() }),
    };
  }

  // Last, as Terraform does: the metadata service, asked when the first request is sent. When it
  // does not answer, its error lists every place looked at.
  const domainId = find("domainId");
  return {
    kind: "ecs-metadata",
    metadataUrl: iam.metadataUrl(),
    ...(domainId ? { domainId } : { authUrl: iam.authUrl() }),
    lookedFor: [
      "No Huawei Cloud credentials were found. Set them as stack config (pulumi config set --secret huaweicloud:secretKey ...) or in the environment. Looked for, in this order:",
      `- a token: ${places("token")};`,
      `- an access key pair: ${places("accessKey")} with ${places("secretKey")} (and optionally ${places("securityToken")}, ${places("domainId")});`,
      `- a user name and password: ${places("userName")}, ${places("password")} and ${places("domainName")};`,
      `- a shared config file: ${places("sharedConfigFile")}, else ~/.hcloud/config.json (its profile: ${places("profile")}, else its current one);`,
    ].join("\n"),
  };
}

/**
 * Whether the credentials found will call IAM (a password, or an access key pair without a domain
 * id) while no auth URL is set, so that IAM's URL must come from the region.
 */
export function needsRegionalIam(inputs: SettingInputs): boolean {
  const find = (name: SettingName) => findSetting(name, inputs)?.value;
  if (find("authUrl")) return false;
  // An agency is assumed at IAM, whatever the credentials.
  const [agencyName, agencyDomain] = ENVIRONMENT_ONLY_SETTINGS;
  if (find("assumeRole") || inputs.env[agencyName]?.trim() || inputs.env[agencyDomain]?.trim()) return true;
  if (find("token")) return false;
  if (find("accessKey") || find("secretKey")) return !find("domainId");
  if (find("userName") || find("password")) return true;
  // A profile's or the metadata service's keys: their account is looked up unless given.
  return !find("domainId");
}

/** Refuses a credential setting holding a control character, naming its place, never its value. */
function checkedSetting(found: FoundSetting | undefined): FoundSetting | undefined {
  if (found === undefined || !hasControlCharacter(found.value)) return found;
  const reason =
    "holds a control character (a line break, perhaps, from a file or a copy): set the value again without it";
  throw new ScmInputError(`${found.source} ${reason}.`, [{ property: found.source, reason }]);
}

function places(name: SettingName): string {
  return settingPlaces(name).join(" / ");
}

function incomplete(what: string, missing: readonly SettingName[]): ScmCredentialsError {
  return new ScmCredentialsError(
    `Huawei Cloud credentials are incomplete: ${what} also needs ${missing.map(places).join(" and ")}.`,
  );
}
