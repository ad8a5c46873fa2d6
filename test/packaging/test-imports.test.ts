import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The tests depend on the rest of the repository, never the other way round: the benchmarks, the
 * chaos run, the demo, the emulator and the shared harness (which runs the packed package under Pulumi's host or
 * CLI) import nothing from test/, so test/ can change without breaking them.
 */

const repo = resolve(__dirname, "../..");
const FOLDERS = ["bench", "chaos", "demo", "emulator", "harness"];
const TESTS = resolve(repo, "test");

/** A relative module named by a static import or export, a dynamic `import()`, a type `import()` or `require()`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']*)["']/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(path);
    return /\.(?:[cm]?ts|[cm]?js)$/.test(entry.name) ? [path] : [];
  });
}

/** The imports in `text` (the source of `file`) that reach into test/, as "<file> → <specifier>". */
function importsFromTests(file: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)]
    .map((match) => match[1] as string)
    .filter((specifier) => {
      const target = resolve(dirname(file), specifier);
      return target === TESTS || target.startsWith(`${TESTS}${sep}`);
    })
    .map((specifier) => `${relative(repo, file)} → ${specifier}`);
}

describe("code outside test/", () => {
  const files = FOLDERS.flatMap((folder) => sources(resolve(repo, folder)));

  it("imports nothing from test/", () => {
    expect(files.flatMap((file) => importsFromTests(file, readFileSync(file, "utf8")))).toEqual([]);
  });

  it("is all scanned: each folder has sources", () => {
    for (const folder of FOLDERS) {
      expect(
        files.some((file) => file.startsWith(resolve(repo, folder) + sep)),
        folder,
      ).toBe(true);
    }
  });

  it("would see an import from test/, in each form", () => {
    const file = resolve(repo, "bench/example.ts");
    const planted = [
      'import { urnOf } from "../test/support/provider-host";',
      'export { x } from "../test/x";',
      'import "../test/side-effect";',
      'const m = await import("../test/dynamic");',
      'type T = typeof import("../test/types");',
      'const r = require("../test/required");',
      'import { ok } from "../harness/provider-host";',
      'import { also } from "./test/not-the-tests";',
    ].join("\n");
    expect(importsFromTests(file, planted)).toEqual([
      "bench/example.ts → ../test/support/provider-host",
      "bench/example.ts → ../test/x",
      "bench/example.ts → ../test/side-effect",
      "bench/example.ts → ../test/dynamic",
      "bench/example.ts → ../test/types",
      "bench/example.ts → ../test/required",
    ]);
  });
});
