import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// A program that declares resources runs in its own process, before any provider host: it should
// load the resource class, not the SCM client, HTTP, validation or X.509 code. Checked on the
// built package, as a program loads it.

const dist = resolve(__dirname, "../../dist/provider/index.js");

function run(args: string[]): Promise<string> {
  return new Promise((done, fail) =>
    execFile(process.execPath, args, { cwd: resolve(__dirname, "../..") }, (error, stdout, stderr) =>
      error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout),
    ),
  );
}

const dynamicProvider = resolve(__dirname, "../../dist/provider/resource/dynamic-provider.js");

/** The packages and package files a fresh process has loaded after `expression` (which may await). */
async function loadedBy(expression: string): Promise<string[]> {
  const script = `require("@pulumi/pulumi"); const before = new Set(Object.keys(require.cache));
    (async () => { const pkg = require(${JSON.stringify(dist)}); ${expression}; })().then(() =>
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((p) => !before.has(p)))));`;
  return JSON.parse(await run(["-e", script])) as string[];
}

describe("what a program loads", () => {
  it("declaring a resource loads neither undici, zod, the client nor the PKCS#12 writer", async () => {
    const loaded = await loadedBy("pkg.ScmExportedCertificate");
    expect(loaded.length).toBeGreaterThan(0);
    for (const heavy of [
      "/undici/",
      "/zod/",
      "scm-client.js",
      "pfx.js",
      "/http/",
      "certificate-outputs.js",
    ]) {
      expect(
        loaded.filter((path) => path.includes(heavy)),
        heavy,
      ).toEqual([]);
    }
  });

  it("the provider loads on first use, without the SCM client or undici", async () => {
    const loaded = await loadedBy("pkg.scmExportedCertificateProvider.create");
    expect(loaded.some((path) => path.endsWith("scm-exported-certificate-provider.js"))).toBe(true);
    // `check` by certificate id sends nothing: the client and undici wait for the first export.
    for (const heavy of ["/undici/", "scm-client.js", "scm-transport.js", "/auth/"]) {
      expect(
        loaded.filter((path) => path.includes(heavy)),
        heavy,
      ).toEqual([]);
    }
  });

  it("a host that is only configured loads nothing more; its first call loads the provider", async () => {
    const config = "{ config: { get: () => undefined } }";
    const configured = await loadedBy(
      `await require(${JSON.stringify(dynamicProvider)}).configure(${config})`,
    );
    expect(
      configured.filter(
        (path) => path.includes("scm-exported-certificate-provider") || path.includes("/zod/"),
      ),
    ).toEqual([]);
    const called = await loadedBy(
      `const p = require(${JSON.stringify(dynamicProvider)}); await p.configure(${config}); await p.delete("scs0000000000000", {})`,
    );
    expect(called.some((path) => path.endsWith("scm-exported-certificate-provider.js"))).toBe(true);
  });

  it("the SCM client loads undici with it", async () => {
    const loaded = await loadedBy("pkg.ScmClient");
    expect(loaded.some((path) => path.endsWith("scm-client.js"))).toBe(true);
    expect(loaded.some((path) => path.includes("/undici/"))).toBe(true);
  });

  it("an ES module imports every name, lazy ones included", async () => {
    const source = `import { ScmClient, ScmError, ScmExportedCertificate, getScmCertificates, scmExportedCertificateProvider } from ${JSON.stringify(dist)};
      process.stdout.write([ScmClient, ScmError, ScmExportedCertificate, getScmCertificates, scmExportedCertificateProvider.create].map((v) => typeof v).join(","));`;
    expect(await run(["--input-type=module", "-e", source])).toBe(
      "function,function,function,function,function",
    );
  });
});
