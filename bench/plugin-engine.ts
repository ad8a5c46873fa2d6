import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PluginHost, pluginUrnOf } from "../harness/plugin-host";
import { createYamlProject, newPluginStack } from "../harness/plugin-stack";
import { createProject, findOrBuildPulumiCli, PulumiStack } from "../harness/pulumi-cli";
import { buildPlugin, type PluginBuild } from "../scripts/build-plugin";
import { PLUGIN_EXECUTABLE } from "../scripts/plugin-launcher";
import type { EmulatorProcess } from "./emulator-process";
import { killOnExit } from "./kill-on-exit";
import { atMost, type BenchRow, type BenchSize } from "./report";

// The provider plugin under the real engine against the dynamic provider: a Pulumi YAML program of
// N certificates by id, the plugin installed from its tarball, against a TypeScript program of the
// same N through the dynamic provider (compiled without type checks, which are the program's cost,
// not the provider's). Both run by the `pulumi` CLI with `--parallel 16`, in alternating order,
// each figure the better of two rounds; and the plugin's cold start.

const OPERATIONS = ["up", "preview", "refresh", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];
/** The commands as a user runs them one after another, without the preview `up` would show first. */
const COMMANDS: Record<Operation, string[]> = {
  up: ["up", "--yes", "--skip-preview"],
  preview: ["preview"],
  refresh: ["refresh", "--yes", "--skip-preview"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};
/** The ratios held to the goal: the plugin no slower than the dynamic provider. */
const JUDGED: readonly Operation[] = ["up", "preview", "refresh"];
const FULL = { n: 100, rounds: 2 } as const;
const SMALL = { n: 2, rounds: 1 } as const;
const TYPE = "huaweicloud-scm:index:ScmExportedCertificate";

type Kind = "plugin" | "dynamic";
const LABEL: Record<Kind, string> = { plugin: "plugin (YAML)", dynamic: "dynamic provider (TypeScript)" };

function yamlProgram(ids: readonly string[], version: string): string {
  const resources = ids.map(
    (id, i) =>
      `  certificate-${i}:\n    type: ${TYPE}\n    properties:\n      certificateId: ${id}\n` +
      `    options:\n      version: ${version}\n`,
  );
  return `resources:\n${resources.join("")}`;
}

function typescriptProgram(ids: readonly string[]): string {
  return [
    'import { ScmExportedCertificate } from "pulumi-huaweicloud-scm";',
    "",
    `const ids: string[] = ${JSON.stringify(ids)};`,
    'ids.forEach((certificateId, i) => new ScmExportedCertificate("certificate-" + i, { certificateId }));',
    "",
  ].join("\n");
}

interface StackRun {
  readonly seconds: Record<Operation, number>;
  /** Bytes of `stack export` for the certificates, per certificate. */
  readonly stateBytes: number;
}

/** Each command's wall time on a new stack of the project (up, preview, refresh, destroy), and its state's size. */
async function timeStack(stack: PulumiStack, type: string, n: number): Promise<StackRun> {
  const seconds = {} as Record<Operation, number>;
  let stateBytes = 0;
  for (const op of OPERATIONS) {
    const started = performance.now();
    await stack.run([...COMMANDS[op], "--parallel", "16"]);
    seconds[op] = (performance.now() - started) / 1000;
    if (op === "up") {
      const state = await stack.exportState();
      const found = (state.deployment.resources ?? []).filter((r) => r.type.endsWith(type));
      if (found.length !== n)
        throw new Error(`${stack.dir}: ${found.length} resources of ${type} after up, not ${n}`);
      stateBytes = Buffer.byteLength(JSON.stringify(found)) / n;
    }
  }
  return { seconds, stateBytes };
}

/** Milliseconds from spawning the plugin to its port printed and to its first create returning (median of 3). */
async function coldStart(plugin: PluginBuild, emulator: EmulatorProcess): Promise<[number, number]> {
  const runs: [number, number][] = [];
  for (let i = 0; i < 3; i++) {
    const home = mkdtempSync(join(tmpdir(), "scm-plugin-bench-home-"));
    const started = performance.now();
    const host = await PluginHost.startPlugin(join(plugin.dir, PLUGIN_EXECUTABLE), home, {
      HW_AUTH_TOKEN: emulator.token,
      HW_SCM_ENDPOINT: emulator.url,
    });
    const release = killOnExit(() => host.alive && process.kill(host.pid as number, "SIGKILL"));
    try {
      const listening = performance.now();
      await host.configure();
      const id = emulator.certificates[0]?.id as string;
      const created = await host.create(pluginUrnOf("first"), { certificateId: id });
      if (created.id !== id) throw new Error(`the plugin's first create returned id ${created.id}`);
      runs.push([listening - started, performance.now() - started]);
    } finally {
      await host.stop();
      release();
      rmSync(home, { recursive: true, force: true });
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[1] as number;
  return [median(runs.map((r) => r[0])), median(runs.map((r) => r[1]))];
}

/**
 * The plugin's rows of the engine benchmark, with the emulator and the program folder (the
 * package installed with TypeScript) of the engine's run.
 */
export async function pluginEngineRows(options: {
  readonly programDir: string;
  readonly emulator: EmulatorProcess;
  readonly size: BenchSize;
  readonly log: (line: string) => void;
}): Promise<BenchRow[]> {
  const { programDir, emulator, log } = options;
  const { n, rounds } = options.size === "small" ? SMALL : FULL;
  const cliDir = await findOrBuildPulumiCli(["pulumi-language-yaml"]);
  log("engine: building the provider plugin");
  const out = mkdtempSync(join(tmpdir(), "scm-plugin-bench-"));
  try {
    const plugin = await buildPlugin(out);
    const ids = emulator.certificates.slice(0, n).map((c) => c.id);
    const dirs: Record<Kind, string> = {
      plugin: createYamlProject(join(out, "programs"), "scm-plugin-bench", yamlProgram(ids, plugin.version)),
      dynamic: createProject(programDir, "scm-dynamic-bench", { "index.ts": typescriptProgram(ids) }),
    };
    const env = {
      HW_SCM_ENDPOINT: emulator.url,
      HW_AUTH_TOKEN: emulator.token,
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
    const best: Partial<Record<Kind, Record<Operation, number>>> = {};
    const stateBytes = {} as Record<Kind, number>;
    for (let round = 0; round < rounds; round++) {
      const order: Kind[] = round % 2 === 0 ? ["plugin", "dynamic"] : ["dynamic", "plugin"];
      for (const kind of order) {
        log(`engine: N = ${n}, round ${round + 1}: ${LABEL[kind]}`);
        const stackName = `round-${round}`;
        const stack =
          kind === "plugin"
            ? await newPluginStack({ dir: dirs.plugin, cliDir, plugin, env, stackName })
            : new PulumiStack(dirs.dynamic, stackName, cliDir, env);
        if (kind === "dynamic") await stack.run(["stack", "init"]);
        const run = await timeStack(stack, kind === "plugin" ? TYPE : ":ScmExportedCertificate", n);
        const { seconds } = run;
        stateBytes[kind] = run.stateBytes;
        const previous = best[kind];
        best[kind] = previous
          ? (Object.fromEntries(OPERATIONS.map((op) => [op, Math.min(previous[op], seconds[op])])) as Record<
              Operation,
              number
            >)
          : seconds;
      }
    }
    const rows: BenchRow[] = [];
    const { plugin: yaml, dynamic } = best as Record<Kind, Record<Operation, number>>;
    for (const op of OPERATIONS) {
      const row = {
        benchmark: "engine",
        measure: `${op} / dynamic provider, plugin, N = ${n}`,
        value: yaml[op] / dynamic[op],
        unit: "×",
      };
      rows.push(JUDGED.includes(op) ? atMost(row, 1, 2) : row);
      for (const kind of ["plugin", "dynamic"] as const) {
        const seconds = kind === "plugin" ? yaml[op] : dynamic[op];
        rows.push({
          benchmark: "engine",
          measure: `${op}, N = ${n}, ${LABEL[kind]}`,
          value: seconds,
          unit: "s",
        });
      }
    }
    for (const kind of ["plugin", "dynamic"] as const) {
      rows.push({
        benchmark: "engine",
        measure: `state per resource, N = ${n}, ${LABEL[kind]}`,
        value: stateBytes[kind],
        unit: "B",
      });
    }
    log("engine: the plugin's cold start");
    const [listening, created] = await coldStart(plugin, emulator);
    rows.push(
      {
        benchmark: "engine",
        measure: "plugin cold start: spawn → first create returns",
        value: created,
        unit: "ms",
      },
      { benchmark: "engine", measure: "of which spawn → port printed", value: listening, unit: "ms" },
    );
    return rows;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
