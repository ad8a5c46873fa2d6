import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as automationApi from "@pulumi/pulumi/automation";
import { createPackedProgram } from "../harness/packed-program";
import { findOrBuildPulumiCli, localBackendEnv } from "../harness/pulumi-cli";
import { REGISTERED_OUTPUTS, SECRET_OUTPUTS } from "../provider/resource/outputs";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process";
import { atMost, type BenchRow, type BenchSize } from "./report";

// The package under Pulumi's real engine, against the floor every dynamic provider pays: a stack
// of N `ScmExportedCertificate` beside a stack of N do-nothing dynamic resources that return three
// PEM-sized outputs, one secret. Both run through the Automation API with inline programs and
// `parallel: 16`, in alternating order; each figure is the better of two rounds.

const OPERATIONS = ["up", "preview", "refresh", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];
const FULL = { sizes: [100, 300], rounds: 2 } as const;
const SMALL = { sizes: [2], rounds: 1 } as const;
const PARALLEL = 16;

/** The package, the floor, and the floor registering the package's own properties. */
type Kind = "package" | "floor" | "wide floor";
export type Mode = "certificateId" | "domain";

interface StackRun {
  readonly seconds: Record<Operation, number>;
  /** SCM requests per resource, by operation. */
  readonly requests: Record<Operation, number>;
  /**
   * CPU milliseconds the emulator spent answering, by operation: the stand-in SCM shares this
   * machine's cores with the engine, where the real one does not.
   */
  readonly emulatorCpuMs: Record<Operation, number>;
  /** Bytes of `stack export` for the resources of the type measured, per resource. */
  readonly stateBytes: number;
}

export interface Context {
  readonly automation: typeof automationApi;
  readonly pulumiCommand: automationApi.PulumiCommand;
  readonly programDir: string;
  readonly scm: { ScmExportedCertificate: typeof import("../provider").ScmExportedCertificate };
  readonly pulumi: typeof import("@pulumi/pulumi");
  readonly envVars: Record<string, string>;
}

/**
 * The properties `ScmExportedCertificate` registers: its inputs by certificate id (`__urn` among
 * them) and every output it stores. Pulumi's program-side cost grows with their number.
 */
const PACKAGE_PROPERTIES = ["__urn", ...REGISTERED_OUTPUTS] as const;

/**
 * A do-nothing dynamic provider: what any dynamic resource costs the engine, and no more. `wide`
 * registers the package's own properties instead of the three PEMs, with the same secret outputs:
 * what a dynamic resource with this package's outputs costs, whatever its provider does.
 */
export function floorProgram(ctx: Context, n: number, wide = false): () => Promise<void> {
  const { pulumi } = ctx;
  // Serialized by value into each resource's `__provider`, as a user's inline provider would be.
  const provider: import("@pulumi/pulumi").dynamic.ResourceProvider = {
    async create() {
      const pem = (label: string, bytes: number) =>
        `-----BEGIN ${label}-----\n${(
          randomBytes(bytes)
            .toString("base64")
            .match(/.{1,64}/g) ?? []
        ).join("\n")}\n-----END ${label}-----\n`;
      return {
        id: "floor",
        outs: {
          certificate: pem("CERTIFICATE", 900),
          certificateChain: `${pem("CERTIFICATE", 860)}${pem("CERTIFICATE", 820)}`,
          privateKey: pem("PRIVATE KEY", 1190),
          // The wide floor's metadata, of the sizes the package stores.
          ...(wide
            ? {
                notBefore: "2026-01-01T00:00:00Z",
                notAfter: "2027-01-01T00:00:00Z",
                serialNumber: randomBytes(16).toString("hex").toUpperCase(),
                fingerprintSha256: (randomBytes(32).toString("hex").match(/../g) ?? []).join(":"),
                subject: "site.example.com",
                subjectAlternativeNames: ["site.example.com"],
                issuer: "C=US, O=Example, CN=Example Issuing CA",
                keyAlgorithm: "EC-P256",
              }
            : {}),
        },
      };
    },
    async read(id, props) {
      return { id, props };
    },
  };
  class FloorResource extends pulumi.dynamic.Resource {}
  const props = (i: number): Record<string, unknown> =>
    wide
      ? {
          ...Object.fromEntries(PACKAGE_PROPERTIES.map((name) => [name, undefined])),
          certificateId: `scs${String(i).padStart(13, "0")}`,
          __urn: `floor-${i}`,
        }
      : { certificate: undefined, certificateChain: undefined, privateKey: undefined };
  const secrets = wide ? [...SECRET_OUTPUTS] : ["privateKey"];
  return async () => {
    for (let i = 0; i < n; i++) {
      new FloorResource(provider, `floor-${i}`, props(i), { additionalSecretOutputs: secrets });
    }
  };
}

