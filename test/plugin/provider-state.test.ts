import { join } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { createYamlProject, newPluginStack } from "../../harness/plugin-stack";
import type { PulumiStack, StackState } from "../../harness/pulumi-cli";
import { describeWithCli } from "../cli/cli-fixture";
import { secretFindings } from "../support/secret-scan";

// The plugin's settings as the engine keeps them: the default provider configured from the stack
// config, and an explicit provider (`pulumi:providers:huaweicloud-scm`) with settings of its own,
// for a second account. The engine writes each provider's checked config into the state as its
// inputs and outputs: a credential must be ciphertext there even when it was given in clear.

const PROVIDER_TYPE = "pulumi:providers:huaweicloud-scm";
let stackAccount: ScmEmulator;
let otherAccount: ScmEmulator;
let stack: PulumiStack;
let state: StackState;

describeWithCli(
  "the plugin's settings: stack config and an explicit provider, under the real pulumi CLI",
  () => {
    beforeAll(async () => {
      [stackAccount, otherAccount] = await Promise.all([startScmEmulator(), startScmEmulator()]);
      const version = inject("pluginVersion");
      const program = `resources:
  other-account:
    type: ${PROVIDER_TYPE}
    properties:
      token: ${otherAccount.token}
      endpoints:
        scm: ${otherAccount.url}
      maxRetries: 1
  shop:
    type: huaweicloud-scm:index:ScmExportedCertificate
    properties:
      certificateId: ${[...stackAccount.certificates.keys()][0]}
    options:
      version: ${version}
  partner:
    type: huaweicloud-scm:index:ScmExportedCertificate
    properties:
      certificateId: ${[...otherAccount.certificates.keys()][0]}
    options:
      provider: \${other-account}
      version: ${version}
`;
      const dir = createYamlProject(join(inject("pluginTarball"), "..", "programs"), "scm-settings", program);
      stack = await newPluginStack({
        dir,
        cliDir: inject("pulumiCliDir"),
        plugin: { tarball: inject("pluginTarball"), version },
      });
      await stack.run(["config", "set", "--plaintext", "huaweicloud-scm:token", stackAccount.token]);
      await stack.run(["config", "set", "--path", "huaweicloud-scm:endpoints.scm", stackAccount.url]);
      await stack.run(["up", "--yes", "--skip-preview"]);
      state = await stack.exportState();
    });

    afterAll(async () => {
      await Promise.all([stackAccount?.stop(), otherAccount?.stop()]);
    });

    it("each resource exports from the account its provider is configured for", () => {
      const exported = (emulator: ScmEmulator) =>
        emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/export")).length;
      expect([exported(stackAccount), exported(otherAccount)]).toEqual([1, 1]);
      const certificateOf = (name: string) =>
        state.deployment.resources?.find((r) => r.urn.endsWith(`::${name}`))?.outputs?.certificate;
      expect(certificateOf("shop")).toBe([...stackAccount.certificates.values()][0]?.certificate);
      expect(certificateOf("partner")).toBe([...otherAccount.certificates.values()][0]?.certificate);
    });

    it("each provider's token is ciphertext in the state, though the stack config holds it in clear", () => {
      const providers = state.deployment.resources?.filter((r) => r.type === PROVIDER_TYPE) ?? [];
      expect(providers.length).toBe(2);
      for (const provider of providers) {
        expect(provider.inputs?.token, provider.urn).toMatchObject({
          ciphertext: expect.stringMatching(/^v1:/),
        });
        expect(provider.outputs?.token, provider.urn).toMatchObject({
          ciphertext: expect.stringMatching(/^v1:/),
        });
        // Settings that are not secrets stay readable.
        expect(JSON.stringify(provider.inputs?.endpoints), provider.urn).toMatch(/"scm/);
      }
      // The update history keeps the stack config as it was set; the state must not repeat it.
      const tokens: [string, string][] = [
        ["the stack's token", stackAccount.token],
        ["the explicit provider's token", otherAccount.token],
      ];
      expect(secretFindings(tokens, [["stack export", JSON.stringify(state)]])).toEqual([]);
    });

    it("a misspelt key of the stack config fails the preview, naming the key and the setting meant, not its value", async () => {
      const secretValue = "a-secret-key-set-under-a-misspelt-name";
      await stack.run(["config", "set", "huaweicloud-scm:regoin", "ap-southeast-1"]);
      await stack.run(["config", "set", "--plaintext", "huaweicloud-scm:secretkey", secretValue]);
      try {
        const preview = await stack.run(["preview"], { allowFailure: true });
        const output = `${preview.stdout}${preview.stderr}`;
        expect(preview.code).not.toBe(0);
        expect(output).toContain(
          "huaweicloud-scm:regoin is not a setting of this provider; did you mean huaweicloud-scm:region?",
        );
        expect(output).toContain(
          "huaweicloud-scm:secretkey is not a setting of this provider; did you mean huaweicloud-scm:secretKey?",
        );
        expect(secretFindings([["the misspelt secret key", secretValue]], [["preview", output]])).toEqual([]);
      } finally {
        await stack.run(["config", "rm", "huaweicloud-scm:regoin"]);
        await stack.run(["config", "rm", "huaweicloud-scm:secretkey"]);
      }
      expect((await stack.run(["preview", "--expect-no-changes"])).stdout).toMatch(
        /Resources:\s+\d+ unchanged/,
      );
    });
  },
);
