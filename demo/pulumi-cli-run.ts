import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import type { ScmEmulator } from "../emulator";

const repo = resolve(__dirname, "..");

/** The `pulumi` executable on the PATH, if any. */
export function findPulumiCli(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === "win32" ? "pulumi.exe" : "pulumi");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/**
 * With a Pulumi CLI: `pulumi up` of the quick-start project (this repository's root) on a
 * throwaway local backend, `pulumi stack output`, then `pulumi destroy` and `pulumi stack rm`.
 * Asynchronous throughout: the emulator answers from this process's event loop.
 */
export async function runWithPulumiCli(pulumi: string, scm: ScmEmulator, domain: string): Promise<void> {
  const backend = mkdtempSync(join(tmpdir(), "scm-demo-backend-"));
  const stack = `demo-${process.pid}`;
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // The examples' devDependencies (@pulumi/aws, @pulumi/kubernetes) would have their provider
    // plugins downloaded although the quick start uses neither.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    HW_SCM_ENDPOINT: scm.url,
    HW_AUTH_TOKEN: scm.token,
  };
  const run = async (args: string[], options: { check?: boolean } = {}) => {
    console.log(`\n$ pulumi ${args.join(" ")}`);
    const child = spawn(pulumi, [...args, "--stack", stack, "--non-interactive"], {
      cwd: repo,
      env,
      stdio: "inherit",
    });
    const code = await new Promise<number | null>((done, fail) => {
      child.once("error", fail);
      child.once("exit", done);
    });
    if (options.check !== false && code !== 0) throw new Error(`pulumi ${args[0]} failed (exit ${code})`);
  };
  try {
    await run(["stack", "init"]);
    try {
      await run(["config", "set", "domain", domain]);
      await run(["up", "--yes"]);
      await run(["stack", "output"]);
      await run(["destroy", "--yes"]);
    } finally {
      // Also removes the stack's config file (Pulumi.<stack>.yaml) from the project folder.
      await run(["stack", "rm", "--yes", "--force"], { check: false });
    }
  } finally {
    rmSync(backend, { recursive: true, force: true });
  }
}
