import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers of provider/, top to bottom: a module imports only from its own layer, a lower one, or
 * the shared basics (errors, constants, validation, value schemas). ARCHITECTURE.md explains them.
 */
const LAYERS: readonly (readonly [layer: string, rank: number])[] = [
  // Two tops, side by side: what a Node.js program imports, and the provider plugin's process.
  ["index", 7],
  ["plugin", 7],
  ["resource", 6],
  ["scm", 5],
  ["settings", 4],
  ["auth", 3],
  ["http", 2],
  ["keystore", 1],
  ["x509", 0],
];
const BASICS = "basics";

const root = resolve(__dirname, "../../provider");

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The layer of a module: its folder under provider/, or for a root module index or basics. */
function layerOf(path: string): string {
  const parts = relative(root, path).split(sep);
  if (parts.length > 1) return parts[0] as string;
  const name = (parts[0] as string).replace(/\.ts$/, "");
  return name === "index" ? "index" : BASICS;
}

function resolveImport(from: string, specifier: string): string {
  const target = resolve(dirname(from), specifier);
  const candidates = [`${target}.ts`, join(target, "index.ts")];
  return candidates.find((c) => modules(dirname(c)).includes(c)) ?? `${target}.ts`;
}

/** Every relative import between two layers, as [importer layer, imported layer, where]. */
function crossLayerImports(): [string, string, string][] {
  return modules(root).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)].flatMap(
      (match): [string, string, string][] => {
        const from = layerOf(file);
        const to = layerOf(resolveImport(file, match[1] as string));
        return from === to ? [] : [[from, to, `${relative(root, file)} → ${match[1]}`]];
      },
    ),
  );
}

/** The folder graph's cycles, each as the path that closes it. */
function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const found: string[][] = [];
  const visit = (node: string, path: string[]) => {
    for (const next of edges.get(node) ?? []) {
      if (next === path[0]) found.push([...path, next]);
      else if (!path.includes(next)) visit(next, [...path, next]);
    }
  };
  for (const node of edges.keys()) visit(node, [node]);
  return found;
}

describe("the layers of provider/", () => {
  const imports = crossLayerImports();
  const rank = new Map(LAYERS);

  it("name every folder", () => {
    const layers = new Set(modules(root).map(layerOf));
    for (const layer of layers) expect(layer === BASICS || rank.has(layer), layer).toBe(true);
  });

  it("import only downward, or from the basics", () => {
    const upward = imports.filter(
      ([from, to]) => to !== BASICS && (from === BASICS || (rank.get(to) ?? 0) >= (rank.get(from) ?? 0)),
    );
    expect(upward.map(([from, to, where]) => `${from} → ${to}: ${where}`)).toEqual([]);
  });

  it("form no cycle", () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, to] of imports) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    expect(cycles(edges)).toEqual([]);
  });

  it("would see an upward import: the scan finds the imports it checks", () => {
    expect(imports).toContainEqual(["resource", "scm", expect.stringContaining("scm-client")]);
    expect(imports).toContainEqual(["settings", "auth", expect.any(String)]);
    expect(imports).toContainEqual(["auth", "http", expect.any(String)]);
  });
});
