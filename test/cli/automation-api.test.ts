import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as automationApi from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { localBackendEnv } from "../../harness/pulumi-cli";
import { describeWithCli } from "./cli-fixture";

// The Automation API with an inline program, as many users drive Pulumi: the program runs in this
// process, the real CLI runs the engine, and the preview's diagnostics reach its output and events.

const DOMAIN = "shop.example.com";

let emulator: ScmEmulator;
let first: EmulatedCertificate;
let stack: automationApi.Stack;
const testCwd = process.cwd();

describeWithCli("the Automation API with an inline program", () => {
  beforeAll(async () => {
    emulator = await startScmEmulator();
    first = [...emulator.certificates.values()].find((c) => c.domain === DOMAIN) as EmulatedCertificate;
    // The SDK, its automation module and the package as the program folder has them, as a user's
    // program loads them: one copy of @pulumi/pulumi, and the package from node_modules.
    const programDir = inject("cliProgramDir");
    const load = createRequire(join(programDir, "package.json"));
    const automation = load("@pulumi/pulumi/automation") as typeof automationApi;
    const scm = load("pulumi-huaweicloud-scm") as typeof import("../../provider");
    const workDir = mkdtempSync(join(programDir, "automation-"));
    // An inline program's plugins start in its process's folder, where a user's node_modules is.
    process.chdir(workDir);
    const cliDir = inject("pulumiCliDir");
    const pulumiCommand = await automation.PulumiCommand.get({
      root: dirname(cliDir),
      skipVersionCheck: true,
    });
    stack = await automation.LocalWorkspace.createStack(
      {
        stackName: "dev",
        projectName: "scm-automation",
        program: async () => {
          const cert = new scm.ScmExportedCertificate("shop", { domain: DOMAIN });
          return { certificateId: cert.certificateId, privateKey: cert.privateKey };
        },
      },
      {
        pulumiCommand,
        workDir,
        envVars: {
          ...localBackendEnv({ cliDir, backendDir: mkdtempSync(join(workDir, ".backend-")) }),
          HW_SCM_ENDPOINT: emulator.url,
          HW_AUTH_TOKEN: emulator.token,
        },
      },
    );
    await stack.up();
  });

  afterAll(async () => {
    process.chdir(testCwd);
    await emulator?.stop();
  });

  it("up exported the certificate covering the domain, the key as a secret", async () => {
    const outputs = await stack.outputs();
    expect(outputs.certificateId).toEqual({ value: first.id, secret: false });
    expect(outputs.privateKey).toEqual({ value: first.privateKey, secret: true });
  });

  it("a preview's output and events carry the renewal notice, on the resource", async () => {
    const renewed = await emulator.renewCertificate(first.id);
    let output = "";
    const diagnostics: { urn?: string; severity: string; message: string }[] = [];
    const preview = await stack.preview({
      onOutput: (text) => {
        output += text;
      },
      onEvent: (event) => {
        if (event.diagnosticEvent) diagnostics.push(event.diagnosticEvent);
      },
    });
    expect(preview.changeSummary).toMatchObject({ update: 1 });
    expect(output).toContain(`SCM now selects ${renewed.id}`);
    expect(output).not.toMatch(/\[runtime\]|\(node:\d+\)/);
    expect(diagnostics.filter((d) => d.severity === "info")).toEqual([
      expect.objectContaining({
        urn: "urn:pulumi:dev::scm-automation::pulumi-nodejs:dynamic:ScmExportedCertificate::shop",
        message: expect.stringContaining(`${DOMAIN}: SCM now selects ${renewed.id} (expires`),
      }),
    ]);
  });

  it("up moves to the renewed certificate", async () => {
    const result = await stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
    const outputs = await stack.outputs();
    expect(outputs.certificateId?.value).not.toBe(first.id);
  });
});
