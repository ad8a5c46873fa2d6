import { execFile, spawn } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { collectOutput } from "./child-output";

const repo = resolve(__dirname, "..");

/** The three programs `pulumi up` needs for a Node.js program with a dynamic provider. */
const PROGRAMS = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];

/** Where the repository's build script for a Pulumi CLI sits (beside the checkout), when it does. */
const BUILD_SCRIPT = resolve(repo, "../shared/tools/pulumi-cli/build.sh");

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The executable `name` on the PATH, if any. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/**
 * The folder holding a real `pulumi` CLI and the plugins a Node.js program needs (and the `also`
 * ones, such as `pulumi-language-yaml`): the user's own install on the PATH, else one built from
 * source with the build script beside the repository when Go is there (minutes the first time,
 * cached after). Rejects with one line saying why not.
 */
export async function findOrBuildPulumiCli(also: readonly string[] = []): Promise<string> {
  const installed = onPath("pulumi");
  if (installed) {
    const dir = dirname(installed);
    const missing = [...PROGRAMS, ...also].filter((p) => !executable(join(dir, p)) && !onPath(p));
    if (missing.length === 0) return dir;
    throw new Error(`the pulumi CLI at ${installed} lacks ${missing.join(", ")} (next to it or on the PATH)`);
  }
  if (!existsSync(BUILD_SCRIPT)) {
    throw new Error(`no pulumi CLI on the PATH, and no build script at ${BUILD_SCRIPT} to build one`);
  }
  if (!onPath("go")) throw new Error("no pulumi CLI on the PATH, and no Go to build one from source");
  process.stderr.write(
    "pulumi CLI: none on the PATH; building one from source (cached after the first time)\n",
  );
  const dir = await new Promise<string>((done, fail) =>
    execFile("bash", [BUILD_SCRIPT], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error
        ? fail(new Error(`building the pulumi CLI failed: ${stderr.trim().split("\n").pop()}`))
        : done(stdout),
    ),
  );
  return dir.trim().split("\n").pop() as string;
}

/**
 * The environment the real `pulumi` CLI runs with on a throwaway local file backend, as the tests,
 * the benchmarks and the demo run it: `cliDir` and this Node first on the PATH, the state in
 * `backendDir`, a fixed passphrase for its secrets, and nothing fetched from the network (no update
 * check, no plugin download: the plugins a Node.js program needs sit beside the CLI).
 */
