import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process";
import { exportPaths, type Provider } from "./export-paths";
import { atMost, type BenchRow, type BenchSize } from "./report";

type X509 = typeof import("../provider/x509");
type Path = () => Promise<void>;

/** Calls of each path: timed at 5 ms delay, timed for CPU, to warm up; X.509 inspections timed. */
const COUNTS = {
  full: { exports: 2_000, cpuExports: 1_000, blocks: 20, warmUp: 100, inspections: 500 },
  small: { exports: 20, cpuExports: 10, blocks: 2, warmUp: 4, inspections: 5 },
} as const;

/** Elapsed wall time and CPU time (user + system) of one path, summed over its blocks. */
interface PathTotals {
  wallMs: number;
  cpuUs: number;
}

/**
 * Runs `calls` sequential calls of each path in `blocks` blocks, the paths taking turns (the order
 * rotates every block), so drift in the machine's speed falls on every path alike.
 */
async function interleaved<K extends string>(
  paths: Record<K, Path>,
  calls: number,
  blocks: number,
): Promise<Record<K, PathTotals>> {
  const names = Object.keys(paths) as K[];
  const totals = Object.fromEntries(names.map((name) => [name, { wallMs: 0, cpuUs: 0 }])) as Record<
    K,
    PathTotals
  >;
  const perBlock = calls / blocks;
  for (let block = 0; block < blocks; block++) {
    const order = names.map((_, i) => names[(i + block) % names.length] as K);
    for (const name of order) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < perBlock; i++) await paths[name]();
      totals[name].wallMs += performance.now() - start;
      const used = process.cpuUsage(cpu);
      totals[name].cpuUs += used.user + used.system;
    }
  }
  return totals;
}

/**
 * CPU time of the X.509 checks alone on one export (PEM normalised, certificate parsed, key
 * matched, leaf signature verified, metadata read), run back to back and then each after the
 * process has idled for `gapMs`, as it does while a create waits for SCM.
 */
async function inspectionCpu(
  x509: X509,
  exported: Parameters<X509["inspectExport"]>[0],
  gapMs: number,
  inspections: number,
) {
  let cpuUs = 0;
  for (let i = 0; i < inspections; i++) {
    await (gapMs > 0 ? sleep(gapMs) : Promise.resolve());
    const before = process.cpuUsage();
    x509.inspectExport(exported);
    const used = process.cpuUsage(before);
    cpuUs += used.user + used.system;
  }
  return cpuUs / inspections;
}

/** Starts an emulator process, runs `use` with it, and stops it whatever happens. */
async function withEmulator<T>(delayMs: number, use: (emulator: EmulatorProcess) => Promise<T>): Promise<T> {
  const emulator = await startEmulatorProcess({ delayMs });
  try {
    return await use(emulator);
  } finally {
    await emulator.stop();
  }
}

/**
 * The provider's cost over a bare request: 2,000 exports through `create` (loaded from `dist/`)
 * against 2,000 `undici.request` + `JSON.parse`, interleaved, with the emulator answering after
 * 5 ms; then CPU time per export with no delay, `ScmClient.exportCertificate` alone included to
 * tell the client's share from the certificate inspection's. The emulator runs in its own process,
 * so `process.cpuUsage` counts the client side only.
 */
export async function overheadBench(
  log: (line: string) => void,
  size: BenchSize = "full",
): Promise<BenchRow[]> {
  const { exports, cpuExports, blocks, warmUp, inspections } = COUNTS[size];
  const provider = require(join(__dirname, "../dist/provider")) as Provider;
  const x509 = require(join(__dirname, "../dist/provider/x509")) as X509;
  const pools = require(
    join(__dirname, "../dist/provider/http/connection-pool"),
  ) as typeof import("../provider/http/connection-pool");
  const saved = { token: process.env.HW_AUTH_TOKEN, endpoint: process.env.HW_SCM_ENDPOINT };
  const rows: BenchRow[] = [];
  const row = (measure: string, value: number, unit: string) =>
    rows.push({ benchmark: "overhead", measure, value, unit });
  try {
    log(`overhead: ${exports} create + ${exports} raw exports, the emulator answering after 5 ms`);
    await withEmulator(5, async (emulator) => {
      const delayed = exportPaths(provider, emulator);
      try {
        const pair = { create: delayed.create, raw: delayed.raw };
        await interleaved(pair, warmUp, 2);
        await emulator.reset();
        const wall = await interleaved(pair, exports, blocks);
        const seen = await emulator.stats();
        const sample = await delayed.exportOnce();
        const inspection = { ...sample, now: new Date() };
        await inspectionCpu(x509, inspection, 0, inspections);
        const inspectWarm = await inspectionCpu(x509, inspection, 0, inspections);
        const inspectAfterIdle = await inspectionCpu(x509, inspection, 5, inspections);
        rows.push(
          atMost(
            {
              benchmark: "overhead",
              measure: "create / raw, wall time, 5 ms delay",
              value: wall.create.wallMs / wall.raw.wallMs,
              unit: "×",
            },
            1.1,
            2,
          ),
          // Every request the emulator saw beyond the raw ones came from a create: one each means no extra round trip.
          atMost(
            {
              benchmark: "overhead",
              measure: "SCM requests per create",
              value: (seen.requests - exports) / exports,
              unit: "",
            },
            1,
            2,
          ),
        );
        row("create, wall per export, 5 ms delay", (wall.create.wallMs / exports) * 1000, "µs");
        row("raw, wall per request, 5 ms delay", (wall.raw.wallMs / exports) * 1000, "µs");
        row("create, CPU per export, 5 ms delay", wall.create.cpuUs / exports, "µs");
        row("raw, CPU per request, 5 ms delay", wall.raw.cpuUs / exports, "µs");
        row(
          `new TCP connections in the ${(2 * exports).toLocaleString("en")} timed calls`,
          seen.connections,
          "",
        );
        row("X.509 checks alone, CPU per export, back to back", inspectWarm, "µs");
        row("X.509 checks alone, CPU per export, after 5 ms idle", inspectAfterIdle, "µs");
      } finally {
        await delayed.close();
      }
    });

    log(
      `overhead: ${cpuExports} create + ${cpuExports} client + ${cpuExports} raw exports with no delay, for CPU time`,
    );
    const cpu = await withEmulator(0, async (emulator) => {
      const immediate = exportPaths(provider, emulator);
      try {
        const trio = { create: immediate.create, client: immediate.client, raw: immediate.raw };
        await interleaved(trio, warmUp, 2);
        return await interleaved(trio, cpuExports, blocks);
      } finally {
        await immediate.close();
      }
    });
    const perCall = (us: number) => us / cpuExports;
    row("create, CPU per export, no delay", perCall(cpu.create.cpuUs), "µs");
    row("ScmClient.exportCertificate, CPU per export", perCall(cpu.client.cpuUs), "µs");
    row("raw, CPU per request, no delay", perCall(cpu.raw.cpuUs), "µs");
    row("provider's own CPU per export (create − raw)", perCall(cpu.create.cpuUs - cpu.raw.cpuUs), "µs");
    row(
      "create − client: inputs, settings, X.509 checks",
      perCall(cpu.create.cpuUs - cpu.client.cpuUs),
      "µs",
    );
    return rows;
  } finally {
    await pools.closeConnectionPools();
    for (const [name, value] of [
      ["HW_AUTH_TOKEN", saved.token],
      ["HW_SCM_ENDPOINT", saved.endpoint],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
