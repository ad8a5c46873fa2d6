import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { createPackedProgram } from "../../harness/packed-program";
import { findOrBuildPulumiCli } from "../../harness/pulumi-cli";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder of the real `pulumi` CLI; empty when none could be had (never in CI). */
    pulumiCliDir: string;
    /** Why the real-engine suite does not run here, in one line; empty when it does. */
    pulumiCliMissing: string;
    /** A program folder with the package installed from its tarball, TypeScript included. */
    cliProgramDir: string;
  }
}

/**
 * Finds or builds the real `pulumi` CLI and installs the package as a user does, once for the
 * real-engine suite. In CI a missing CLI fails the run: that suite is never skipped there.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cliDir = "";
  let missing = "";
  try {
    cliDir = await findOrBuildPulumiCli();
  } catch (error) {
    missing = (error as Error).message;
    if (process.env.CI) throw new Error(`The real-engine suite (test/cli) needs a pulumi CLI: ${missing}`);
    process.stderr.write(`test/cli skipped: ${missing}\n`);
  }
  const program = missing ? undefined : createPackedProgram({ typescript: true });
  project.provide("pulumiCliDir", cliDir);
  project.provide("pulumiCliMissing", missing);
  project.provide("cliProgramDir", program?.dir ?? "");
  // Removed without blocking: see global-setup.ts.
  return async () => {
    if (program) await rm(program.dir, { recursive: true, force: true });
  };
}
