import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, inject } from "vitest";
import { createProject, PulumiStack } from "../../harness/pulumi-cli";

/** `describe`, skipped where no pulumi CLI could be had (never in CI: the setup fails there). */
export function describeWithCli(name: string, suite: () => void): void {
  // Each suite is one stack's story, command after command (preview, up, refresh, destroy): its
  // steps keep their order when the run is shuffled; the files themselves are shuffled.
  describe.skipIf(inject("pulumiCliMissing") !== "")(name, { shuffle: false }, suite);
}

/**
 * A project running `programs/<program>.ts` as its `index.ts`, in the packed install, and a new
 * stack of it on a file backend of its own, with this environment.
 */
export async function newStack(
  program: string,
  env: Record<string, string>,
  stackName = "dev",
): Promise<PulumiStack> {
  const source = readFileSync(join(__dirname, "programs", `${program}.ts`), "utf8");
  const dir = createProject(inject("cliProgramDir"), `scm-${program}`, { "index.ts": source });
  const stack = new PulumiStack(dir, stackName, inject("pulumiCliDir"), env);
  await stack.run(["stack", "init"]);
  return stack;
}

/** The `Diagnostics:` section of a command's output, as a person reads it. */
export function diagnosticsSection(stdout: string): string {
  const start = stdout.indexOf("Diagnostics:");
  if (start < 0) return "";
  const end = stdout.slice(start).search(/\n(Outputs|Resources):/);
  return stdout.slice(start, end < 0 ? undefined : start + end);
}

/** The URN of a resource of this package in a stack of `project`. */
export function certificateUrn(stack: PulumiStack, project: string, name: string): string {
  return `urn:pulumi:${stack.name}::${project}::pulumi-nodejs:dynamic:ScmExportedCertificate::${name}`;
}

export { filesUnder } from "../../harness/secret-scan";
