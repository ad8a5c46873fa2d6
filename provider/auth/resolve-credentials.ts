import { hasControlCharacter } from "../control-characters";
import { ScmCredentialsError, ScmInputError } from "../errors";
import { authTokenSchema } from "../schemas";
import type { ScmCredentials } from "./credentials";
import {
  type FoundSetting,
  findSetting,
  type SettingInputs,
  type SettingName,
  settingPlaces,
} from "./setting-sources";

/**
 * Picks the credentials in the Terraform provider's order: a token, then an access key pair
 * (with its optional security token and domain id), then a user name and password with the
 * account name. Each setting is looked up on its own, stack config before the environment.
 * `authUrl` is asked for only when IAM will be called: for a password, and for an access key
 * pair without a domain id (looked up there).
 */
export function resolveCredentials(
  inputs: SettingInputs,
  iam: { readonly region: string; readonly authUrl: () => string },
): ScmCredentials {
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

  throw new ScmCredentialsError(
    [
      "No Huawei Cloud credentials were found. Looked for, in this order:",
      `- a token: ${places("token")};`,
      `- an access key pair: ${places("accessKey")} with ${places("secretKey")} (and optionally ${places("securityToken")}, ${places("domainId")});`,
      `- a user name and password: ${places("userName")}, ${places("password")} and ${places("domainName")}.`,
      "Set them as stack config (pulumi config set --secret huaweicloud:secretKey ...) or in the environment.",
    ].join("\n"),
  );
}

/**
 * Whether the credentials found will call IAM (a password, or an access key pair without a domain
 * id) while no auth URL is set, so that IAM's URL must come from the region.
 */
export function needsRegionalIam(inputs: SettingInputs): boolean {
  const find = (name: SettingName) => findSetting(name, inputs)?.value;
  if (find("token") || find("authUrl")) return false;
  if (find("accessKey") || find("secretKey")) return !find("domainId");
  return Boolean(find("userName") || find("password"));
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
