import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { expect, inject, it } from "vitest";

/**
 * The emulator's command as npm installs it from the tarball, in a program folder that has the
 * package and Pulumi's SDK but not the emulator's optional peer dependencies.
 */

const command = () => join(inject("programDir"), "node_modules", ".bin", "pulumi-huaweicloud-scm-emulator");

/** Runs the installed command by its shebang, with this Node.js first on the PATH. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
  try {
    const { stdout, stderr } = await promisify(execFile)(command(), args, { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

it("is installed as pulumi-huaweicloud-scm-emulator, and --help prints its usage", async () => {
  const { code, stdout } = await run(["--help"]);
  expect(code).toBe(0);
  expect(stdout).toMatch(/^Usage: pulumi-huaweicloud-scm-emulator \[--https\]/);
});

it("without its optional peer dependencies, says which to install instead of a stack trace", async () => {
  const { code, stdout, stderr } = await run([]);
  expect(code).toBe(1);
  expect(stdout).toBe("");
  expect(stderr.trim()).toBe(
    "The emulator needs the optional peer dependencies of pulumi-huaweicloud-scm: npm install @peculiar/x509 reflect-metadata",
  );
});
