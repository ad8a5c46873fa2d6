/**
 * `npm run bench`: the provider under load, throttling, a cold start and the real engine, against
 * the emulator on this machine. Prints one table, or JSON with `--json`; `--only NAME` (repeatable)
 * runs some of them; `--small` runs each with a few calls, to check that it works (its ratios are
 * reported, not judged). Progress goes to stderr. Exits with 1 when a goal is missed.
 */
import { cpus, platform, release } from "node:os";
import { parseArgs } from "node:util";
import { engineBench } from "./engine";
import { fanOutBench } from "./fan-out";
import { footprintBench } from "./footprint";
import { overheadBench } from "./overhead";
import { prepareProgram } from "./packed-program";
import { type BenchRow, type BenchSize, formatTable, judgedAt } from "./report";
import { throttledBench } from "./throttled";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: "boolean", default: false },
      only: { type: "string", multiple: true },
      small: { type: "boolean", default: false },
    },
  });
  const size: BenchSize = values.small ? "small" : "full";
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const wanted = (name: string) => !values.only || values.only.includes(name);
  const started = performance.now();
  const measured: BenchRow[] = [];
  if (wanted("overhead")) measured.push(...(await overheadBench(log, size)));
  if (["footprint", "fan-out", "throttled"].some(wanted)) {
    log("packing and installing the package into a program folder");
    const program = await prepareProgram();
    try {
      if (wanted("footprint")) measured.push(...(await footprintBench(program, log)));
      if (wanted("fan-out")) measured.push(...(await fanOutBench(program, log, size)));
      if (wanted("throttled")) measured.push(...(await throttledBench(program, log, size)));
    } finally {
      program.remove();
    }
  }
  if (wanted("engine")) measured.push(...(await engineBench(log, size)));
  const rows = judgedAt(size, measured);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const output = values.json
    ? JSON.stringify({ machine: machine(), size, rows }, null, 2)
    : `${formatTable(rows)}\n\n${machine()}`;
  process.stdout.write(`${output}\n`);
  if (rows.some((row) => row.pass === false)) process.exitCode = 1;
}

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${platform()} ${release()}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
