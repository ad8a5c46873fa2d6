import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { reusableFolder } from "./reusable-folder";

const repo = resolve(__dirname, "..");

/** A tarball written by `npm pack`, and the SHA-256 of its bytes. */
export interface PackedTarball {
  readonly file: string;
  readonly sha256: string;
}

/** A program folder with the package installed, and how to remove it. */
export interface PackedProgram {
  readonly dir: string;
  /** Whether an earlier run installed the folder and this one used it again (`reuse`). */
  readonly reused: boolean;
  readonly remove: () => void;
}

/**
 * Packs the package with `npm pack` into `destination`. This repository's package is packed from
 * the `dist/` its callers built (`npm test`, `npm run demo` and `npm run bench` build first);
 * another checkout (`packageDir`) runs its own `prepack`, which builds it.
 */
export function packPackage(destination: string, packageDir?: string): PackedTarball {
  const name = execFileSync(
    "npm",
    ["pack", "--silent", "--pack-destination", destination, ...(packageDir ? [] : ["--ignore-scripts"])],
    { cwd: packageDir ?? repo, encoding: "utf8" },
  )
    .trim()
    .split("\n")
    .pop() as string;
  const file = join(destination, name);
  return { file, sha256: createHash("sha256").update(readFileSync(file)).digest("hex") };
}

/**
 * A Pulumi program folder where the package is installed from its `npm pack` tarball beside
 * `@pulumi/pulumi`, as a user installs it. Built once per test run (global setup) from `dist/`.
 *
 * With `typescript`, the repository's TypeScript and Node types are installed too: what
 * `pulumi up` compiles a TypeScript program with. `packageDir` packs another checkout of the
 * package (the benchmarks compare a release with this one). With `reuse`, the folder an earlier
 * run installed from a tarball of the same bytes, with the same packages beside it, is used again
 * and kept (`remove` leaves it in place).
 */
export function createPackedProgram(
  options: { typescript?: boolean; packageDir?: string; reuse?: boolean } = {},
): PackedProgram {
  const versionOf = (name: string): string =>
    JSON.parse(readFileSync(join(repo, "node_modules", name, "package.json"), "utf8")).version;
  const beside = [
    `@pulumi/pulumi@${versionOf("@pulumi/pulumi")}`,
    ...(options.typescript
      ? [`typescript@${versionOf("typescript")}`, `@types/node@${versionOf("@types/node")}`]
      : []),
  ];
  const dir = mkdtempSync(join(tmpdir(), "scm-program-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const tarball = packPackage(dir, options.packageDir);
    if (!options.reuse) {
      install(dir, tarball.file, beside);
      return { dir, reused: false, remove };
    }
    const key = createHash("sha256")
      .update(`${tarball.sha256} ${beside.join(" ")}`)
      .digest("hex");
    const kept = reusableFolder("scm-program-reused-", key.slice(0, 16), (into) => {
      copyFileSync(tarball.file, join(into, basename(tarball.file)));
      install(into, join(into, basename(tarball.file)), beside);
    });
    remove();
    return { ...kept, remove: () => {} };
  } catch (error) {
    remove();
    throw error;
  }
}

/** Installs the tarball in `dir` and the packages beside it, into a new program folder there. */
function install(dir: string, tarball: string, beside: string[]): void {
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
      `./${basename(tarball)}`,
      ...beside,
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
}
