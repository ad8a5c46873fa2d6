import { beforeAll, expect, inject, it } from "vitest";
import { type ChaosRunOptions, type ChaosRunReport, runChaos } from "../../chaos/chaos-run";
import { describeWithCli } from "./cli-fixture";

// Small chaos runs, as `npm run chaos -- --size 10 --share 0.2 --seed 7` makes them: up, refresh,
// up again and a preview under the real CLI while the emulator fails a fifth of SCM's answers.
// Once with the package's retries, which absorb most faults, and once with none, so that errors
// reach the engine at every step and the state must survive them. Invariants, not times.

type Scenario = Pick<ChaosRunOptions, "size" | "share" | "seed" | "maxRetries">;

function chaosSuite(title: string, scenario: Scenario, expectations: (run: () => ChaosRunReport) => void) {
  describeWithCli(title, () => {
    let report: ChaosRunReport;
    const broken = (name: RegExp) => report.invariants.find((invariant) => name.test(invariant.name))?.broken;

    beforeAll(async () => {
      report = await runChaos({
        ...scenario,
        cliDir: inject("pulumiCliDir"),
        programDir: inject("cliProgramDir"),
        log: () => undefined,
      });
    }, 900_000);

    it("runs up, refresh and up again, then a preview", () => {
      const commands = report.steps.map((step) => step.command);
      expect(commands.slice(0, 3)).toEqual(["up", "refresh", "up"]);
      expect(commands.at(-1)).toBe("preview --expect-no-changes");
    });

    expectations(() => report);

    it("loses nothing from the state at any step", () => {
      expect(broken(/nothing lost/)).toEqual([]);
    });

    it("keeps in every resource what SCM serves", () => {
      expect(broken(/what SCM serves/)).toEqual([]);
    });

    it("retries every fault, or reports the call it ended", () => {
      expect(broken(/every fault/)).toEqual([]);
    });

    it("converges with no manual step: every certificate in the state, no change pending", () => {
      expect(broken(/converged/)).toEqual([]);
    });

    it("leaves no secret in clear text", () => {
      expect(broken(/no secret/)).toEqual([]);
    });
  });
}

const total = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const faults = (report: ChaosRunReport) =>
  total(report.steps.flatMap((step) => Object.values(step.injected)));

chaosSuite("a chaos run under the real engine", { size: 10, share: 0.2, seed: 7 }, (run) => {
  it("fails SCM's answers, and the client retries them", () => {
    expect(faults(run())).toBeGreaterThan(0);
    expect(total(run().steps.map((step) => step.retries))).toBeGreaterThan(0);
  });
});

chaosSuite("a chaos run with no retries", { size: 10, share: 0.2, seed: 7, maxRetries: 0 }, (run) => {
  it("surfaces the faults as errors on resources, and retries nothing", () => {
    const steps = run().steps;
    expect(total(steps.map((step) => step.failedResources.length))).toBeGreaterThan(0);
    expect(total(steps.map((step) => step.retries))).toBe(0);
  });
});
