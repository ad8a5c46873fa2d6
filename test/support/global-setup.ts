import { rm } from "node:fs/promises";
import type { TestProject } from "vitest/node";
import { createPackedProgram } from "../../harness/packed-program";

declare module "vitest" {
  export interface ProvidedContext {
    programDir: string;
  }
}

/** Packs and installs the package once for every suite that drives it as a user would. */
export default function setup(project: TestProject): () => Promise<void> {
  const program = createPackedProgram();
  project.provide("programDir", program.dir);
  // Removed without blocking vitest's event loop: the teardown runs while vitest still stops the
  // last test files' workers, and a synchronous removal of a program folder (thousands of files)
  // held that loop for twenty seconds on a busy machine, past the deadline of those stops
  // ("Timeout terminating forks worker").
  return () => rm(program.dir, { recursive: true, force: true });
}
