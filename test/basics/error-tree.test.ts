import { describe, expect, it, vi } from "vitest";

// `instanceof` on the package's errors holds across two copies of the package (a program and its
// dynamic-provider host may load different ones), and within one copy whatever a bundler named
// the classes: the provider plugin is one esbuild bundle, which renames a class that refers to
// itself (`class _ScmApiError`).

type Errors = typeof import("../../provider/errors.js");

/** A fresh copy of the error module, as another install of the package would load it. */
async function copyOfErrors(): Promise<Errors> {
  vi.resetModules();
  return import("../../provider/errors.js");
}

const details = { operation: "export of scs1627959834994", status: 400, errorCode: "SCM.0020" };

describe("instanceof on the package's errors", () => {
  it("holds across two copies of the package, and only for the class thrown", async () => {
    const [one, other] = [await copyOfErrors(), await copyOfErrors()];
    expect(one.ScmApiError).not.toBe(other.ScmApiError);
    const error = new other.ScmApiError(details);
    expect(error).toBeInstanceOf(one.ScmApiError);
    expect(error).toBeInstanceOf(one.ScmError);
    expect(error).not.toBeInstanceOf(one.ScmTimeoutError);
    expect(new Error("plain")).not.toBeInstanceOf(one.ScmError);
  });

  it("holds within a copy whose classes a bundler named otherwise", async () => {
    const bundled = await copyOfErrors();
    Object.defineProperty(bundled.ScmApiError, "name", { value: "_ScmApiError" });
    const error = new bundled.ScmApiError(details);
    expect(error).toBeInstanceOf(bundled.ScmApiError);
    expect(error.withHint("another hint")).toBeInstanceOf(bundled.ScmApiError);
    expect(new bundled.ScmTimeoutError("slow")).not.toBeInstanceOf(bundled.ScmApiError);
  });
});
