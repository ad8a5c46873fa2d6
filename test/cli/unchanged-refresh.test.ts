import { afterAll, beforeAll, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import type { PulumiStack } from "../../harness/pulumi-cli";
import { certificateUrn, describeWithCli, newStack } from "./cli-fixture";

// Nothing changes when nothing changed in SCM: after `up` and a `refresh`, a preview that expects
// no changes passes, with a consumer of `pfx` and `encryptedPrivateKey` (a key vault would make a
// new certificate version on every change). New content in SCM does reach the consumer.

let emulator: ScmEmulator;
let stack: PulumiStack;
let held: EmulatedCertificate;

describeWithCli("a refresh with nothing new in SCM, under the real CLI", () => {
  let urn: string;
  const keyForms = async () => {
    const state = await stack.exportState({ showSecrets: true });
    const outputs = state.deployment.resources?.find((r) => r.urn === urn)?.outputs ?? {};
    return { pfx: outputs.pfx, encryptedPrivateKey: outputs.encryptedPrivateKey };
  };

  beforeAll(async () => {
    emulator = await startScmEmulator();
    held = [...emulator.certificates.values()].find((c) => c.keyType === "ec") as EmulatedCertificate;
    stack = await newStack("keystore-consumer", {
      HW_SCM_ENDPOINT: emulator.url,
      HW_AUTH_TOKEN: emulator.token,
      HW_MAX_RETRIES: "0",
    });
    urn = certificateUrn(stack, "scm-keystore-consumer", "shop");
    await stack.run(["config", "set", "certificateId", held.id]);
    await stack.run(["config", "set", "--secret", "pfxPassword", "pfx-pässword"]);
    await stack.run(["config", "set", "--secret", "keyPassphrase", "key-passphrase"]);
    await stack.run(["up", "--yes"]);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("keeps pfx and encryptedPrivateKey byte for byte, so the next preview has nothing to do", async () => {
    const before = await keyForms();
    expect(before.pfx).toBeTruthy();
    expect(before.encryptedPrivateKey).toBeTruthy();
    const refresh = await stack.run(["refresh", "--yes", "--skip-preview"]);
    const preview = await stack.run(["preview", "--expect-no-changes", "--diff"], { allowFailure: true });
    console.log(
      `$ pulumi refresh --yes --skip-preview\n${refresh.stdout}\n$ pulumi preview --expect-no-changes --diff\n${preview.stdout}${preview.stderr}`,
    );
    expect(preview.code).toBe(0);
    expect(await keyForms()).toEqual(before);
  });

  it("rebuilds them when SCM serves new content under the same id, and the consumer follows", async () => {
    const before = await keyForms();
    await emulator.rotateCertificate(held.id);
    await stack.run(["refresh", "--yes", "--skip-preview"]);
    const after = await keyForms();
    expect(after.pfx).not.toEqual(before.pfx);
    expect(after.encryptedPrivateKey).not.toEqual(before.encryptedPrivateKey);
    const preview = await stack.run(["preview", "--expect-no-changes"], { allowFailure: true });
    expect(preview.code).not.toBe(0);
    await stack.run(["up", "--yes"]);
    const outputs = JSON.parse((await stack.run(["stack", "output", "--json"])).stdout) as {
      vaultVersion: number;
    };
    expect(outputs.vaultVersion).toBe(2);
  });
});
