import type { TestProject } from "vitest/node";
import { createX509Fixtures, type X509Fixtures } from "../x509/fixtures";

declare module "vitest" {
  export interface ProvidedContext {
    x509Fixtures: X509Fixtures;
  }
}

/** Generates the X.509 fixtures once per run (about 40 `openssl` processes), for every suite. */
export default function setup(project: TestProject): () => void {
  const { cleanup, ...fixtures } = createX509Fixtures();
  project.provide("x509Fixtures", fixtures);
  return cleanup;
}
