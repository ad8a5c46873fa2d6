import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";

const load = createRequire(__filename);

/** The repository root. */
export const repo = resolve(__dirname, "../..");

/** One resource as the mocks saw it register. */
export interface RegisteredResource {
  type: string;
  name: string;
  /** Inputs as the engine receives them: a secret is `{ <sig>: <secret sig>, value }`. */
  inputs: Record<string, unknown>;
  /** The resource's outputs that the program holds as secrets. */
  secretProperties: string[];
}

/** What a program registered and exported under the mocks. */
export interface MockRun {
  registrations: RegisteredResource[];
  outputs: Record<string, { value: unknown; secret: boolean }>;
}

/** Whether an input arrived at the engine as a secret. */
export function isSecretInput(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[specialSigKey] === specialSecretSig
  );
}

/** An input's value, secret or not. */
export function plain(value: unknown): unknown {
  return isSecretInput(value) ? value.value : value;
}

/** Every input of a resource with secrets shown as `[secret]`: what anyone may read. */
export function withoutSecrets(value: unknown): unknown {
  if (isSecretInput(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)]));
  }
  return value;
}

/** The one registration of this type (and name, when given). */
export function registered(run: MockRun, type: string, name?: string): RegisteredResource {
  const found = run.registrations.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) throw new Error(`expected one ${type} ${name ?? ""}, found ${found.length}`);
  return found[0] as RegisteredResource;
}

/**
 * Runs a program under the mocks in a child process (see `run-under-mocks.ts`), resolving modules
 * as the given tsconfig says. Asynchronous, so an emulator in this process keeps answering.
 */
export async function runUnderMocks(options: {
  program: string;
  tsconfig: string;
  project: string;
  config: Record<string, string>;
  env: NodeJS.ProcessEnv;
}): Promise<MockRun & { stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "scm-mock-run-"));
  const outFile = join(dir, "run.json");
  try {
    const stderr = await new Promise<string>((done, fail) => {
      execFile(
        process.execPath,
        [
          load.resolve("tsx/cli"),
          "--tsconfig",
          options.tsconfig,
          join(__dirname, "run-under-mocks.ts"),
          options.program,
          outFile,
        ],
        {
          cwd: repo,
          env: {
            ...process.env,
            ...options.env,
            SCM_MOCK_PROJECT: options.project,
            PULUMI_CONFIG: JSON.stringify(options.config),
          },
        },
        (error, _stdout, err) => (error ? fail(new Error(`${error.message}\n${err}`)) : done(err)),
      );
    });
    return { ...(JSON.parse(readFileSync(outFile, "utf8")) as MockRun), stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An example run under the mocks, against an emulator started for it. */
export interface ExampleRun {
  readonly emulator: ScmEmulator;
  /** The emulator's certificate for the example's domain. */
  readonly held: EmulatedCertificate;
  readonly run: MockRun;
}

/**
 * Starts an emulator and runs `examples/<name>` under the mocks against it with a token, the
 * project named `scm-<name>`, its config keys given without the project prefix.
 */
export async function runExample(
  name: string,
  domain: string,
  config: Record<string, string>,
): Promise<ExampleRun> {
  const emulator = await startScmEmulator();
  const held = [...emulator.certificates.values()].find((c) => c.domain === domain) as EmulatedCertificate;
  const project = `scm-${name}`;
  try {
    const run = await runUnderMocks({
      program: `examples/${name}/index.ts`,
      tsconfig: `examples/${name}/tsconfig.json`,
      project,
      config: Object.fromEntries(Object.entries(config).map(([key, value]) => [`${project}:${key}`, value])),
      env: { HW_SCM_ENDPOINT: emulator.url, HW_AUTH_TOKEN: emulator.token },
    });
    return { emulator, held, run };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/** Everything a run shows outside secrets: every input (secrets as `[secret]`) and the plain outputs. */
export function visibleOutsideSecrets(run: MockRun): string {
  return JSON.stringify([
    run.registrations.map((r) => withoutSecrets(r.inputs)),
    Object.values(run.outputs).filter((o) => !o.secret),
  ]);
}

/** Type-checks a Pulumi project folder with its own tsconfig.json; throws with tsc's report. */
export function typeCheck(projectDir: string): void {
  try {
    execFileSync(process.execPath, [load.resolve("typescript/bin/tsc"), "--noEmit", "-p", projectDir], {
      cwd: repo,
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc -p ${projectDir} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
