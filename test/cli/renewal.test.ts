import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { diagnosticsOf, type PulumiStack } from "../../harness/pulumi-cli";
import { certificateUrn, describeWithCli, diagnosticsSection, newStack } from "./cli-fixture";

// The renewal story under the real CLI: a certificate renewed in SCM under a new id, seen at
// preview, taken by `up`, and passed on to the listener that consumes it.

const DOMAIN = "shop.example.com";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let emulator: ScmEmulator;
let stack: PulumiStack;
let first: EmulatedCertificate;
let renewed: EmulatedCertificate;

async function outputs(): Promise<Record<string, string>> {
  return JSON.parse((await stack.run(["stack", "output", "--json", "--show-secrets"])).stdout);
}

describeWithCli("a certificate renewed in SCM, under the real pulumi CLI", () => {
  let urn: string;

  beforeAll(async () => {
    emulator = await startScmEmulator();
    first = [...emulator.certificates.values()].find((c) => c.domain === DOMAIN) as EmulatedCertificate;
    stack = await newStack("listener", { HW_SCM_ENDPOINT: emulator.url, HW_AUTH_TOKEN: emulator.token });
    urn = certificateUrn(stack, "scm-listener", "shop");
    await stack.run(["config", "set", "domain", DOMAIN]);
    await stack.run(["up", "--yes"]);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("up selected the certificate covering the domain and gave it to the listener", async () => {
    expect(await outputs()).toMatchObject({
      certificateId: first.id,
      listenerCertificateSha256: sha256(`${first.certificate}${first.certificateChain}`),
      listenerPrivateKeySha256: sha256(first.privateKey),
    });
  });

  it("a preview with nothing new in SCM plans no change and costs one listing", async () => {
    emulator.resetLog();
    const preview = await stack.run(["preview"]);
    expect(preview.stdout).toMatch(/Resources:\s+3 unchanged/);
    expect(diagnosticsOf(preview).filter((d) => d.severity !== "debug")).toEqual([]);
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v3/scm/certificates"]);
  });

  it("preview names the certificate that replaces which, as a diagnostic, and marks the changed input", async () => {
    renewed = await emulator.renewCertificate(first.id);
    const preview = await stack.run(["preview"]);
    const notices = diagnosticsOf(preview).filter((d) => d.severity === "info");
    expect(notices).toEqual([
      {
        urn,
        severity: "info",
        message: expect.stringContaining(`${DOMAIN}: SCM now selects ${renewed.id}`),
      },
    ]);
    expect(notices[0]?.message).toContain(`in place of ${first.id}`);
    const section = diagnosticsSection(preview.stdout);
    expect(section).toContain("pulumi-nodejs:dynamic:ScmExportedCertificate (shop):");
    expect(section).toContain(`SCM now selects ${renewed.id}`);
    // The plan says why the resource updates: the certificate `check` selected changed.
    expect(preview.stdout).toMatch(
      /~ {2}pulumi-nodejs:dynamic:ScmExportedCertificate shop update \[diff: ~selectedCertificateId\]/,
    );
    expect(preview.stdout).toMatch(/~ 2 to update/);
    expect(preview.stdout).not.toMatch(/\[runtime\]|\(node:\d+\)/);
    const detailed = await stack.run(["preview", "--diff"]);
    expect(detailed.stdout).toContain(`~ selectedCertificateId: "${first.id}" => "${renewed.id}"`);
  });

  it("with the engine's logging flags, which it hands the provider host before its address, the notice is still on the resource", async () => {
    const preview = await stack.run(["preview", "--logflow", "--logtostderr", "-v=1"]);
    const section = diagnosticsSection(preview.stdout);
    expect(section).toContain("pulumi-nodejs:dynamic:ScmExportedCertificate (shop):");
    expect(section).toContain(`SCM now selects ${renewed.id}`);
  });

  it("up moves to the new certificate, and the listener is updated with it", async () => {
    const up = await stack.run(["up", "--yes"]);
    expect(up.stdout).toMatch(/~ 2 updated/);
    expect(await outputs()).toMatchObject({
      certificateId: renewed.id,
      privateKey: renewed.privateKey,
      listenerCertificateSha256: sha256(`${renewed.certificate}${renewed.certificateChain}`),
      listenerPrivateKeySha256: sha256(renewed.privateKey),
    });
  });

  it("after the move, a preview is quiet again", async () => {
    const preview = await stack.run(["preview"]);
    expect(preview.stdout).toMatch(/Resources:\s+3 unchanged/);
  });

  it("a domain nothing in SCM covers fails the preview, naming the domain", async () => {
    await stack.run(["config", "set", "domain", "nothing.example.org"]);
    const preview = await stack.run(["preview"], { allowFailure: true });
    expect(preview.code).not.toBe(0);
    const errors = diagnosticsOf(preview).filter((d) => d.severity === "error");
    expect(errors.map((d) => d.message).join("\n")).toMatch(
      /resource 'shop': property domain value \{nothing\.example\.org\} has a problem: No ISSUED or UPLOAD certificate in SCM covers nothing\.example\.org/,
    );
    await stack.run(["config", "set", "domain", DOMAIN]);
  });
});
