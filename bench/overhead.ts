import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import {
  DEFAULT_CONNECTIONS,
  exportPath,
  HEADER_AUTH_TOKEN,
  KEEP_ALIVE_TIMEOUT_MS,
} from "../provider/constants";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process";
import { atMost, type BenchRow } from "./report";

type Provider = typeof import("../provider");
type X509 = typeof import("../provider/x509");
type Path = () => Promise<void>;

const EXPORTS = 2_000;
const CPU_EXPORTS = 1_000;
const BLOCKS = 20;
const WARM_UP = 100;
const INSPECTIONS = 500;

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

/** Three ways of exporting one certificate: the provider's `create`, the client alone, and bare undici. */
function exportPaths(provider: Provider, emulator: EmulatorProcess) {
  const id = emulator.certificates.find((c) => c.keyType === "rsa")?.id as string;
  // The provider resolves its settings from the environment when a call runs, as in the host.
  process.env.HW_AUTH_TOKEN = emulator.token;
  process.env.HW_SCM_ENDPOINT = emulator.url;
  const create = provider.scmExportedCertificateProvider.create as NonNullable<
    Provider["scmExportedCertificateProvider"]["create"]
  >;
  const client = new provider.ScmClient({
    endpoint: emulator.url,
    credentials: { kind: "token", token: emulator.token },
  });
  // The same pool settings as the provider's shared pool (provider/http/connection-pool.ts).
  const agent = new Agent({ connections: DEFAULT_CONNECTIONS, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });
  const url = `${emulator.url}${exportPath(id)}`;
  const headers = {
    accept: "application/json",
    "content-type": "application/json",
    [HEADER_AUTH_TOKEN]: emulator.token,
  };
  return {
    /** One export through the client, for a sample of what SCM sends. */
    exportOnce: () => client.exportCertificate(id),
    create: async () => {
      const result = await create({ certificateId: id });
      if (result.id !== id) throw new Error(`create returned id ${result.id}`);
    },
    client: async () => {
      await client.exportCertificate(id);
    },
    raw: async () => {
      const response = await request(url, { method: "POST", dispatcher: agent, headers, body: "{}" });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`raw export answered ${response.statusCode}`);
      JSON.parse(text);
    },
    close: () => agent.close(),
  };
}

/**
 * CPU time of the X.509 checks alone on one export (PEM normalised, certificate parsed, key
 * matched, leaf signature verified, metadata read), run back to back and then each after the
 * process has idled for `gapMs`, as it does while a create waits for SCM.
 */
async function inspectionCpu(x509: X509, exported: Parameters<X509["inspectExport"]>[0], gapMs: number) {
  let cpuUs = 0;
  for (let i = 0; i < INSPECTIONS; i++) {
    await (gapMs > 0 ? sleep(gapMs) : Promise.resolve());
    const before = process.cpuUsage();
    x509.inspectExport(exported);
    const used = process.cpuUsage(before);
    cpuUs += used.user + used.system;
  }
  return cpuUs / INSPECTIONS;
}

/**
 * The provider's cost over a bare request: 2,000 exports through `create` (loaded from `dist/`)
 * against 2,000 `undici.request` + `JSON.parse`, interleaved, with the emulator answering after
 * 5 ms; then CPU time per export with no delay, `ScmClient.exportCertificate` alone included to
 * tell the client's share from the certificate inspection's. The emulator runs in its own process,
 * so `process.cpuUsage` counts the client side only.
 */
export async function overheadBench(log: (line: string) => void): Promise<BenchRow[]> {
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
    log(`overhead: ${EXPORTS} create + ${EXPORTS} raw exports, the emulator answering after 5 ms`);
    const delayedEmulator = await startEmulatorProcess({ delayMs: 5 });
    const delayed = exportPaths(provider, delayedEmulator);
    const pair = { create: delayed.create, raw: delayed.raw };
    await interleaved(pair, WARM_UP, 2);
    await delayedEmulator.reset();
    const wall = await interleaved(pair, EXPORTS, BLOCKS);
    const seen = await delayedEmulator.stats();
    const sample = await delayed.exportOnce();
    const inspection = { ...sample, now: new Date() };
    await inspectionCpu(x509, inspection, 0);
    const inspectWarm = await inspectionCpu(x509, inspection, 0);
    const inspectAfterIdle = await inspectionCpu(x509, inspection, 5);
    await delayed.close();
    await delayedEmulator.stop();
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
          value: (seen.requests - EXPORTS) / EXPORTS,
          unit: "",
        },
        1,
        2,
      ),
    );
    row("create, wall per export, 5 ms delay", (wall.create.wallMs / EXPORTS) * 1000, "µs");
    row("raw, wall per request, 5 ms delay", (wall.raw.wallMs / EXPORTS) * 1000, "µs");
    row("create, CPU per export, 5 ms delay", wall.create.cpuUs / EXPORTS, "µs");
    row("raw, CPU per request, 5 ms delay", wall.raw.cpuUs / EXPORTS, "µs");
    row("new TCP connections in the 4,000 timed calls", seen.connections, "");
    row("X.509 checks alone, CPU per export, back to back", inspectWarm, "µs");
    row("X.509 checks alone, CPU per export, after 5 ms idle", inspectAfterIdle, "µs");

    log(
      `overhead: ${CPU_EXPORTS} create + ${CPU_EXPORTS} client + ${CPU_EXPORTS} raw exports with no delay, for CPU time`,
    );
    const immediateEmulator = await startEmulatorProcess({ delayMs: 0 });
    const immediate = exportPaths(provider, immediateEmulator);
    const trio = { create: immediate.create, client: immediate.client, raw: immediate.raw };
    await interleaved(trio, WARM_UP, 2);
    const cpu = await interleaved(trio, CPU_EXPORTS, BLOCKS);
    await immediate.close();
    await immediateEmulator.stop();
    const perCall = (us: number) => us / CPU_EXPORTS;
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
