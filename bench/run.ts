/**
 * `npm run bench`: the provider under load, throttling and a cold start, against the emulator on
 * this machine. Prints one table, or JSON with `--json`; progress goes to stderr. Exits with 1
 * when a goal is missed.
 */
import { cpus, platform, release } from "node:os";
import { parseArgs } from "node:util";
import { fanOutBench } from "./fan-out";
import { footprintBench } from "./footprint";
import { overheadBench } from "./overhead";
import { prepareProgram } from "./packed-program";
import { type BenchRow, formatTable } from "./report";
import { throttledBench } from "./throttled";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  const rows: BenchRow[] = [];
  rows.push(...(await overheadBench(log)));
  log("packing and installing the package into a program folder");
  const program = await prepareProgram();
  try {
    rows.push(...(await footprintBench(program, log)));
    rows.push(...(await fanOutBench(program, log)));
    rows.push(...(await throttledBench(program, log)));
  } finally {
    program.remove();
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const output = values.json
    ? JSON.stringify({ machine: machine(), rows }, null, 2)
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
