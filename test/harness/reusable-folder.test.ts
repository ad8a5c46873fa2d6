import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reusableFolder } from "../../harness/reusable-folder";

let parent: string;
let fills: string[];

/** Fills a folder with one file naming its key, and counts the fills. */
const fillWith = (key: string) => (dir: string) => {
  fills.push(key);
  writeFileSync(join(dir, "filled-for"), key);
};

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), "scm-reusable-test-"));
  fills = [];
});

afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe("a reusable folder", () => {
  it("is filled once, then used again under the same key", () => {
    const first = reusableFolder("p-", "k1", fillWith("k1"), parent);
    const second = reusableFolder("p-", "k1", fillWith("k1"), parent);
    expect(first).toEqual({ dir: join(parent, "p-k1"), reused: false });
    expect(second).toEqual({ dir: join(parent, "p-k1"), reused: true });
    expect(fills).toEqual(["k1"]);
    expect(readdirSync(parent)).toEqual(["p-k1"]);
  });

  it("is filled anew under a new key, and the folder of the old key is removed", () => {
    reusableFolder("p-", "k1", fillWith("k1"), parent);
    const next = reusableFolder("p-", "k2", fillWith("k2"), parent);
    expect(next).toEqual({ dir: join(parent, "p-k2"), reused: false });
    expect(fills).toEqual(["k1", "k2"]);
    expect(readdirSync(parent)).toEqual(["p-k2"]);
  });

  it("leaves nothing under its key when filling fails, so the next call fills it again", () => {
    expect(() =>
      reusableFolder(
        "p-",
        "k1",
        () => {
          throw new Error("npm install failed");
        },
        parent,
      ),
    ).toThrow("npm install failed");
    expect(readdirSync(parent)).toEqual([]);
    expect(reusableFolder("p-", "k1", fillWith("k1"), parent).reused).toBe(false);
  });

  it("leaves alone a folder another run is still filling, and folders of other prefixes", () => {
    mkdirSync(join(parent, "p-filling-other"));
    mkdirSync(join(parent, "q-k0"));
    reusableFolder("p-", "k1", fillWith("k1"), parent);
    expect(readdirSync(parent).sort()).toEqual(["p-filling-other", "p-k1", "q-k0"]);
    expect(existsSync(join(parent, "p-k1", "filled-for"))).toBe(true);
  });
});
