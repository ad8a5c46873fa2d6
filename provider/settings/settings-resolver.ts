import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { ScmCredentialsError, ScmInputError } from "../errors";
import { PROXY_VARIABLES } from "../http/proxy-environment";
import type { InputFailure } from "../validation";
import { findsStaticCredentials } from "./resolve-credentials";
import { type ResolvedScmSettings, resolveScmSettings } from "./resolve-settings";
import {
  type ConfigLookup,
  ENVIRONMENT_ONLY_SETTINGS,
  SETTING_SOURCES,
  type SettingInputs,
} from "./setting-sources";
import { sharedConfigFileLocation } from "./shared-config-file";
import { sharedConfigFileIdentity } from "./shared-config-file-access";

/** The settings a resource's own arguments may set. */
export interface SettingArguments {
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
}

/** What resolving gave for one set of values: the settings, or the error that refuses them. */
export type SettingsResult =
  | { readonly ok: true; readonly settings: ResolvedScmSettings }
  | { readonly ok: false; readonly error: Error };

const SETTING_PLACES = Object.values(SETTING_SOURCES);

/**
 * The settings of one provider (or program) process, resolved in one pass from the resource's
 * arguments, the stack config it was given and the environment. Each set of values is resolved
 * once: `check` judges the result and the client is built from the very same object, so a
 * preview of many resources resolves their shared settings a single time. The values are read
 * on every call, so credentials rotated in the environment or the shared config file are used:
 * the file is known by its identity (inode, size, times), and read only when resolving uses it.
 */
export class SettingsResolver {
  readonly #config: ConfigLookup;
  readonly #results = new Map<string, SettingsResult>();

  /** @param config the stack config by full key, e.g. `huaweicloud:region`; none by default */
  constructor(config: ConfigLookup = () => undefined) {
    this.#config = config;
  }

  /** The result for these arguments: resolved now, or taken from an earlier call with the same values. */
  result(args: SettingArguments): SettingsResult {
    // A digest of the values: credentials are kept only in the resolved settings.
    const key = createHash("sha256")
      .update(JSON.stringify(this.#values(args)))
      .digest("hex");
    let result = this.#results.get(key);
    if (!result) {
      try {
        const settings = resolveScmSettings({
          args,
          config: this.#config,
          env: process.env,
          homeDir: homedir(),
        });
        result = { ok: true, settings };
      } catch (error) {
        result = { ok: false, error: error as Error };
      }
      this.#results.set(key, result);
    }
    return result;
  }

  /** The settings for these arguments; throws what resolving them threw. */
  resolve(args: SettingArguments): ResolvedScmSettings {
    const result = this.result(args);
    if (result.ok) return result.settings;
    throw result.error;
  }

  /**
   * `check` failures for settings a call would refuse, judged at preview without sending anything:
   * credentials that cannot work (an incomplete key pair or password, a malformed agency, a shared
   * config file that is missing, malformed, encrypted or lacks the profile), a region with no SCM
   * or IAM host, and settings such as a plain-HTTP endpoint or a malformed timeout. Missing
   * credentials are not judged here: a preview may run without them.
   */
  failures(args: SettingArguments): InputFailure[] {
    const result = this.result(args);
    if (result.ok) return [];
    const { error } = result;
    if (error instanceof ScmCredentialsError) return [{ property: "credentials", reason: error.message }];
    if (!(error instanceof ScmInputError)) return [];
    return error.failures.length > 0 ? [...error.failures] : [{ property: "", reason: error.message }];
  }

  /**
   * Every value {@link resolveScmSettings} reads: the arguments, each setting's config key and
   * variables, the proxy variables, the shared config file's identity.
   */
  #values(args: SettingArguments): (string | undefined)[] {
    const values = [args.region, args.endpoint];
    for (const place of SETTING_PLACES) {
      values.push(this.#config(place.config));
      for (const variable of place.env) values.push(process.env[variable]);
    }
    for (const variable of [...ENVIRONMENT_ONLY_SETTINGS, ...PROXY_VARIABLES])
      values.push(process.env[variable]);
    values.push(homedir(), this.#sharedConfigFile({ config: this.#config, env: process.env }));
    return values;
  }

  /**
   * The shared config file as it is now, by identity, without reading it; `undefined` when
   * resolving will not read it (other credentials are set) or it cannot be found (resolving says why).
   */
  #sharedConfigFile(inputs: SettingInputs): string | undefined {
    if (findsStaticCredentials(inputs)) return undefined;
    try {
      const location = sharedConfigFileLocation(inputs, homedir());
      return location ? sharedConfigFileIdentity(location.path) : undefined;
    } catch {
      return undefined;
    }
  }
}
