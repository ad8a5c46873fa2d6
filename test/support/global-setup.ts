import type { TestProject } from "vitest/node";
import { createPackedProgram } from "../../harness/packed-program";

declare module "vitest" {
  export interface ProvidedContext {
    programDir: string;
  }
}

/** Packs and installs the package once for every suite that drives it as a user would. */
export default function setup(project: TestProject): () => void {
  const program = createPackedProgram();
  project.provide("programDir", program.dir);
  return program.remove;
}