export function packageProgram(ctx: Context, targets: readonly string[], mode: Mode): () => Promise<void> {
  return async () => {
    targets.forEach((target, i) => {
      new ctx.scm.ScmExportedCertificate(
        `certificate-${i}`,
        mode === "domain" ? { domain: target } : { certificateId: target },
      );
    });
  };
}

async function runStack(
  ctx: Context,
  name: string,
  program: () => Promise<void>,
  type: string,
  n: number,
  emulator: EmulatorProcess,
): Promise<StackRun> {
  const stack = await ctx.automation.LocalWorkspace.createStack(
    { stackName: name, projectName: "scm-engine-bench", program },
    { pulumiCommand: ctx.pulumiCommand, workDir: ctx.programDir, envVars: ctx.envVars },
  );
  const seconds = {} as Record<Operation, number>;
  const requests = {} as Record<Operation, number>;
  let stateBytes = 0;
  const emulatorCpuMs = {} as Record<Operation, number>;
  const timed = async (operation: Operation, run: () => Promise<unknown>) => {
    await emulator.reset();
    const before = (await emulator.stats()).cpuMs;
    const started = performance.now();
    await run();
    seconds[operation] = (performance.now() - started) / 1000;
    const after = await emulator.stats();
    requests[operation] = after.requests / n;
    emulatorCpuMs[operation] = after.cpuMs - before;
  };
  try {
    await timed("up", () => stack.up({ parallel: PARALLEL }));
    const state = await stack.exportStack();
    const resources = (state.deployment.resources ?? []).filter((r: { type: string }) => r.type === type);
    if (resources.length !== n)
      throw new Error(`${name}: ${resources.length} resources of ${type}, not ${n}`);
    stateBytes = Buffer.byteLength(JSON.stringify(resources)) / n;
    await timed("preview", () => stack.preview({ parallel: PARALLEL }));
    await timed("refresh", () => stack.refresh({ parallel: PARALLEL }));
    await timed("destroy", () => stack.destroy({ parallel: PARALLEL }));
  } finally {
    await stack.workspace.removeStack(name, { force: true }).catch(() => undefined);
  }
  return { seconds, requests, stateBytes, emulatorCpuMs };
}

/** The environment the bench's stacks run with: a local backend in the program folder, the emulator's SCM. */
export function benchEnv(
  cliDir: string,
  programDir: string,
  emulator: EmulatorProcess,
): Record<string, string> {
  return {
    ...localBackendEnv({
      cliDir,
      backendDir: mkdtempSync(join(programDir, ".backend-")),
      passphrase: "bench",
    }),
    HW_SCM_ENDPOINT: emulator.url,
    HW_AUTH_TOKEN: emulator.token,
  };
}

/** Milliseconds a fresh Node process takes to run `expression` in the program folder (median of 5). */
function loadTimeMs(programDir: string, expression: string): number {
  const script = `require("@pulumi/pulumi"); const t = performance.now(); ${expression}; process.stdout.write(String(performance.now() - t));`;
  const times = Array.from({ length: 5 }, () =>
    Number(execFileSync(process.execPath, ["-e", script], { cwd: programDir, encoding: "utf8" })),
  ).sort((a, b) => a - b);
  return times[2] as number;
}

