import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, inject } from "vitest";
import { PluginHost } from "../../harness/plugin-host";
import type { CliResult, PulumiStack } from "../../harness/pulumi-cli";

/** The plugin as built for this run, started as the engine starts it, each in a home of its own. */
export class PluginHosts {
  readonly #homes: string[] = [];
  readonly #hosts: PluginHost[] = [];

  /** Starts the plugin with this environment and configures it with `config` (keys without a namespace). */
  async start(env: NodeJS.ProcessEnv = {}, config: Record<string, unknown> = {}): Promise<PluginHost> {
    const host = await this.launch(env);
    await host.configure(config);
    return host;
  }

  /** Starts the plugin, not configured yet. */
  async launch(env: NodeJS.ProcessEnv = {}): Promise<PluginHost> {
    const home = mkdtempSync(join(tmpdir(), "scm-plugin-home-"));
    this.#homes.push(home);
    const host = await PluginHost.startPlugin(inject("pluginExecutable"), home, env);
    this.#hosts.push(host);
    return host;
  }

  async stop(): Promise<void> {
    await Promise.all(this.#hosts.map((h) => h.stop()));
    for (const home of this.#homes) rmSync(home, { recursive: true, force: true });
  }
}

/**
 * A suite that makes the plugin's SDKs or builds a Go program with one: it needs the real CLI
 * and Go, and keeps its steps in order when the run is shuffled.
 */
export function describeWithSdkTools(name: string, suite: () => void): void {
  describe.skipIf(inject("pulumiCliMissing") !== "" || inject("goCommand") === "")(
    name,
    { shuffle: false },
    suite,
  );
}

/**
 * A suite's commands on its stack (set in its `beforeAll`), each result kept in `results` for the
 * secret scan, and `stack output --json`: with `showSecrets`, not kept, since those secrets would
 * fail the scan.
 */
export function recordedCommands(stack: () => PulumiStack, results: CliResult[]) {
  const pulumi = async (args: string[], options: { stdin?: string } = {}): Promise<CliResult> => {
    const result = await stack().run(args, options);
    results.push(result);
    return result;
  };
  const outputs = async (showSecrets = false): Promise<Record<string, unknown>> => {
    const args = ["stack", "output", "--json"];
    const result = showSecrets ? await stack().run([...args, "--show-secrets"]) : await pulumi(args);
    return JSON.parse(result.stdout);
  };
  return { pulumi, outputs };
}
