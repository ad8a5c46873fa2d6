import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { packPackage } from "../../harness/packed-program";

// The demo keeps its installed program for as long as the tarball's bytes are the same: that only
// works if packing the same build twice writes the same bytes.

const destinations = [1, 2].map(() => mkdtempSync(join(tmpdir(), "scm-pack-test-")));
afterAll(() => {
  for (const dir of destinations) rmSync(dir, { recursive: true, force: true });
});

it("npm pack writes the same bytes for the same build", () => {
  const [first, second] = destinations.map((dir) => packPackage(dir));
  expect(first?.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(second?.sha256).toBe(first?.sha256);
  expect(basename(first?.file ?? "")).toMatch(/^pulumi-huaweicloud-scm-\d+\.\d+\.\d+\.tgz$/);
});
