import { afterAll, beforeAll, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { diagnosticsOf, type PulumiStack } from "../../harness/pulumi-cli";
import { unknownIdFault } from "../support/scm-faults";
import { certificateUrn, describeWithCli, diagnosticsSection, newStack } from "./cli-fixture";

// `pulumi refresh` under the real CLI: content changed in SCM is picked up, a failing SCM leaves
// the state exactly as it was, and only a certificate that is really gone leaves it: SCM no longer
// knowing its id, and the account's listing no longer holding it.

let emulator: ScmEmulator;
let stack: PulumiStack;
let held: EmulatedCertificate;

// Secrets in plain text: the backend encrypts them anew, with a fresh nonce, each time it writes.
const resourcesOf = async () => (await stack.exportState({ showSecrets: true })).deployment.resources ?? [];

describeWithCli("pulumi refresh, under the real CLI", () => {
  let urn: string;

  beforeAll(async () => {
    emulator = await startScmEmulator();
    held = [...emulator.certificates.values()].find((c) => c.keyType === "ec") as EmulatedCertificate;
    stack = await newStack("listener", {
      HW_SCM_ENDPOINT: emulator.url,
      HW_AUTH_TOKEN: emulator.token,
      HW_MAX_RETRIES: "0",
    });
    urn = certificateUrn(stack, "scm-listener", "shop");
    await stack.run(["config", "set", "certificateId", held.id]);
    await stack.run(["up", "--yes"]);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("picks up new content under the same id", async () => {
    const rotated = await emulator.rotateCertificate(held.id);
    expect(rotated.certificate).not.toBe(held.certificate);
    await stack.run(["refresh", "--yes", "--skip-preview"]);
    const resource = (await resourcesOf()).find((r) => r.urn === urn);
    expect(resource?.outputs?.certificate).toBe(rotated.certificate);
    expect(resource?.outputs?.privateKey).toMatchObject({ plaintext: JSON.stringify(rotated.privateKey) });
  });

  it("fails when SCM fails, and leaves the state exactly as it was", async () => {
    const before = await resourcesOf();
    emulator.setFault({ kind: "status", status: 500, errorCode: "SCM.0500", errorMessage: "internal error" });
    try {
      const refresh = await stack.run(["refresh", "--yes", "--skip-preview"], { allowFailure: true });
      expect(refresh.code).not.toBe(0);
      const errors = diagnosticsOf(refresh).filter((d) => d.severity === "error");
      expect(errors.map((d) => d.message).join("\n")).toMatch(
        new RegExp(`SCM export of ${held.id} failed: 500 SCM\\.0500`),
      );
    } finally {
      emulator.clearFaults();
    }
    expect(await resourcesOf()).toEqual(before);
  });

  it("keeps a certificate SCM says it does not know while its listing still holds it", async () => {
    const before = await resourcesOf();
    emulator.setFault(unknownIdFault(), { certificateId: held.id });
    try {
      const refresh = await stack.run(["refresh", "--yes", "--skip-preview"], { allowFailure: true });
      expect(refresh.code).not.toBe(0);
      const errors = diagnosticsOf(refresh).filter((d) => d.severity === "error");
      expect(errors.map((d) => d.message).join("\n")).toMatch(
        new RegExp(
          `SCM export of ${held.id} failed: 400 SCM\\.0020 .*SCM's listing of this account still holds the certificate, so it is not gone\\..* The state keeps the certificate\\.`,
        ),
      );
    } finally {
      emulator.clearFaults();
    }
    expect(await resourcesOf()).toEqual(before);
  });

  it("removes a certificate deleted in SCM, once the account's listing confirms it, with a warning on the resource", async () => {
    emulator.deleteCertificate(held.id);
    const refresh = await stack.run(["refresh", "--yes", "--skip-preview"]);
    expect(diagnosticsOf(refresh).filter((d) => d.severity === "warning")).toEqual([
      {
        urn,
        severity: "warning",
        message: expect.stringMatching(
          new RegExp(
            `^${held.id} no longer exists in SCM: the export answered 400 SCM\\.0020, request id [0-9a-f]{32}, and the account's listing \\(\\d+ certificates in every status and every enterprise project these credentials can list\\) does not hold it\\. Removing it from the state\\.$`,
          ),
        ),
      },
    ]);
    expect(diagnosticsSection(refresh.stdout)).toMatch(
      /pulumi-nodejs:dynamic:ScmExportedCertificate \(shop\):\n\s+warning: \S+ no longer exists in SCM/,
    );
    expect(refresh.stdout).toMatch(/- 1 deleted/);
    expect((await resourcesOf()).map((r) => r.urn)).not.toContain(urn);
  });
});
