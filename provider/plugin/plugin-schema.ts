import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The package's schema as the engine gets it, and the plugin's version, which it states. */
export interface PluginSchema {
  readonly text: string;
  readonly version: string;
}

/**
 * The schema beside the plugin's entry point: the build writes it there, the package's version
 * filled in. The sources' copy has no version.
 */
export function loadSchema(dir: string = __dirname): PluginSchema {
  const text = readFileSync(join(dir, "schema.json"), "utf8");
  const { version } = JSON.parse(text) as { version?: string };
  return { text, version: version ?? "" };
}
