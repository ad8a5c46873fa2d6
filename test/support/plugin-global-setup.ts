import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { goCommand } from "../../harness/go-toolchain";
import { findOrBuildPulumiCli } from "../../harness/pulumi-cli";
import { buildPlugin } from "../../scripts/build-plugin";
import { SDK_LANGUAGE_HOSTS } from "../../scripts/build-sdks";
import { PLUGIN_EXECUTABLE } from "../../scripts/plugin-launcher";

declare module "vitest" {
  export interface ProvidedContext {
    /** The plugin's executable, as the tarball unpacks it. */
    pluginExecutable: string;
    /** The tarball `pulumi plugin install -f` takes. */
    pluginTarball: string;
    /** The version the build gave the plugin and its schema (the package's). */
    pluginVersion: string;
    /** The schema the build wrote. */
    pluginSchema: string;
    /** The `go` command the SDK suites build with; empty when there is none (never in CI). */
    goCommand: string;
  }
}

/**
 * Builds the provider plugin as `npm run build:plugin` does, into a folder of its own, and finds
 * the real `pulumi` CLI with the language hosts the suites run programs and make SDKs with.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const out = mkdtempSync(join(tmpdir(), "scm-plugin-"));
  const build = await buildPlugin(out);
  project.provide("pluginExecutable", join(build.dir, PLUGIN_EXECUTABLE));
  project.provide("pluginTarball", build.tarball);
  project.provide("pluginVersion", build.version);
  project.provide("pluginSchema", build.schema);
  let cliDir = "";
  let missing = "";
  try {
    cliDir = await findOrBuildPulumiCli(["pulumi-language-yaml", ...SDK_LANGUAGE_HOSTS]);
  } catch (error) {
    missing = (error as Error).message;
    if (process.env.CI) throw new Error(`The plugin's real-engine suites need a pulumi CLI: ${missing}`);
    process.stderr.write(`test/plugin under the CLI skipped: ${missing}\n`);
  }
  project.provide("pulumiCliDir", cliDir);
  project.provide("pulumiCliMissing", missing);
  const go = goCommand();
  if (!go && process.env.CI) throw new Error("The plugin's SDK suites need Go: no go command was found");
  if (!go) process.stderr.write("test/plugin's SDK suites skipped: no go command\n");
  project.provide("goCommand", go ?? "");
  return () => rmSync(out, { recursive: true, force: true });
}
