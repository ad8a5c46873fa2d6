import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(__dirname, "..");

/**
 * A Pulumi program folder where the package is installed from its `npm pack` tarball beside
 * `@pulumi/pulumi`, as a user installs it. Built once per test run (global setup) from `dist/`.
 *
 * With `typescript`, the repository's TypeScript and Node types are installed too: what
 * `pulumi up` compiles a TypeScript program with. `packageDir` packs another checkout of the
 * package (the benchmarks compare a release with this one).
 */
export function createPackedProgram(options: { typescript?: boolean; packageDir?: string } = {}): {
  dir: string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), "scm-program-"));
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], {
    cwd: options.packageDir ?? repo,
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop() as string;
  const versionOf = (name: string): string =>
    JSON.parse(readFileSync(join(repo, "node_modules", name, "package.json"), "utf8")).version;
  const pulumiVersion = versionOf("@pulumi/pulumi");
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
      ...(options.typescript
        ? [`typescript@${versionOf("typescript")}`, `@types/node@${versionOf("@types/node")}`]
        : []),
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
