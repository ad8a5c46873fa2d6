import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(__dirname, "../..");

/**
 * A Pulumi program folder where the package is installed from its `npm pack` tarball beside
 * `@pulumi/pulumi`, as a user installs it. Built once per test run (global setup) from `dist/`.
 *
 * With `linkPulumi`, the repository's own `@pulumi/pulumi` is linked in instead of installed
 * again: the package still comes from its tarball, in seconds rather than the tens of seconds
 * that `@pulumi/pulumi`'s dependency tree takes (`npm run demo` has to be quick).
 *
 * With `typescript`, the repository's TypeScript and Node types are installed too: what
 * `pulumi up` compiles a TypeScript program with. `packageDir` packs another checkout of the
 * package (the benchmarks compare a release with this one).
 */
export function createPackedProgram(
  options: { linkPulumi?: boolean; typescript?: boolean; packageDir?: string } = {},
): {
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
      ...(options.linkPulumi ? ["--legacy-peer-deps"] : [`@pulumi/pulumi@${pulumiVersion}`]),
      ...(options.typescript
        ? [`typescript@${versionOf("typescript")}`, `@types/node@${versionOf("@types/node")}`]
        : []),
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
  if (options.linkPulumi) {
    mkdirSync(join(dir, "node_modules/@pulumi"), { recursive: true });
    symlinkSync(join(repo, "node_modules/@pulumi/pulumi"), join(dir, "node_modules/@pulumi/pulumi"), "dir");
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