export function localBackendEnv(options: {
  cliDir: string;
  backendDir: string;
  passphrase?: string;
}): Record<string, string> {
  return {
    PATH: [options.cliDir, dirname(process.execPath), process.env.PATH].join(delimiter),
    PULUMI_BACKEND_URL: `file://${options.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "correct horse battery staple",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

/** One command's result. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The engine's events (`--event-log`), for the commands that take one. */
  readonly events: EngineEvent[];
}

/** An engine event as `--event-log` writes it; only the parts the tests read are typed. */
export interface EngineEvent {
  readonly diagnosticEvent?: { urn?: string; message: string; severity: string; prefix?: string };
  readonly summaryEvent?: { resourceChanges?: Record<string, number> };
  readonly resourcePreEvent?: { metadata: { op: string; urn: string; diffs?: string[] } };
}

/** The diagnostics of a command, as the engine recorded them (message without the colour codes). */
export function diagnosticsOf(result: CliResult): { urn: string; severity: string; message: string }[] {
  return result.events.flatMap((e) =>
    e.diagnosticEvent
      ? [
          {
            urn: e.diagnosticEvent.urn ?? "",
            severity: e.diagnosticEvent.severity,
            message: e.diagnosticEvent.message.replace(/<\{%[^%]*%\}>/g, "").trim(),
          },
        ]
      : [],
  );
}

/** Commands whose progress the engine can write to an event log. */
const WITH_EVENT_LOG = new Set(["preview", "up", "refresh", "destroy", "import"]);
/** Commands about the workspace or the project, not a stack: they take no `--stack`. */
const WITHOUT_STACK = new Set(["plugin", "package"]);

/**
 * A Pulumi project folder and a stack of it on a local file backend, driven with the real CLI.
 * Every command runs asynchronously, so an emulator in the test's process keeps answering.
 */
export class PulumiStack {
  readonly backend: string;
  /** Where the event logs go: beside the backend, not in it. */
  readonly #events: string;
  readonly #env: NodeJS.ProcessEnv;
  #runs = 0;

  constructor(
    readonly dir: string,
    readonly name: string,
    cliDir: string,
    env: Record<string, string>,
  ) {
    this.backend = mkdtempSync(join(dir, ".backend-"));
    this.#events = mkdtempSync(join(dir, ".events-"));
    this.#env = {
      ...localBackendEnv({ cliDir, backendDir: this.backend }),
      // Never the developer's ~/.hcloud/config.json, never the real metadata service.
      HOME: dir,
      HW_METADATA_URL: process.env.HW_METADATA_URL,
      NO_PROXY: process.env.NO_PROXY,
      no_proxy: process.env.no_proxy,
      PULUMI_HOME: join(dir, ".pulumi-home"),
      // Registers `--event-log`, the engine's own record of every event (the Automation API's too).
      PULUMI_DEBUG_COMMANDS: "true",
      ...env,
    };
  }

  /** The environment every command runs with. */
  get env(): NodeJS.ProcessEnv {
    return { ...this.#env };
  }

  /** Runs `pulumi <args> --stack <name> --non-interactive`; rejects on a non-zero exit unless allowed. */
  async run(args: string[], options: { allowFailure?: boolean; stdin?: string } = {}): Promise<CliResult> {
    const eventLog = WITH_EVENT_LOG.has(args[0] ?? "")
      ? join(this.#events, `events-${++this.#runs}.jsonl`)
      : undefined;
    const all = [
      ...args,
      ...(WITHOUT_STACK.has(args[0] ?? "") ? [] : ["--stack", this.name]),
      "--non-interactive",
      "--color",
      "never",
      ...(eventLog ? ["--event-log", eventLog] : []),
    ];
    const child = spawn("pulumi", all, {
      cwd: this.dir,
      env: this.#env,
      stdio: [options.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
    const output = collectOutput(child);
    const code = await new Promise<number | null>((done, fail) => {
      child.once("error", fail);
      child.once("close", done);
    });
    const stdout = output.stdout();
    const stderr = output.stderr();
    const events =
      eventLog && existsSync(eventLog)
        ? readFileSync(eventLog, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as EngineEvent)
        : [];
    const result = { code, stdout, stderr, events };
    if (code !== 0 && !options.allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} exited with ${code}\n${stdout}\n${stderr}`);
    }
    return result;
  }

  /** `pulumi stack export`, parsed. */
  async exportState(options: { showSecrets?: boolean } = {}): Promise<StackState> {
    const { stdout } = await this.run([
      "stack",
      "export",
      ...(options.showSecrets ? ["--show-secrets"] : []),
    ]);
    return JSON.parse(stdout) as StackState;
  }
}

/** The parts of `pulumi stack export` the tests read. */
export interface StackState {
  deployment: {
    resources?: {
      urn: string;
      type: string;
      id?: string;
      inputs?: Record<string, unknown>;
      outputs?: Record<string, unknown>;
    }[];
  };
}

/**
 * A Pulumi project folder inside the packed program (whose node_modules holds the package as npm
 * installed it from its tarball), with `Pulumi.yaml`, a `tsconfig.json` and the program's files.
 */
export function createProject(
  programDir: string,
  name: string,
  files: Record<string, string>,
  options: { description?: string } = {},
): string {
  mkdirSync(programDir, { recursive: true });
  const dir = mkdtempSync(join(programDir, `${name}-`));
  writeFileSync(
    join(dir, "Pulumi.yaml"),
    [
      `name: ${name}`,
      `description: ${options.description ?? "pulumi-huaweicloud-scm under the real engine"}`,
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    typescript: true",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          lib: ["ES2023"],
          types: ["node"],
          skipLibCheck: true,
        },
        files: ["index.ts"],
      },
      null,
      2,
    ),
  );
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}
