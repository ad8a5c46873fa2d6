import type { Reporter, TestModule, TestSuite } from "vitest/node";

/**
 * Ends a run with one plain line, `N passed, N failed, N skipped`, that any CI log reader
 * understands. A module or suite that failed outside its tests (a hook, a collection error)
 * counts as one failure, so the line never reads `0 failed` for a run that failed.
 */
export default class SummaryReporter implements Reporter {
  #seed: number | undefined;

  onInit(vitest: { config: { sequence: { seed?: number } } }): void {
    this.#seed = vitest.config.sequence.seed;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
      // A failed suite none of whose tests or inner suites failed: one of its hooks failed.
      // Failing that, a module that failed with no failed test: its collection or a hook failed.
      const failedHere = (suite: TestModule | TestSuite) =>
        suite.state() === "failed" || suite.errors().length > 0;
      const suites = [...module.children.allSuites()].filter(
        (suite) =>
          failedHere(suite) &&
          ![...suite.children.allTests()].some((test) => test.result().state === "failed") &&
          ![...suite.children.allSuites()].some(failedHere),
      );
      const testsFailed = [...module.children.allTests()].some((test) => test.result().state === "failed");
      counts.failed += suites.length > 0 ? suites.length : failedHere(module) && !testsFailed ? 1 : 0;
    }
    if (this.#seed !== undefined) process.stdout.write(`\ntest order: shuffled, TEST_SEED=${this.#seed}`);
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
