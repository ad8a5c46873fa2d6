import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { isSupportedNode, MINIMUM_NODE_VERSION } from "../../provider/node-version";

const repo = resolve(__dirname, "../..");
const manifest = (path: string) => JSON.parse(readFileSync(resolve(repo, path), "utf8"));

describe("the Node.js the package needs", () => {
  it("engines.node states the real minimum: undici's own, which covers tls.getCACertificates (22.15)", () => {
    expect(manifest("package.json").engines.node).toBe(`>=${MINIMUM_NODE_VERSION}`);
    const undici = String(manifest("node_modules/undici/package.json").engines.node);
    const undiciMinimum = /(\d+\.\d+\.\d+)/.exec(undici)?.[1] as string;
    expect(isSupportedNode(undiciMinimum)).toBe(true);
    expect(isSupportedNode("22.15.0")).toBe(false);
    expect(isSupportedNode(MINIMUM_NODE_VERSION)).toBe(true);
  });

  it.each([
    ["20.20.2", false],
    ["22.18.9", false],
    ["v22.19.0", true],
    ["24.0.0", true],
  ])("Node %s is supported: %s", (version, supported) => {
    expect(isSupportedNode(version)).toBe(supported);
  });

  // The machine's own Node, where it is older than the minimum (the repository pins a newer one).
  const systemNode = ["/usr/bin/node", "/usr/local/bin/node"].find((path) => existsSync(path));
  it.runIf(systemNode)(
    "an older Node gets a clear message on import, not a crash inside undici",
    async () => {
      const node = systemNode as string;
      const { stdout } = await promisify(execFile)(node, ["-p", "process.versions.node"]);
      if (isSupportedNode(stdout.trim())) return;
      const error = await promisify(execFile)(node, [
        "-e",
        `require(${JSON.stringify(resolve(repo, "dist/provider/index.js"))})`,
      ]).catch((e: { stderr: string }) => e);
      expect((error as { stderr: string }).stderr).toMatch(
        new RegExp(`needs Node\\.js ${MINIMUM_NODE_VERSION.replaceAll(".", "\\.")} or later`),
      );
    },
  );
});