/** The engine benchmark's rows, or one row saying why it could not run. */
export async function engineBench(
  log: (line: string) => void,
  size: BenchSize = "full",
): Promise<BenchRow[]> {
  const { sizes: SIZES, rounds: ROUNDS } = size === "small" ? SMALL : FULL;
  let cliDir: string;
  try {
    cliDir = await findOrBuildPulumiCli();
  } catch (error) {
    log(`engine: skipped: ${(error as Error).message}`);
    return [
      {
        benchmark: "engine",
        measure: `skipped: ${(error as Error).message}`,
        value: 0,
        unit: "",
        pass: false,
      },
    ];
  }
  log("engine: installing the package into a program folder");
  // BENCH_PACKAGE_DIR: another checkout of the package to measure (a release, for a before-and-after).
  const program = createPackedProgram(
    process.env.BENCH_PACKAGE_DIR ? { packageDir: process.env.BENCH_PACKAGE_DIR } : {},
  );
  const cwd = process.cwd();
  const rows: BenchRow[] = [];
  const emulator = await startEmulatorProcess({
    certificates: Array.from({ length: Math.max(...SIZES) }, (_, i) => ({
      keyType: "ec" as const,
      domain: `site-${i}.example.com`,
    })),
  });
  try {
    // The inline programs' plugins start in this process's folder: the program folder, as a user's.
    process.chdir(program.dir);
    const load = createRequire(join(program.dir, "package.json"));
    const automation = load("@pulumi/pulumi/automation") as typeof automationApi;
    const ctx: Context = {
      automation,
      pulumiCommand: await automation.PulumiCommand.get({ root: dirname(cliDir), skipVersionCheck: true }),
      programDir: program.dir,
      scm: load("pulumi-huaweicloud-scm"),
      pulumi: load("@pulumi/pulumi"),
      envVars: benchEnv(cliDir, program.dir, emulator),
    };
    const packageType = "pulumi-nodejs:dynamic:ScmExportedCertificate";
    const ids = emulator.certificates.map((c) => c.id);
    const ratios = new Map<number, Record<Operation, number>>();
    for (const n of SIZES) {
      const best: Record<Kind, StackRun | undefined> = {
        package: undefined,
        floor: undefined,
        "wide floor": undefined,
      };
      // The wide floor explains a ratio; it is no goal.
      const kinds: Kind[] = ["package", "floor", "wide floor"];
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? kinds : [...kinds].reverse();
        for (const kind of order) {
          log(`engine: N = ${n}, round ${round + 1}: ${kind}`);
          const run =
            kind === "package"
              ? await runStack(
                  ctx,
                  `pkg-${n}-${round}`,
                  packageProgram(ctx, ids.slice(0, n), "certificateId"),
                  packageType,
                  n,
                  emulator,
                )
              : await runStack(
                  ctx,
                  `${kind === "floor" ? "floor" : "wide"}-${n}-${round}`,
                  floorProgram(ctx, n, kind === "wide floor"),
                  "pulumi-nodejs:dynamic:Resource",
                  n,
                  emulator,
                );
          const previous = best[kind];
          best[kind] = previous
            ? {
                ...run,
                seconds: Object.fromEntries(
                  OPERATIONS.map((op) => [op, Math.min(previous.seconds[op], run.seconds[op])]),
                ) as Record<Operation, number>,
              }
            : run;
        }
      }
      const pkg = best.package as StackRun;
      const floor = best.floor as StackRun;
      const ratio = Object.fromEntries(
        OPERATIONS.map((op) => [op, pkg.seconds[op] / floor.seconds[op]]),
      ) as Record<Operation, number>;
      ratios.set(n, ratio);
      for (const op of OPERATIONS) {
        const measure = `${op} / floor, N = ${n}`;
        const row = { benchmark: "engine", measure, value: ratio[op], unit: "×" };
        if (n === SIZES[0]) rows.push(atMost(row, 1.15, 2));
        else {
          const at100 = ratios.get(SIZES[0])?.[op] ?? Number.POSITIVE_INFINITY;
          rows.push({ ...row, goal: `≤ N = ${SIZES[0]}'s ${at100.toFixed(2)}`, pass: ratio[op] <= at100 });
        }
        rows.push({
          benchmark: "engine",
          measure: `${op}, N = ${n}, package`,
          value: pkg.seconds[op],
          unit: "s",
        });
        rows.push({
          benchmark: "engine",
          measure: `${op}, N = ${n}, floor`,
          value: floor.seconds[op],
          unit: "s",
        });
        const wide = best["wide floor"];
        if (wide) {
          rows.push({
            benchmark: "engine",
            measure: `${op} / floor with the package's ${PACKAGE_PROPERTIES.length} properties, N = ${n}`,
            value: pkg.seconds[op] / wide.seconds[op],
            unit: "×",
          });
        }
      }
      rows.push(
        atMost(
          {
            benchmark: "engine",
            measure: `state per resource, N = ${n} (floor ${floor.stateBytes.toFixed(0)} B)`,
            value: pkg.stateBytes,
            unit: "B",
          },
          Math.round(floor.stateBytes),
        ),
      );
      for (const op of ["preview", "up", "refresh"] as const) {
        rows.push({
          benchmark: "engine",
          measure: `SCM requests per resource by id, ${op}, N = ${n}`,
          value: pkg.requests[op],
          unit: "",
        });
      }
      rows.push({
        benchmark: "engine",
        measure: `refresh, N = ${n}: the emulator's CPU, answering the package's reads`,
        value: pkg.emulatorCpuMs.refresh / 1000,
        unit: "s",
      });
    }
    // Following a domain: what the selection costs SCM, per command.
    log(`engine: N = ${SIZES[0]} following domains`);
    const domains = Array.from({ length: SIZES[0] }, (_, i) => `site-${i}.example.com`);
    const byDomain = await runStack(
      ctx,
      "pkg-domain",
      packageProgram(ctx, domains, "domain"),
      packageType,
      SIZES[0],
      emulator,
    ).catch((error: Error) => {
      const reason =
        /No ISSUED or UPLOAD certificate[^.]*/.exec(error.message)?.[0] ?? error.message.split("\n")[0];
      rows.push({
        benchmark: "engine",
        measure: `following ${SIZES[0]} domains failed: ${reason}`,
        value: 0,
        unit: "",
        pass: false,
      });
      return undefined;
    });
    const limits: Record<"preview" | "up" | "refresh", number> = { preview: 1, up: 2, refresh: 2 };
    for (const op of byDomain ? (["preview", "up", "refresh"] as const) : []) {
      rows.push(
        atMost(
          {
            benchmark: "engine",
            measure: `SCM requests per resource following a domain, ${op}`,
            value: (byDomain as StackRun).requests[op],
            unit: "",
          },
          limits[op],
          0,
        ),
      );
    }
    rows.push(
      {
        benchmark: "engine",
        measure: "program: load the package to declare a resource",
        value: loadTimeMs(program.dir, 'require("pulumi-huaweicloud-scm").ScmExportedCertificate'),
        unit: "ms",
      },
      {
        benchmark: "engine",
        measure: "host: load the provider's implementation",
        value: loadTimeMs(
          program.dir,
          'require("pulumi-huaweicloud-scm").scmExportedCertificateProvider.create',
        ),
        unit: "ms",
      },
    );
  } finally {
    process.chdir(cwd);
    await emulator.stop();
    program.remove();
  }
  return rows;
}
