import { execFile, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { collectOutput, firstLine } from "../../harness/child-output";
import { MINIMUM_NODE_VERSION } from "../../provider/node-version";

// The plugin's executable runs the bundle on the user's own Node.js, found on the PATH: one too
// old, or none, is refused with a message saying what is needed.

const folders: string[] = [];

/** A PATH holding only a `node` that says it is `version`, and the shell's own tools. */
function pathWithNode(version: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "scm-fake-node-"));
  folders.push(dir);
  if (version) {
    writeFileSync(
      join(dir, "node"),
      `#!/bin/sh\n[ "$1" = --version ] && echo ${version} && exit 0\nexit 3\n`,
    );
    chmodSync(join(dir, "node"), 0o755);
  }
  return [dir, "/usr/bin", "/bin"].join(":");
}

/** Runs the executable as the engine does, with this PATH; resolves with its exit code and stderr. */
async function start(path: string): Promise<{ code: number; stderr: string }> {
  const run = promisify(execFile)(inject("pluginExecutable"), ["127.0.0.1:1"], { env: { PATH: path } });
  return run.then(
    () => ({ code: 0, stderr: "" }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("the plugin's executable", () => {
  it.each(["v22.18.9", "v20.20.2", "v18.0.0"])(
    "refuses Node %s, naming the version it needs",
    async (version) => {
      expect(await start(pathWithNode(version))).toEqual({
        code: 1,
        stderr: `pulumi-resource-huaweicloud-scm needs Node.js ${MINIMUM_NODE_VERSION} or later on the PATH; this one is ${version}.\n`,
      });
    },
  );

  it("without a Node.js on the PATH, says so", async () => {
    const path = pathWithNode(undefined).split(":")[0] as string;
    const { code, stderr } = await start(path);
    expect(code).toBe(1);
    expect(stderr).toMatch(/needs Node\.js .* on the PATH; none was found\./);
  });

  it.each(["v22.19.0", "v24.1.0"])("starts the bundle on Node %s", async (version) => {
    // The stand-in `node` exits with 3 once the launcher has run it with the bundle.
    expect((await start(pathWithNode(version))).code).toBe(3);
  });

  it.each([
    [["127.0.0.1:1"]],
    [["--logtostderr", "-v=9", "127.0.0.1:1"]],
    [["--logtostderr", "-v=3", "--tracing", "127.0.0.1:2", "127.0.0.1:1"]],
  ])(
    "on this Node.js, started with %j as the engine starts it, prints the port it serves on",
    async (args) => {
      // `pulumi --logflow -v=N` and `--tracing` put these flags before the engine's address.
      const plugin = spawn(inject("pluginExecutable"), args, {
        env: { PATH: [dirname(process.execPath), "/usr/bin", "/bin"].join(":") },
      });
      const output = collectOutput(plugin);
      const port = await firstLine(plugin, output, "the plugin").finally(() => plugin.kill());
      expect(output.stdout()).toMatch(/^\d+\n$/);
      expect(output.stdout()).toBe(`${port}\n`);
    },
  );
});
