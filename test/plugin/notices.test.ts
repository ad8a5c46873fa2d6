import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { thirdPartyNotices } from "../../scripts/third-party-notices";

// The plugin's tarball passes on code of other packages: their licences must travel with it,
// every one a package carries.

const folders: string[] = [];

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("the notices of the bundled packages", () => {
  it("hold every licence file of a package that has more than one", () => {
    const root = mkdtempSync(join(tmpdir(), "scm-notices-"));
    folders.push(root);
    const pkg = join(root, "node_modules", "two-licences");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "two-licences", version: "1.0.0" }));
    writeFileSync(join(pkg, "LICENSE-asserts.md"), "The licence of the asserts.");
    writeFileSync(join(pkg, "LICENSE.md"), "The licence of the rest.");
    const notices = thirdPartyNotices(["node_modules/two-licences/index.js"], root);
    expect(notices).toContain("The licence of the asserts.");
    expect(notices).toContain("The licence of the rest.");
  });

  it("in the built plugin, hold google-protobuf's BSD licence beside its Apache one", () => {
    const notices = readFileSync(join(dirname(inject("pluginExecutable")), "THIRD-PARTY-NOTICES"), "utf8");
    const protobuf = join(__dirname, "../../node_modules/google-protobuf");
    for (const file of ["LICENSE.md", "LICENSE-asserts.md"]) {
      expect(notices, file).toContain(readFileSync(join(protobuf, file), "utf8").trim());
    }
  });
});
