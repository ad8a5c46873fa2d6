import { defineConfig } from "vitest/config";

// Suites that drive the package as a user installs it share one packed install (global setup).
const packedSuites = [
  "test/engine/**/*.test.ts",
  "test/reliability/**/*.test.ts",
  "test/secrets/**/*.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: packedSuites } },
      {
        extends: true,
        test: { name: "engine", include: packedSuites, globalSetup: ["test/support/global-setup.ts"] },
      },
    ],
  },
});
