import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(__dirname, "../..");

/**
 * A Pulumi program folder where the package is installed from its `npm pack` tarball beside
 * `@pulumi/pulumi`, as a user installs it. Built once per test run (global setup) from `dist/`.
 */
export function createPackedProgram(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "scm-program-"));
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], {
    cwd: repo,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop() as string;
  const pulumiVersion = JSON.parse(
    readFileSync(join(repo, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
  ).version;
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "scm-test-program", private: true }, null, 2),
  );
  execFileSync(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--loglevel=error",
      `./${packed}`,
      `@pulumi/pulumi@${pulumiVersion}`,
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
