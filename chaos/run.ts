/**
 * `npm run chaos`: the package under Pulumi's real engine while the emulator fails a seeded share
 * of SCM's answers (resets, 429 with `Retry-After`, 5xx, gateway HTML pages, bodies cut off).
 * Prints what was injected, retried and surfaced, the time of each step, and whether the
 * invariants held; exits with 1 when one broke, 2 when the run could not be made.
 *
 *   --size 100    certificates in the stack
 *   --share 0.2   share of SCM's answers that fail
 *   --seed 1      seed of the failures: the same seed fails the same requests of the same order
 *   --max-retries N  retries per SCM call (HW_MAX_RETRIES; default: the package's)
 *   --json        the report as JSON
 */
import { parseArgs } from "node:util";
import { createPackedProgram } from "../harness/packed-program";
import { findOrBuildPulumiCli } from "../harness/pulumi-cli";
import { runChaos } from "./chaos-run";
import { formatChaosReport, invariantsHold } from "./report";

function numberFlag(value: string, name: string, valid: (n: number) => boolean): number {
  const parsed = Number(value);
  if (!valid(parsed)) throw new Error(`--${name} ${value} is not valid`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "100" },
      share: { type: "string", default: "0.2" },
      seed: { type: "string", default: "1" },
      "max-retries": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const size = numberFlag(values.size, "size", (n) => Number.isInteger(n) && n > 0);
  const share = numberFlag(values.share, "share", (n) => n >= 0 && n <= 1);
  const seed = numberFlag(values.seed, "seed", Number.isInteger);
  const retries = values["max-retries"];
  const maxRetries =
    retries === undefined
      ? undefined
      : numberFlag(retries, "max-retries", (n) => Number.isInteger(n) && n >= 0);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cliDir = await findOrBuildPulumiCli();
  log("chaos: installing the package into a program folder");
  const program = createPackedProgram({ typescript: true });
  try {
    const report = await runChaos({ size, share, seed, maxRetries, cliDir, programDir: program.dir, log });
    process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatChaosReport(report)}\n`);
    if (!invariantsHold(report)) process.exitCode = 1;
  } finally {
    program.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
