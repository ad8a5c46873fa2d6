import { defineConfig } from "vitest/config";

// Suites that drive the package as a user installs it share one packed install (global setup).
const packedSuites = [
  "test/engine/**/*.test.ts",
  "test/reliability/**/*.test.ts",
  "test/secrets/**/*.test.ts",
];

// Every test server listens on loopback: a proxy set on the developer's machine must not be used to
// reach it (test/http/proxy.test.ts sets its own proxy variables).
const noProxy = [process.env.no_proxy ?? process.env.NO_PROXY, "127.0.0.1", "localhost"]
  .filter(Boolean)
  .join(",");

// With no credentials set, the provider asks the ECS metadata service last. Tests must never reach
// the real link-local address: they point it at a loopback port nothing listens on (refused at
// once), and the tests of the metadata service at their emulator.
const metadataUrl = "http://127.0.0.1:9";

// Every run takes the tests in a shuffled order, so none leans on another's leftovers; the seed is
// printed at the end, and TEST_SEED replays an order.
const seed = Number(process.env.TEST_SEED) || Math.floor(Math.random() * 1_000_000);

export default defineConfig({
  test: {
    sequence: { shuffle: true, seed },
    env: { NO_PROXY: noProxy, no_proxy: noProxy, HW_METADATA_URL: metadataUrl },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    // One test file per core: most of a file's time is spent waiting (timers, the emulator, the
    // engine's processes), and vitest's default of one less than the cores runs a 2-core machine
    // one file at a time.
    maxWorkers: "100%",
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...packedSuites, "test/cli/**", "test/plugin/**"],
          globalSetup: ["test/support/x509-global-setup.ts"],
        },
      },
      {
        extends: true,
        test: { name: "engine", include: packedSuites, globalSetup: ["test/support/global-setup.ts"] },
      },
      {
        // The real pulumi CLI and engine: each command starts processes and compiles TypeScript.
        extends: true,
        test: {
          name: "cli",
          include: ["test/cli/**/*.test.ts"],
          globalSetup: ["test/support/cli-global-setup.ts"],
          testTimeout: 300_000,
        },
      },
      {
        // The provider plugin, built as `npm run build:plugin` builds it: called over gRPC as the
        // engine calls it, and installed from its tarball for programs run by the real CLI.
        extends: true,
        test: {
          name: "plugin",
          include: ["test/plugin/**/*.test.ts"],
          globalSetup: ["test/support/plugin-global-setup.ts"],
          testTimeout: 300_000,
        },
      },
    ],
  },
});
