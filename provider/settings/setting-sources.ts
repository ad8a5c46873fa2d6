/** Reads a stack config value by its full key, e.g. `huaweicloud:region`. */
export type ConfigLookup = (key: string) => string | undefined;

/** Where settings are read from, after the resource's own arguments. */
export interface SettingInputs {
  readonly config: ConfigLookup;
  readonly env: NodeJS.ProcessEnv;
}

/** Where one setting is looked for: a stack config key, then environment variables in order. */
export interface SettingSource {
  readonly config: string;
  readonly env: readonly string[];
  /** A credential: kept exactly as given (never trimmed) and never quoted. */
  readonly secret?: boolean;
}

/**
 * Every setting and where it is looked for, with the names Huawei Cloud's Terraform provider and
 * Pulumi bridge use: stack config in the `huaweicloud` namespace, then `HW_*` variables, then
 * their older `OS_*` fallbacks.
 */
export const SETTING_SOURCES = {
  token: { config: "huaweicloud:token", env: ["HW_AUTH_TOKEN"], secret: true },
  accessKey: { config: "huaweicloud:accessKey", env: ["HW_ACCESS_KEY", "OS_ACCESS_KEY"] },
  secretKey: { config: "huaweicloud:secretKey", env: ["HW_SECRET_KEY", "OS_SECRET_KEY"], secret: true },
  securityToken: { config: "huaweicloud:securityToken", env: ["HW_SECURITY_TOKEN"], secret: true },
  domainId: { config: "huaweicloud:domainId", env: ["HW_DOMAIN_ID"] },
  domainName: { config: "huaweicloud:domainName", env: ["HW_DOMAIN_NAME"] },
  userName: { config: "huaweicloud:userName", env: ["HW_USER_NAME"] },
  password: { config: "huaweicloud:password", env: ["HW_USER_PASSWORD"], secret: true },
  sharedConfigFile: { config: "huaweicloud:sharedConfigFile", env: ["HW_SHARED_CONFIG_FILE"] },
  profile: { config: "huaweicloud:profile", env: ["HW_PROFILE"] },
  assumeRole: { config: "huaweicloud:assumeRole", env: [] },
  authUrl: { config: "huaweicloud:authUrl", env: ["HW_AUTH_URL"] },
  region: { config: "huaweicloud:region", env: ["HW_REGION_NAME", "OS_REGION_NAME"] },
  cloud: { config: "huaweicloud:cloud", env: ["HW_CLOUD"] },
  insecure: { config: "huaweicloud:insecure", env: ["HW_INSECURE"] },
  allowHttp: { config: "huaweicloud:allowHttp", env: ["HW_ALLOW_HTTP"] },
  maxRetries: { config: "huaweicloud:maxRetries", env: ["HW_MAX_RETRIES"] },
  requestTimeout: { config: "huaweicloud:requestTimeout", env: ["HW_REQUEST_TIMEOUT"] },
  scmEndpoint: { config: "huaweicloud:endpoints", env: ["HW_SCM_ENDPOINT"] },
} as const satisfies Record<string, SettingSource>;

export type SettingName = keyof typeof SETTING_SOURCES;

/** A setting's value and the place it came from (a config key or a variable name, never a value). */
export interface FoundSetting {
  readonly value: string;
  readonly source: string;
}

/** Every place a setting is looked for, in order, for messages. */
export function settingPlaces(name: SettingName): string[] {
  const source: SettingSource = SETTING_SOURCES[name];
  return [source.config, ...source.env];
}

/** The first non-blank value among the given places; non-secret values are trimmed. */
export function firstValue(
  candidates: readonly (readonly [source: string, value: string | undefined])[],
  secret = false,
): FoundSetting | undefined {
  for (const [source, value] of candidates) {
    if (value !== undefined && value.trim() !== "") return { value: secret ? value : value.trim(), source };
  }
  return undefined;
}

/** A setting from stack config, then the environment. `huaweicloud:endpoints` is read by its caller. */
export function findSetting(name: SettingName, inputs: SettingInputs): FoundSetting | undefined {
  const source: SettingSource = SETTING_SOURCES[name];
  return firstValue(
    [
      [source.config, inputs.config(source.config)],
      ...source.env.map((variable) => [variable, inputs.env[variable]] as const),
    ],
    source.secret,
  );
}

/**
 * Settings read from the environment alone: an agency given by variables (stack config has
 * `huaweicloud:assumeRole`), and the metadata service's address.
 */
export const ENVIRONMENT_ONLY_SETTINGS = [
  "HW_ASSUME_ROLE_AGENCY_NAME",
  "HW_ASSUME_ROLE_DOMAIN_NAME",
  "HW_METADATA_URL",
] as const;
