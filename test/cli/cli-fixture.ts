import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, inject } from "vitest";
import { type CliResult, createProject, PulumiStack } from "../../harness/pulumi-cli";
import { filesUnder } from "../../harness/secret-scan";
import type { NamedText } from "../support/secret-scan";

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

export { filesUnder };

/**
 * Everything a stack's user could read, as texts to scan for secrets: the backend's files (its
 * checkpoints and their backups), the project's YAML (its config), and each command's output and
 * engine events. Pulumi's SDK logs each registration's answer, secrets in plain text, at debug
 * level (shown with --debug or -v only): every other event is scanned.
 */
export function stackTexts(stack: PulumiStack, results: readonly CliResult[]): NamedText[] {
  return [
    ...filesUnder(stack.backend).map(({ path, text }): NamedText => [path, text]),
    ...filesUnder(stack.dir)
      .filter((f) => f.path.endsWith(".yaml"))
      .map(({ path, text }): NamedText => [path, text]),
    ...results.map((r, i): NamedText => [`command ${i + 1}`, `${r.stdout}\n${r.stderr}`]),
    ...results.map(
      (r, i): NamedText => [
        `events of command ${i + 1}`,
        JSON.stringify(r.events.filter((e) => e.diagnosticEvent?.severity !== "debug")),
      ],
    ),
  ];
}
