import { inject } from "vitest";
import type { X509Fixtures } from "./fixtures";

/** The X.509 fixtures of this run, generated once by test/support/x509-global-setup.ts. */
export function x509Fixtures(): X509Fixtures {
  return inject("x509Fixtures");
}
