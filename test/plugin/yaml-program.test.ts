import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { pluginUrnOf } from "../../harness/plugin-host";
import { createYamlProject, newPluginStack } from "../../harness/plugin-stack";
import { type CliResult, diagnosticsOf, type PulumiStack } from "../../harness/pulumi-cli";
import { describeWithCli, diagnosticsSection, stackTexts } from "../cli/cli-fixture";
import { type NamedSecret, privateKeySecrets, secretFindings } from "../support/secret-scan";
import { recordedCommands } from "./plugin-fixture";

// A Pulumi YAML program using the plugin installed from its tarball, under the real CLI against
// the emulator: preview, up, stack output, refresh, a renewal, the listing, import and destroy.

const PROJECT = "scm-yaml";
const KEY_PASSPHRASE = "passphrase-of-the-encrypted-key";
let emulator: ScmEmulator;
let stack: PulumiStack;
let shop: EmulatedCertificate;
let api: EmulatedCertificate;
let renewed: EmulatedCertificate;
const results: CliResult[] = [];
const urn = (name: string) => pluginUrnOf(name, "dev", PROJECT);
const { pulumi, outputs } = recordedCommands(() => stack, results);

describeWithCli("a Pulumi YAML program with the provider plugin, under the real pulumi CLI", () => {
  beforeAll(async () => {
    emulator = await startScmEmulator();
    [shop, api] = [...emulator.certificates.values()] as [EmulatedCertificate, EmulatedCertificate];
    const program = readFileSync(join(__dirname, "programs", "certificates.yaml"), "utf8").replaceAll(
      "PLUGIN_VERSION",
      inject("pluginVersion"),
    );
    const dir = createYamlProject(join(inject("pluginTarball"), "..", "programs"), PROJECT, program);
    expect(existsSync(join(dir, ".pulumi-home"))).toBe(false);
    stack = await newPluginStack({
      dir,
      cliDir: inject("pulumiCliDir"),
      plugin: { tarball: inject("pluginTarball"), version: inject("pluginVersion") },
    });
    await pulumi(["config", "set", "certificateId", shop.id]);
    await pulumi(["config", "set", "domain", api.domain]);
    await pulumi(["config", "set", "--secret", "keyPassphrase"], { stdin: KEY_PASSPHRASE });
    await pulumi(["config", "set", "--secret", "huaweicloud-scm:token"], { stdin: emulator.token });
    await pulumi(["config", "set", "--path", "huaweicloud-scm:endpoints.scm", emulator.url]);
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("the plugin installed from its tarball into the stack's empty PULUMI_HOME, offline", async () => {
    const plugins = JSON.parse((await pulumi(["plugin", "ls", "--json"])).stdout) as {
      name: string;
      version: string;
    }[];
    expect(plugins).toEqual([
      expect.objectContaining({ name: "huaweicloud-scm", version: inject("pluginVersion") }),
    ]);
    expect(stack.env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).toBe("true");
  });

  it("preview plans both resources and the listing, asking SCM to list only", async () => {
    emulator.resetLog();
    const preview = await pulumi(["preview"]);
    expect(preview.stdout).toMatch(/\+ {2}huaweicloud-scm:index:ScmExportedCertificate byId create/);
    expect(preview.stdout).toMatch(/\+ {2}huaweicloud-scm:index:ScmExportedCertificate followed create/);
    expect(preview.stdout).toMatch(/\+ 3 to create/);
    expect(new Set(emulator.requests.map((r) => `${r.method} ${r.path}`))).toEqual(
      new Set(["GET /v3/scm/certificates"]),
    );
  });

  it("up exports both; stack output masks every form of the key, and --show-secrets shows them", async () => {
    const up = await pulumi(["up", "--yes"]);
    expect(up.stdout).toMatch(/\+ 3 created/);
    expect(await outputs()).toMatchObject({
      byIdCertificateId: shop.id,
      byIdEntireCertificate: `${shop.certificate}${shop.certificateChain}`,
      byIdPrivateKey: "[secret]",
      byIdEncryptedPrivateKey: "[secret]",
      followedCertificateId: api.id,
      followedNotAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      followedCombinedPem: "[secret]",
      followedPfx: "[secret]",
    });
    const shown = await outputs(true);
    expect(shown.byIdPrivateKey).toBe(shop.privateKey);
    expect(shown.followedCombinedPem).toBe(`${api.privateKey}${api.certificate}${api.certificateChain}`);
    expect(shown.byIdEncryptedPrivateKey).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
  });

  it("fn::invoke of getScmCertificates lists the certificates covering the domain", async () => {
    expect((await outputs()).issued).toEqual([
      expect.objectContaining({ id: api.id, domain: api.domain, status: "ISSUED" }),
    ]);
  });

  it("refresh right after up, then preview --expect-no-changes", async () => {
    const refresh = await pulumi(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.stdout).not.toMatch(/~ \d+ updated|- \d+ deleted/);
    const preview = await pulumi(["preview", "--expect-no-changes"]);
    expect(preview.stdout).toMatch(/Resources:\s+3 unchanged/);
  });

  it("a renewal in SCM: preview names it on the resource and marks the changed input, preview --diff shows it", async () => {
    renewed = await emulator.renewCertificate(api.id);
    const preview = await pulumi(["preview"]);
    expect(diagnosticsOf(preview).filter((d) => d.severity === "info")).toEqual([
      {
        urn: urn("followed"),
        severity: "info",
        message: expect.stringContaining(`${api.domain}: SCM now selects ${renewed.id}`),
      },
    ]);
    expect(diagnosticsSection(preview.stdout)).toContain(
      "huaweicloud-scm:index:ScmExportedCertificate (followed):",
    );
    expect(preview.stdout).toMatch(
      /~ {2}huaweicloud-scm:index:ScmExportedCertificate followed update \[diff: ~selectedCertificateId\]/,
    );
    const detailed = await pulumi(["preview", "--diff"]);
    expect(detailed.stdout).toContain(`~ selectedCertificateId: "${api.id}" => "${renewed.id}"`);
  });

  it("up takes the renewal, and the listing shows it", async () => {
    const up = await pulumi(["up", "--yes"]);
    expect(up.stdout).toMatch(/~ 1 updated/);
    const shown = await outputs(true);
    expect(shown.followedCertificateId).toBe(renewed.id);
    expect(shown.followedCombinedPem).toBe(
      `${renewed.privateKey}${renewed.certificate}${renewed.certificateChain}`,
    );
    expect((shown.issued as { id: string }[]).map((c) => c.id).sort()).toEqual([api.id, renewed.id].sort());
    expect((await pulumi(["preview"])).stdout).toMatch(/Resources:\s+3 unchanged/);
  });

  it("with the engine's logging flags, which it hands the plugin before its address, preview runs", async () => {
    const preview = await pulumi(["preview", "--expect-no-changes", "--logflow", "--logtostderr", "-v=1"]);
    expect(preview.stdout).toMatch(/Resources:\s+3 unchanged/);
  });

  it("pulumi import adopts a certificate by id, and the code it writes declares it without a change", async () => {
    const code = join(stack.dir, "imported.yaml");
    const imported = await pulumi([
      "import",
      "huaweicloud-scm:index:ScmExportedCertificate",
      "adopted",
      shop.id,
      "--yes",
      "--protect=false",
      "--out",
      code,
    ]);
    expect(imported.stdout).toMatch(/= 1 imported/);
    const declared = readFileSync(code, "utf8");
    expect(declared).toMatch(
      new RegExp(
        `adopted:\\n\\s+type: huaweicloud-scm:ScmExportedCertificate\\n\\s+properties:\\n\\s+certificateId: ${shop.id}\\n`,
      ),
    );
    const project = readFileSync(join(stack.dir, "Pulumi.yaml"), "utf8");
    // The declaration it wrote (a `resources:` section) goes first among the program's resources.
    writeFileSync(join(stack.dir, "Pulumi.yaml"), project.replace("resources:\n", declared));
    const preview = await pulumi(["preview", "--expect-no-changes"]);
    expect(preview.stdout).toMatch(/Resources:\s+4 unchanged/);
  });

  it("stack export holds every form of the key, and the passwords, as ciphertext only", async () => {
    const state = await stack.exportState();
    const followed = state.deployment.resources?.find((r) => r.urn === urn("followed"));
    for (const name of ["privateKey", "privateKeyPkcs8", "combinedPem", "pfx", "pfxPassword"]) {
      expect(followed?.outputs?.[name], name).toMatchObject({ ciphertext: expect.stringMatching(/^v1:/) });
    }
    const byId = state.deployment.resources?.find((r) => r.urn === urn("byId"));
    expect(byId?.inputs?.privateKeyPassphrase).toMatchObject({ ciphertext: expect.stringMatching(/^v1:/) });
    expect(byId?.outputs?.encryptedPrivateKey).toMatchObject({ ciphertext: expect.stringMatching(/^v1:/) });
  });

  it("destroy forgets everything and asks SCM nothing", async () => {
    emulator.resetLog();
    const destroy = await pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.stdout).toMatch(/- 4 deleted/);
    expect(emulator.requests).toEqual([]);
  });

  it("no line of any private key and no credential is in clear text in the backend, the project or any output", () => {
    const publicPems = [shop, api, renewed].flatMap((c) => [c.certificate, c.certificateChain]);
    const secrets: NamedSecret[] = [
      ["the token", emulator.token],
      ["the key passphrase", KEY_PASSPHRASE],
      ...[shop, api, renewed].flatMap((c) =>
        privateKeySecrets(`the private key of ${c.id}`, c.privateKey, publicPems),
      ),
    ];
    const texts = stackTexts(stack, results);
    expect(texts.filter(([path]) => path.endsWith(".json")).length).toBeGreaterThan(3);
    expect(secretFindings(secrets, texts)).toEqual([]);
  });
});
