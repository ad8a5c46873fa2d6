import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { ScmEmulator } from "../emulator";
import { packPackage } from "../harness/packed-program";
import { localBackendEnv, onPath } from "../harness/pulumi-cli";
import { outputTable } from "./output-table";
import { step } from "./progress";

const repo = resolve(__dirname, "..");
const RESOURCE_TYPE = "pulumi-nodejs:dynamic:ScmExportedCertificate";

/** The `pulumi` executable on the PATH, if any. */
export function findPulumiCli(): string | undefined {
  return onPath(process.platform === "win32" ? "pulumi.exe" : "pulumi");
}

/** Runs a command in the repository, output shown or captured; asynchronous, so the emulator answers. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { show?: boolean; check?: boolean } = {},
): Promise<string> {
  if (options.show !== false) console.log(`\n$ ${command === "npm" ? "npm" : "pulumi"} ${args.join(" ")}`);
  const child = spawn(command, args, {
    cwd: repo,
    env,
    stdio: ["ignore", options.show === false ? "pipe" : "inherit", "inherit"],
  });
  let stdout = "";
  child.stdout?.on("data", (chunk) => {
    stdout += String(chunk);
  });
  return new Promise((done, fail) => {
    child.once("error", fail);
    child.once("close", (code) =>
      code === 0 || options.check === false
        ? done(stdout)
        : fail(new Error(`${args.slice(0, 2).join(" ")} failed (exit ${code})`)),
    );
  });
}

/**
 * `npm install --prefix quickstart`, unless quickstart/node_modules already holds this very build:
 * the tarball it was installed from is recorded by its SHA-256 beside it.
 */
async function installQuickstart(env: NodeJS.ProcessEnv): Promise<void> {
  const modules = join(repo, "quickstart/node_modules");
  const record = join(modules, ".pulumi-huaweicloud-scm.sha256");
  const scratch = mkdtempSync(join(tmpdir(), "scm-demo-pack-"));
  const { sha256 } = packPackage(scratch);
  rmSync(scratch, { recursive: true, force: true });
  const installed = existsSync(record) && existsSync(join(modules, "pulumi-huaweicloud-scm/package.json"));
  const installedFrom = installed ? readFileSync(record, "utf8") : "";
  if (installedFrom === sha256) {
    await step(
      "install",
      () => {},
      () => "quickstart/node_modules holds the package from the same tarball: npm install skipped",
    );
    return;
  }
  // npm keeps an installed copy of the same version (and its record in node_modules' own lockfile):
  // drop both, so the program runs this build.
  rmSync(join(modules, "pulumi-huaweicloud-scm"), { recursive: true, force: true });
  rmSync(join(modules, ".package-lock.json"), { force: true });
  await step(
    "install",
    () =>
      run("npm", ["install", "--prefix", "quickstart", "--no-audit", "--no-fund", "--loglevel=error"], env),
    () => "the package packed and installed into quickstart/node_modules, as from npm",
  );
  writeFileSync(record, sha256);
}

/** The resource's outputs from the state, and which of them the state holds as secrets. */
function outputsFromState(exported: string): { outputs: Record<string, unknown>; secrets: string[] } {
  const deployment = JSON.parse(exported) as {
    deployment: { resources?: { type: string; outputs?: Record<string, unknown> }[] };
  };
  const resource = deployment.deployment.resources?.find((r) => r.type === RESOURCE_TYPE);
  const outputs: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(resource?.outputs ?? {})) {
    const secret = value as { [specialSigKey]?: string; plaintext?: string } | null;
    if (secret?.[specialSigKey] !== undefined) {
      secrets.push(name);
      outputs[name] = JSON.parse(String(secret.plaintext));
    } else outputs[name] = value;
  }
  return { outputs, secrets };
}

/**
 * With a Pulumi CLI: the README's quick start as written, against the emulator on a throwaway
 * local backend: `npm install --prefix quickstart`, then `pulumi up` of the quick-start project
 * (this repository's `Pulumi.yaml`), `pulumi refresh` and `pulumi destroy`.
 * Ends with the same outputs table as the run without a CLI, secrets masked.
 */
export async function runWithPulumiCli(pulumi: string, scm: ScmEmulator, domain: string): Promise<void> {
  const backend = mkdtempSync(join(tmpdir(), "scm-demo-backend-"));
  const stack = `demo-${process.pid}`;
  const env = {
    ...process.env,
    ...localBackendEnv({ cliDir: dirname(pulumi), backendDir: backend, passphrase: "demo" }),
    HW_SCM_ENDPOINT: scm.url,
    HW_AUTH_TOKEN: scm.token,
  };
  const cli = (args: string[], options?: { show?: boolean; check?: boolean }) =>
    run(pulumi, [...args, "--stack", stack, "--non-interactive"], env, options);
  await installQuickstart(env);
  try {
    await run(pulumi, ["stack", "init", stack, "--non-interactive"], env);
    try {
      await cli(["config", "set", "domain", domain]);
      await cli(["up", "--yes"]);
      // The outputs in full would print every PEM; the table below shows them in short.
      await cli(["refresh", "--yes", "--skip-preview", "--suppress-outputs"]);
      const { outputs, secrets } = outputsFromState(
        await cli(["stack", "export", "--show-secrets"], { show: false }),
      );
      await cli(["destroy", "--yes", "--skip-preview"]);
      console.log(`\nOutputs of ScmExportedCertificate "certificate" (id domain:${domain}):`);
      console.log(outputTable(outputs, secrets));
    } finally {
      // Also removes the stack's config file (Pulumi.<stack>.yaml) from the project folder.
      await cli(["stack", "rm", "--yes", "--force"], { check: false });
    }
  } finally {
    rmSync(backend, { recursive: true, force: true });
  }
}
