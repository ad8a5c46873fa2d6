/**
 * What the emulator's command takes on its standard input, one command a line, so a renewal can be
 * tried against a stack without writing code: `renew <domain or id>`.
 */

import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { EmulatedCertificate, ScmEmulator } from "./types";

export const COMMANDS_HINT =
  "Type `renew <domain or certificate id>` and Enter to renew a certificate as SCM does: a new id, the old one kept.";

/** The certificate a name stands for: the id itself, else the domain's certificate that expires last. */
function certificateNamed(scm: ScmEmulator, name: string): EmulatedCertificate | undefined {
  const byId = scm.certificates.get(name);
  if (byId) return byId;
  const forDomain = [...scm.certificates.values()].filter((c) => c.domain === name.toLowerCase());
  return forDomain.sort((a, b) => b.notAfter.getTime() - a.notAfter.getTime())[0];
}

/** Runs one command line and returns what to print. */
export async function runCommand(scm: ScmEmulator, line: string): Promise<string> {
  const [command, name, ...rest] = line.trim().split(/\s+/);
  if (command === "" || command === undefined) return "";
  if (command !== "renew" || name === undefined || rest.length > 0) return COMMANDS_HINT;
  const old = certificateNamed(scm, name);
  if (!old) return `No certificate has the id or domain ${name}.`;
  const renewed = await scm.renewCertificate(old.id);
  return `Renewed ${old.domain}: ${renewed.id} (expires ${renewed.notAfter.toISOString()}) beside ${old.id} (expires ${old.notAfter.toISOString()}).`;
}

/** Reads commands from `input` until it ends; the emulator keeps serving after that. */
export function acceptCommands(scm: ScmEmulator, input: Readable, print: (text: string) => void): void {
  // A background job that reads its terminal is stopped by SIGTTIN, and a stopped emulator answers
  // nothing. Ignored, the read fails instead and ends the commands, not the emulator.
  process.on("SIGTTIN", () => {});
  input.on("error", () => {});
  createInterface({ input }).on("line", (line) => {
    runCommand(scm, line).then(
      (text) => text && print(text),
      (error: unknown) => print(error instanceof Error ? error.message : String(error)),
    );
  });
}
