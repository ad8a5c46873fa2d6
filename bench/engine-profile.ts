/**
 * `npx tsx bench/engine-profile.ts`: where the engine benchmark's time goes, for one size. Brings
 * up the package's stack and the floor's once, then repeats the chosen operations on each in
 * alternating order. For each it prints the better wall time and the median CPU time of the three
 * processes at work: this one (the inline program), the dynamic-provider host and the engine (the
 * `pulumi` CLI and its plugins, less the host). On a busy machine CPU time is the steadier figure.
 * On request it writes CPU profiles of the program and the host.
 *
 *   --n 100                 resources per stack
 *   --rounds 3              repetitions of each operation
 *   --ops preview,refresh   operations to time
 *   --profile DIR           CPU profiles: DIR/<stack>-<op>-<round>/{program.cpuprofile, host/*.cpuprofile}
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type * as automationApi from "@pulumi/pulumi/automation";
import { createPackedProgram } from "../harness/packed-program";
import { findOrBuildPulumiCli } from "../harness/pulumi-cli";
import { startEmulatorProcess } from "./emulator-process";
import { benchEnv, type Context, floorProgram, packageProgram } from "./engine";

const HOST_PRELOAD = join(__dirname, "engine-profile-host.cjs");

type Operation = "preview" | "refresh" | "up";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "100" },
      rounds: { type: "string", default: "3" },
      ops: { type: "string", default: "preview,refresh" },
      profile: { type: "string" },
    },
  });
  const n = Number(values.n);
  const rounds = Number(values.rounds);
  const ops = (values.ops as string).split(",") as Operation[];
  const profileDir = values.profile ? resolve(values.profile) : undefined;
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const cliDir = await findOrBuildPulumiCli();
  // The CLI run under time(1): its CPU time, its plugins' included, appended to a file per command.
  const work = mkdtempSync(join(tmpdir(), "engine-profile-"));
  const engineCpuFile = join(work, "engine-cpu.txt");
  mkdirSync(join(work, "cli", "bin"), { recursive: true });
  writeFileSync(
    join(work, "cli", "bin", "pulumi"),
    `#!/bin/sh\nexec /usr/bin/time -f "%U %S" -a -o "${engineCpuFile}" "${join(cliDir, "pulumi")}" "$@"\n`,
  );
  chmodSync(join(work, "cli", "bin", "pulumi"), 0o755);
  // BENCH_PACKAGE_DIR: another checkout of the package to measure, as in bench/engine.ts.
  const program = createPackedProgram(
    process.env.BENCH_PACKAGE_DIR ? { packageDir: process.env.BENCH_PACKAGE_DIR } : {},
  );
  const emulator = await startEmulatorProcess({
    certificates: Array.from({ length: n }, (_, i) => ({
      keyType: "ec" as const,
      domain: `site-${i}.example.com`,
    })),
  });
  const cwd = process.cwd();
  const session = new Session();
  session.connect();
  try {
    process.chdir(program.dir);
    const load = createRequire(join(program.dir, "package.json"));
    const automation = load("@pulumi/pulumi/automation") as typeof automationApi;
    const baseEnv = benchEnv(cliDir, program.dir, emulator);
    const ctx: Context = {
      automation,
      pulumiCommand: await automation.PulumiCommand.get({ root: join(work, "cli"), skipVersionCheck: true }),
      programDir: program.dir,
      scm: load("pulumi-huaweicloud-scm"),
      pulumi: load("@pulumi/pulumi"),
      envVars: baseEnv,
    };
    const ids = emulator.certificates.map((c) => c.id);
    const stacks = {
      package: packageProgram(ctx, ids.slice(0, n), "certificateId"),
      floor: floorProgram(ctx, n),
    };
    const created: Record<string, automationApi.Stack> = {};
    for (const [kind, prog] of Object.entries(stacks)) {
      const stack = await automation.LocalWorkspace.createStack(
        { stackName: `${kind}-${n}`, projectName: "scm-engine-profile", program: prog },
        { pulumiCommand: ctx.pulumiCommand, workDir: program.dir, envVars: baseEnv },
      );
      log(`${kind}: up`);
      await stack.up({ parallel: 16 });
      created[kind] = stack;
    }
    const best: Record<string, number> = {};
    const cpu: Record<string, { program: number; host: number; engine: number }[]> = {};
    for (let round = 0; round < rounds; round++) {
      for (const op of ops) {
        const order = round % 2 === 0 ? ["package", "floor"] : ["floor", "package"];
        for (const kind of order) {
          const stack = created[kind] as automationApi.Stack;
          const label = `${kind}-${op}-${round}`;
          const outDir = join(profileDir ?? work, label);
          mkdirSync(join(outDir, "host"), { recursive: true });
          (stack.workspace as automationApi.LocalWorkspace).envVars = {
            ...baseEnv,
            NODE_OPTIONS: `--require ${HOST_PRELOAD}`,
            ENGINE_PROFILE_DIR: join(outDir, "host"),
            ...(profileDir ? { ENGINE_PROFILE_CPU: "1" } : {}),
          };
          if (profileDir) {
            await session.post("Profiler.enable");
            await session.post("Profiler.setSamplingInterval", { interval: 200 });
            await session.post("Profiler.start");
          }
          const options = { parallel: 16 };
          rmSync(engineCpuFile, { force: true });
          const cpuBefore = process.cpuUsage();
          const started = performance.now();
          if (op === "preview") await stack.preview(options);
          else if (op === "refresh") await stack.refresh(options);
          else await stack.up(options);
          const seconds = (performance.now() - started) / 1000;
          const programCpu = process.cpuUsage(cpuBefore);
          if (profileDir) {
            const { profile } = await session.post("Profiler.stop");
            writeFileSync(join(outDir, "program.cpuprofile"), JSON.stringify(profile));
          }
          // The host's figures are written as it exits, just after the command returns.
          await new Promise((done) => setTimeout(done, 500));
          const hostMs = readdirSync(join(outDir, "host"))
            .filter((f) => f.endsWith(".cpu.json"))
            .map((f) => JSON.parse(readFileSync(join(outDir, "host", f), "utf8")))
            .reduce((sum, c) => sum + c.userMs + c.systemMs, 0);
          const cliMs = readFileSync(engineCpuFile, "utf8")
            .trim()
            .split("\n")
            .map((line) => line.split(" ").reduce((sum, v) => sum + Number(v) * 1000, 0))
            .reduce((a, b) => a + b, 0);
          const figures = {
            program: (programCpu.user + programCpu.system) / 1000,
            host: hostMs,
            engine: cliMs - hostMs,
          };
          log(
            `${label}: ${seconds.toFixed(2)} s; CPU ms: program ${figures.program.toFixed(0)}, host ${figures.host.toFixed(0)}, engine ${figures.engine.toFixed(0)}`,
          );
          const key = `${op} ${kind}`;
          best[key] = Math.min(best[key] ?? Number.POSITIVE_INFINITY, seconds);
          cpu[key] = [...(cpu[key] ?? []), figures];
        }
      }
    }
    const median = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    for (const op of ops) {
      const line = (kind: string) => {
        const runs = cpu[`${op} ${kind}`] ?? [];
        const m = (part: "program" | "host" | "engine") => median(runs.map((r) => r[part]));
        return `${kind} ${(best[`${op} ${kind}`] as number).toFixed(2)} s (CPU ms: program ${m("program").toFixed(0)}, host ${m("host").toFixed(0)}, engine ${m("engine").toFixed(0)}, total ${(m("program") + m("host") + m("engine")).toFixed(0)})`;
      };
      const pkg = best[`${op} package`] as number;
      const floor = best[`${op} floor`] as number;
      process.stdout.write(
        `${op}, N = ${n}: ratio ${(pkg / floor).toFixed(2)}; ${line("package")}; ${line("floor")}\n`,
      );
    }
    for (const stack of Object.values(created)) {
      await stack.destroy({ parallel: 16 });
      await stack.workspace.removeStack(stack.name, { force: true });
    }
  } finally {
    session.disconnect();
    process.chdir(cwd);
    await emulator.stop();
    program.remove();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
