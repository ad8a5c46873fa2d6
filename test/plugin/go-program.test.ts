import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { goCacheEnv } from "../../harness/go-toolchain";
import { copyProject, newPluginStack } from "../../harness/plugin-stack";
import type { CliResult, PulumiStack } from "../../harness/pulumi-cli";
import { stackTexts } from "../cli/cli-fixture";
import { type NamedSecret, privateKeySecrets, secretFindings } from "../support/secret-scan";
import { describeWithSdkTools, recordedCommands } from "./plugin-fixture";

// A Pulumi Go program (programs/go) on the plugin's Go SDK, as a user makes one: the plugin
// installed from its tarball into an empty PULUMI_HOME, the SDK generated into the project with
// `pulumi package add`, then up and destroy under the real CLI against the emulator. Its first
// build takes minutes on 2 cores; Go's caches make every one after it take seconds.

const PROJECT = "scm-go";
let emulator: ScmEmulator;
let stack: PulumiStack;
let shop: EmulatedCertificate;
const results: CliResult[] = [];
const CERTIFICATE = "huaweicloud-scm:index:ScmExportedCertificate";
const LISTENER = "scm-go:index:Listener";
const { pulumi, outputs } = recordedCommands(() => stack, results);

describeWithSdkTools(
  "a Pulumi Go program on the plugin's generated Go SDK, under the real pulumi CLI",
  () => {
    beforeAll(async () => {
      emulator = await startScmEmulator();
      shop = [...emulator.certificates.values()][1] as EmulatedCertificate;
      const go = inject("goCommand");
      const cliDir = inject("pulumiCliDir");
      const dir = copyProject(
        join(inject("pluginTarball"), "..", "programs"),
        PROJECT,
        join(__dirname, "programs", "go"),
      );
      stack = await newPluginStack({
        dir,
        cliDir,
        plugin: { tarball: inject("pluginTarball"), version: inject("pluginVersion") },
        env: {
          ...goCacheEnv(go),
          // The language host builds the program with the go command on the PATH.
          PATH: [cliDir, dirname(process.execPath), dirname(go), process.env.PATH].join(delimiter),
        },
      });
      const added = await pulumi(["package", "add", `huaweicloud-scm@${inject("pluginVersion")}`]);
      expect(added.stdout).toContain(
        "github.com/pulumi-huaweicloud-scm/pulumi-huaweicloud-scm/sdk/go/huaweicloudscm",
      );
      // The first build, with a deadline of its own: the engine's build of it then takes seconds.
      await promisify(execFile)(go, ["build", "-o", join(dir, ".program"), "."], {
        cwd: dir,
        env: stack.env,
        timeout: 840_000,
      });
      await pulumi(["config", "set", "domain", shop.domain]);
      await pulumi(["config", "set", "--secret", "huaweicloud-scm:token"], { stdin: emulator.token });
      await pulumi(["config", "set", "--path", "huaweicloud-scm:endpoints.scm", emulator.url]);
    }, 900_000);

    afterAll(async () => {
      await emulator?.stop();
    });

    it("the SDK pulumi package add generated names the plugin's version, and Pulumi.yaml the package", () => {
      const sdk = join(stack.dir, "sdks", "huaweicloud-scm");
      expect(JSON.parse(readFileSync(join(sdk, "huaweicloudscm", "pulumi-plugin.json"), "utf8"))).toEqual({
        resource: true,
        name: "huaweicloud-scm",
        version: inject("pluginVersion"),
      });
      expect(readFileSync(join(sdk, "go.mod"), "utf8")).toMatch(
        /^module github\.com\/pulumi-huaweicloud-scm\/pulumi-huaweicloud-scm\/sdk\/go\n/,
      );
      expect(readFileSync(join(stack.dir, "Pulumi.yaml"), "utf8")).toContain(
        `huaweicloud-scm: huaweicloud-scm@${inject("pluginVersion")}`,
      );
    });

    it("up exports the certificate, wires it into the listener and lists the domain's certificates", async () => {
      const up = await pulumi(["up", "--yes"]);
      expect(up.stdout).toMatch(new RegExp(`\\+ {2}${CERTIFICATE} shop created`));
      expect(up.stdout).toMatch(new RegExp(`\\+ {2}${LISTENER} shop-https creating`));
      expect(up.stdout).toMatch(/\+ 3 created/);
      expect(await outputs()).toMatchObject({
        certificateId: shop.id,
        notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        privateKey: "[secret]",
        listenerPort: 443,
        listenerCertificate: `${shop.certificate}${shop.certificateChain}`,
        listenerPrivateKey: "[secret]",
        issued: [expect.objectContaining({ id: shop.id, domain: shop.domain, status: "ISSUED" })],
      });
      const shown = await outputs(true);
      expect(shown.privateKey).toBe(shop.privateKey);
      expect(shown.listenerPrivateKey).toBe(shop.privateKey);
    });

    it("stack export holds the key, the certificate's and the listener's, as ciphertext only", async () => {
      const state = await stack.exportState();
      const of = (type: string) => state.deployment.resources?.find((r) => r.type === type);
      for (const name of ["privateKey", "privateKeyPkcs8", "combinedPem"]) {
        expect(of(CERTIFICATE)?.outputs?.[name], name).toMatchObject({
          ciphertext: expect.stringMatching(/^v1:/),
        });
      }
      expect(of(LISTENER)?.outputs?.privateKey).toMatchObject({ ciphertext: expect.stringMatching(/^v1:/) });
      expect(of(LISTENER)?.outputs?.certificate).toBe(`${shop.certificate}${shop.certificateChain}`);
    });

    it("a second up changes nothing", async () => {
      const up = await pulumi(["up", "--yes"]);
      expect(up.stdout).toMatch(/3 unchanged/);
    });

    it("destroy deletes everything and asks SCM nothing", async () => {
      emulator.resetLog();
      const destroy = await pulumi(["destroy", "--yes", "--skip-preview"]);
      expect(destroy.stdout).toMatch(/- 3 deleted/);
      expect(emulator.requests).toEqual([]);
    });

    it("no line of the private key and not the token is in clear text in the backend, the project or any output", () => {
      const secrets: NamedSecret[] = [
        ["the token", emulator.token],
        ...privateKeySecrets(`the private key of ${shop.id}`, shop.privateKey, [
          shop.certificate,
          shop.certificateChain,
        ]),
      ];
      const texts = stackTexts(stack, results);
      expect(texts.filter(([path]) => path.endsWith(".json")).length).toBeGreaterThan(3);
      expect(secretFindings(secrets, texts)).toEqual([]);
    });
  },
);
