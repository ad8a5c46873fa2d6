import { join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { findOrBuildPulumiCli } from "../../harness/pulumi-cli";
import { leftoversAfter, runTracked, type TrackedRun } from "../support/process-tree";

// Every bench at a small size, as `npm run bench` runs them: each must finish, exit 0 and leave
// no process behind (a child left running holds the bench's stdout, and a caller reading it never
// gets to its end). Then the ways a bench ends early: a signal, a failure, being killed outright.

const repo = resolve(__dirname, "../..");
const tsx = join(repo, "node_modules/.bin/tsx");
const FIXTURE = join(__dirname, "fixtures/emulator-process-parent.ts");
const runs: TrackedRun[] = [];

function tracked(command: string, args: readonly string[]): TrackedRun {
  const run = runTracked(command, args);
  runs.push(run);
  return run;
}

/** Waits until `condition` holds, checking every 100 ms; fails after `ms`. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

interface Report {
  readonly rows: { benchmark: string; measure: string; pass?: boolean }[];
}

describe("the benches", () => {
  let engine = true;
  beforeAll(async () => {
    try {
      await findOrBuildPulumiCli();
    } catch (error) {
      if (process.env.CI) throw error;
      engine = false;
    }
  });

  afterEach(() => {
    for (const run of runs.splice(0)) run.killLeftovers();
  });

  it("each run small, exit 0, meet their judged goals and leave no process behind", {
    timeout: 900_000,
  }, async () => {
    const only = ["overhead", "footprint", "fan-out", "throttled", ...(engine ? ["engine"] : [])];
    const run = tracked(tsx, [
      "bench/run.ts",
      "--small",
      "--json",
      ...only.flatMap((name) => ["--only", name]),
    ]);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(await leftoversAfter(run)).toEqual([]);
    await run.closed;
    const report = JSON.parse(run.stdout()) as Report;
    expect(new Set(report.rows.map((row) => row.benchmark))).toEqual(new Set(only));
    expect(report.rows.filter((row) => row.pass === false)).toEqual([]);
  });

  it("the engine profile runs small and leaves no process behind", { timeout: 600_000 }, async ({ skip }) => {
    // Decided when the test runs: `engine` is known only once beforeAll has looked for the CLI.
    if (!engine) skip("no pulumi CLI");
    const run = tracked(tsx, ["bench/engine-profile.ts", "--n", "2", "--rounds", "1", "--ops", "preview"]);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(await leftoversAfter(run)).toEqual([]);
    await run.closed;
    expect(run.stdout()).toMatch(/^preview, N = 2: ratio \d/);
  });

  it("stopped by SIGTERM, a bench takes its emulator with it", { timeout: 60_000 }, async () => {
    // Through tsx, as `npm run bench` runs: tsx passes the signal on to the bench's process.
    const run = tracked(tsx, [FIXTURE, "wait"]);
    await until(() => run.stdout().includes("ready"), 30_000, "the emulator");
    process.kill(run.child.pid as number, "SIGTERM");
    expect(await run.exited).not.toBe(0);
    expect(await leftoversAfter(run)).toEqual([]);
    await run.closed;
  });

  it("failing, a bench takes its emulator with it", { timeout: 60_000 }, async () => {
    const run = tracked(process.execPath, ["--import", "tsx", FIXTURE, "fail"]);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain("a bench failed while its emulator ran");
    expect(await leftoversAfter(run)).toEqual([]);
  });

  it("killed outright, a bench's emulator ends itself", { timeout: 60_000 }, async () => {
    const run = tracked(process.execPath, ["--import", "tsx", FIXTURE, "wait"]);
    await until(() => run.stdout().includes("ready"), 30_000, "the emulator");
    process.kill(run.child.pid as number, "SIGKILL");
    expect(await run.exited).toBe("SIGKILL");
    expect(await leftoversAfter(run)).toEqual([]);
  });
});
