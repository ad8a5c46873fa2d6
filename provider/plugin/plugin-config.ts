import { type ConfigLookup, SETTING_SOURCES } from "../settings/setting-sources";
import type { InputFailure } from "../validation";
import { nearestName } from "./nearest-name";
import { forEngine, revealed } from "./wire-values";

/** The package's name, and the namespace of its stack config. */
export const PACKAGE_NAME = "huaweicloud-scm";

/** The resource's type token. */
export const RESOURCE_TOKEN = `${PACKAGE_NAME}:index:ScmExportedCertificate`;

/**
 * The namespace the settings name their config keys in (`huaweicloud:region`): the dynamic
 * provider reads the stack config of Huawei Cloud's own provider. The engine gives a plugin only
 * its own namespace's keys, so the plugin reads `huaweicloud-scm:<key>` in their place.
 */
const SETTINGS_NAMESPACE = "huaweicloud";

/**
 * The provider's configuration (`ConfigureRequest.args`: keys without a namespace, secrets
 * marked) as the settings look keys up. A value that is not a string (`endpoints`, an
 * `assumeRole` object, a boolean) is read as its JSON text, as the dynamic provider gets it.
 */
export function configLookup(args: Record<string, unknown>): ConfigLookup {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(revealed(args) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    values.set(`${SETTINGS_NAMESPACE}:${key}`, typeof value === "string" ? value : JSON.stringify(value));
  }
  return (key) => values.get(key);
}

/** A setting's config key without the namespace: `huaweicloud:token` is `token`. */
const bareKey = (config: string) => config.slice(SETTINGS_NAMESPACE.length + 1);

/** The config keys (without the namespace) whose values the settings keep secret: `token`, ... */
const SECRET_CONFIG_KEYS = Object.values(SETTING_SOURCES)
  .filter((source) => "secret" in source && source.secret)
  .map((source) => bareKey(source.config));

/** The config keys (without the namespace) the settings read: `token`, `region`, `endpoints`, ... */
const SETTING_KEYS = [...new Set(Object.values(SETTING_SOURCES).map((source) => bareKey(source.config)))];

/**
 * Keys the engine itself puts among a provider's inputs: `version`, and, in states of engines
 * before `__internal` held them (which the engine strips before `CheckConfig`), the others.
 */
const ENGINE_KEYS = ["version", "pluginDownloadURL", "pluginChecksums", "__internal"];

/**
 * A failure for each key of the provider's config that is no setting of it: the engine hands the
 * plugin every `huaweicloud-scm:*` key of the stack, so a misspelt one (`huaweicloud-scm:regoin`)
 * would otherwise be ignored and the setting taken from elsewhere without a word.
 */
export function unknownConfigKeys(news: Record<string, unknown>): InputFailure[] {
  return Object.keys(news)
    .filter((key) => !SETTING_KEYS.includes(key) && !ENGINE_KEYS.includes(key))
    .map((key) => {
      const near = nearestName(key, SETTING_KEYS);
      // No property named: the engine would print its value beside it, a credential perhaps.
      return {
        property: "",
        reason:
          `${PACKAGE_NAME}:${key} is not a setting of this provider` +
          (near
            ? `; did you mean ${PACKAGE_NAME}:${near}?`
            : `; its settings are ${SETTING_KEYS.map((k) => `${PACKAGE_NAME}:${k}`).join(", ")}.`),
      };
    });
}

/**
 * The provider's config as `CheckConfig` answers it, which the engine stores as the provider's
 * inputs and outputs: the credentials marked secret even when the stack config holds them in
 * clear (`pulumi config set --plaintext`), so the state has them only as ciphertext.
 */
export function checkedConfig(news: Record<string, unknown>): Record<string, unknown> {
  return forEngine(news, SECRET_CONFIG_KEYS);
}

/**
 * `text` naming config keys as a user of the plugin sets them: `huaweicloud:secretKey` in a
 * message of the settings is `huaweicloud-scm:secretKey` here.
 */
export function inPluginNamespace(text: string): string {
  return text.replace(/\bhuaweicloud:(?=[A-Za-z])/g, `${PACKAGE_NAME}:`);
}
