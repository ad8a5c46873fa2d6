import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * What `npm pack` puts in the tarball that users install: the build, the license and the docs the
 * README links to, a manifest that says where the project lives, and no script npm would run at
 * install time (npm warns about those on every install). Read from `npm pack --dry-run` of the
 * build `npm test` made.
 */

const repo = resolve(__dirname, "../..");

/** Scripts npm runs when the package is installed from a tarball or a folder. */
const INSTALL_TIME_SCRIPTS = ["preinstall", "install", "postinstall", "prepare"];

interface PackedFile {
  path: string;
}

let files: string[];
const manifest = JSON.parse(readFileSync(resolve(repo, "package.json"), "utf8"));

/** The paths `npm pack --dry-run` lists in `folder`. */
async function packedFiles(folder: string, args: string[] = []): Promise<string[]> {
  const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", ...args], {
    cwd: folder,
  });
  return (JSON.parse(stdout) as { files: PackedFile[] }[])[0]?.files.map((f) => f.path) ?? [];
}

beforeAll(async () => {
  // --ignore-scripts: the listing needs no build of its own; `npm test` built dist/ already.
  files = await packedFiles(repo, ["--ignore-scripts"]);
});

describe("the published package", () => {
  it("holds the build, LICENSE, the README, the changelog and the docs it links to", () => {
    for (const path of [
      "package.json",
      "LICENSE",
      "README.md",
      "CHANGELOG.md",
      "docs/reference.md",
      "dist/provider/index.js",
      "dist/provider/index.d.ts",
      "dist/provider/resource/dynamic-provider.js",
      "dist/emulator/index.js",
    ]) {
      expect(files, path).toContain(path);
    }
  });

  it("holds no sources, tests, benchmarks or build records", () => {
    const stray = files.filter(
      (path) =>
        /^(provider|emulator|test|bench|demo|harness|quickstart|examples)\//.test(path) ||
        (/\.(ts|tsbuildinfo)$/.test(path) && !path.endsWith(".d.ts")),
    );
    expect(stray).toEqual([]);
  });

  it("runs no script at install time, and builds before it is packed", () => {
    expect(Object.keys(manifest.scripts).filter((name) => INSTALL_TIME_SCRIPTS.includes(name))).toEqual([]);
    expect(manifest.scripts.prepack).toBe("npm run clean && npm run build");
  });

  it("packs a clean build: an output whose source is gone since an earlier build is left out", async () => {
    // A copy of what the build and the tarball need, so this build leaves the repository's dist/ alone.
    const copy = mkdtempSync(join(tmpdir(), "scm-pack-"));
    try {
      const sources = ["package.json", "tsconfig.json", "tsconfig.build.json", "provider", "emulator"];
      const shipped = (manifest.files as string[]).filter((path) => !path.startsWith("dist"));
      for (const path of [...sources, ...shipped, "LICENSE"]) {
        cpSync(resolve(repo, path), join(copy, path), { recursive: true });
      }
      symlinkSync(resolve(repo, "node_modules"), join(copy, "node_modules"), "dir");
      mkdirSync(join(copy, "dist/provider"), { recursive: true });
      writeFileSync(join(copy, "dist/provider/removed-module.js"), "module.exports = {};\n");
      const packed = await packedFiles(copy);
      expect(packed).toContain("dist/provider/index.js");
      expect(packed).not.toContain("dist/provider/removed-module.js");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  it("has the quick start build before npm packs this folder into quickstart/, which runs no prepack", () => {
    // quickstart/.npmrc's install-links makes npm pack this folder as it is: dist/ must exist.
    const readme = readFileSync(resolve(repo, "README.md"), "utf8");
    const build = readme.indexOf("npm run build");
    expect(build).toBeGreaterThan(0);
    expect(readme.indexOf("npm install --prefix quickstart", build)).toBeGreaterThan(build);
    expect(readFileSync(resolve(repo, "quickstart/.npmrc"), "utf8")).toMatch(/^install-links=true$/m);
  });

  it("says where its repository, home page and issue tracker are", () => {
    expect(manifest.repository.url).toMatch(/^git\+https:\/\//);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs.url).toMatch(/^https:\/\//);
    expect(manifest.license).toBe("Apache-2.0");
    expect(readFileSync(resolve(repo, "LICENSE"), "utf8")).toContain(
      "Apache License\n                           Version 2.0",
    );
  });
});
