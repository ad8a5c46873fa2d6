import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PulumiStack } from "./pulumi-cli";

/** The provider plugin as a build made it: what installs it, and its version. */
export interface PluginBuildOutput {
  readonly tarball: string;
  readonly version: string;
}

/**
 * A Pulumi YAML project in a new folder under `parent`: `Pulumi.yaml` with its name, the `yaml`
 * runtime, and `program` (its `config`, `resources`, `variables` and `outputs`, as YAML).
 */
export function createYamlProject(parent: string, name: string, program: string): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, `${name}-`));
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n${program}`);
  return dir;
}

/** A copy of the project in `source` (any language's), in a new folder under `parent`. */
export function copyProject(parent: string, name: string, source: string): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, `${name}-`));
  cpSync(source, dir, { recursive: true });
  return dir;
}

/**
 * A new stack of the project in `dir` on a local backend of its own, with the provider plugin
 * installed from its tarball into the stack's empty `PULUMI_HOME`, as a user installs it: offline
 * (the engine downloads no plugin). For a project in any language the CLI runs.
 */
export async function newPluginStack(options: {
  readonly dir: string;
  readonly cliDir: string;
  readonly plugin: PluginBuildOutput;
  readonly env?: Record<string, string>;
  readonly stackName?: string;
}): Promise<PulumiStack> {
  const stack = new PulumiStack(options.dir, options.stackName ?? "dev", options.cliDir, options.env ?? {});
  const { tarball, version } = options.plugin;
  await stack.run(["plugin", "install", "resource", "huaweicloud-scm", version, "-f", tarball]);
  await stack.run(["stack", "init"]);
  return stack;
}
