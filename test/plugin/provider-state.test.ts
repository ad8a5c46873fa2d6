import { join } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { createYamlProject, newPluginStack } from "../../harness/plugin-stack";
import type { PulumiStack } from "../../harness/pulumi-cli";
import { describeWithCli } from "../cli/cli-fixture";
import { secretFindings } from "../support/secret-scan";

// The engine writes a provider's checked config into the state as the provider's inputs and
// outputs: a credential must be ciphertext there even when the stack config holds it in clear.

let emulator: ScmEmulator;
let stack: PulumiStack;

describeWithCli("the plugin's settings in the state, under the real pulumi CLI", () => {
  beforeAll(async () => {
    emulator = await startScmEmulator();
    const certificateId = [...emulator.certificates.keys()][0] as string;
    const program = [
      "resources:",
      "  shop:",
      "    type: huaweicloud-scm:index:ScmExportedCertificate",
      "    properties:",
      `      certificateId: ${certificateId}`,
      "    options:",
      `      version: ${inject("pluginVersion")}`,
      "",
    ].join("\n");
    const dir = createYamlProject(join(inject("pluginTarball"), "..", "programs"), "scm-settings", program);
    stack = await newPluginStack({
      dir,
      cliDir: inject("pulumiCliDir"),
      plugin: { tarball: inject("pluginTarball"), version: inject("pluginVersion") },
    });
    await stack.run(["config", "set", "--plaintext", "huaweicloud-scm:token", emulator.token]);
    await stack.run(["config", "set", "--path", "huaweicloud-scm:endpoints.scm", emulator.url]);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("a token set with config set --plaintext is ciphertext in the default provider's state", async () => {
    await stack.run(["up", "--yes", "--skip-preview"]);
    const state = await stack.exportState();
    const provider = state.deployment.resources?.find((r) => r.type === "pulumi:providers:huaweicloud-scm");
    expect(provider?.inputs?.token).toMatchObject({ ciphertext: expect.stringMatching(/^v1:/) });
    expect(provider?.outputs?.token).toMatchObject({ ciphertext: expect.stringMatching(/^v1:/) });
    // Settings that are not secrets stay readable.
    expect(JSON.stringify(provider?.inputs?.endpoints)).toContain(emulator.url);
    // The update history keeps the stack config as it is set; the state must not repeat it.
    expect(
      secretFindings([["the token", emulator.token]], [["stack export", JSON.stringify(state)]]),
    ).toEqual([]);
  });
});
