import { createPrivateKey } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { type CliResult, diagnosticsOf, type PulumiStack } from "../../harness/pulumi-cli";
import { type NamedSecret, type NamedText, privateKeySecrets, secretFindings } from "../support/secret-scan";
import { certificateUrn, describeWithCli, diagnosticsSection, filesUnder, newStack } from "./cli-fixture";

// A TypeScript program installed from the tarball, under the real CLI: access keys set with
// `pulumi config set --secret`, an HTTPS emulator whose certificate is not verified (`insecure`),
// then preview, up, stack output, stack export, refresh and destroy.

let emulator: ScmEmulator;
let stack: PulumiStack;
let held: EmulatedCertificate;
const results: CliResult[] = [];
const PFX_PASSWORD = "pfx-password-for-the-keystore";
const KEY_PASSPHRASE = "passphrase-of-the-encrypted-key";

async function pulumi(args: string[]): Promise<CliResult> {
  const result = await stack.run(args);
  results.push(result);
  return result;
}

describeWithCli("a TypeScript program under the real pulumi CLI", () => {
  let urn: string;

  beforeAll(async () => {
    emulator = await startScmEmulator({ https: true });
    held = [...emulator.certificates.values()].find((c) => c.keyType === "rsa") as EmulatedCertificate;
    stack = await newStack("listener", {});
    urn = certificateUrn(stack, "scm-listener", "shop");
    await pulumi(["config", "set", "certificateId", held.id]);
    await pulumi(["config", "set", "huaweicloud:accessKey", emulator.accessKey.accessKey]);
    // The secret key reaches the CLI on standard input, as a person types it: never in argv.
    results.push(
      await stack.run(["config", "set", "--secret", "huaweicloud:secretKey"], {
        stdin: emulator.accessKey.secretKey,
      }),
    );
    await pulumi(["config", "set", "huaweicloud:domainId", emulator.domainId]);
    await pulumi(["config", "set", "--path", "huaweicloud:endpoints.scm", emulator.url]);
    await pulumi(["config", "set", "huaweicloud:insecure", "true"]);
    for (const [key, value] of [
      ["pfxPassword", PFX_PASSWORD],
      ["keyPassphrase", KEY_PASSPHRASE],
    ]) {
      results.push(await stack.run(["config", "set", "--secret", key as string], { stdin: value }));
    }
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("keeps the secret key encrypted in the stack's config file", () => {
    const config = filesUnder(stack.dir).filter((f) => f.path.endsWith(`Pulumi.${stack.name}.yaml`));
    expect(config).toHaveLength(1);
    expect(config[0]?.text).toMatch(/huaweicloud:secretKey:\s*\n\s*secure: v1:/);
    expect(config[0]?.text).not.toContain(emulator.accessKey.secretKey);
  });

  it("preview plans both resources and asks SCM nothing for a certificate id", async () => {
    emulator.resetLog();
    const preview = await pulumi(["preview"]);
    expect(preview.stdout).toMatch(/\+ {2}pulumi-nodejs:dynamic:ScmExportedCertificate shop create/);
    expect(preview.stdout).toMatch(/\+ 3 to create/);
    expect(emulator.requests).toEqual([]);
  });

  it("up exports the certificate; the TLS warning is the resource's diagnostic, counted as a warning", async () => {
    const up = await pulumi(["up", "--yes"]);
    expect(up.stdout).toMatch(/\+ 3 created/);
    const warnings = diagnosticsOf(up).filter((d) => d.severity === "warning");
    expect(warnings).toEqual([
      {
        urn,
        severity: "warning",
        message: expect.stringContaining(`TLS verification is off for SCM at ${emulator.url}`),
      },
    ]);
    const section = diagnosticsSection(up.stdout);
    expect(section).toContain("pulumi-nodejs:dynamic:ScmExportedCertificate (shop):");
    expect(section).toMatch(/ {4}warning: TLS verification is off/);
    // Neither Node's process-warning wrapper nor the host's fallback prefix.
    for (const text of [up.stdout, up.stderr]) {
      expect(text).not.toMatch(/\(node:\d+\)|\[SCM_WARNING\]|\[runtime\]|--trace-warnings/);
    }
  });

  it("stack output masks every form of the key, and shows them with --show-secrets", async () => {
    const outputs = await pulumi(["stack", "output", "--json"]);
    expect(JSON.parse(outputs.stdout)).toMatchObject({
      certificateId: held.id,
      privateKey: "[secret]",
      privateKeyPkcs8: "[secret]",
      combinedPem: "[secret]",
      entireCertificate: `${held.certificate}${held.certificateChain}`,
      notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const shown = JSON.parse((await stack.run(["stack", "output", "--json", "--show-secrets"])).stdout);
    expect(shown.privateKey).toBe(held.privateKey);
    expect(shown.privateKeyPkcs8).toBe(
      createPrivateKey(held.privateKey).export({ type: "pkcs8", format: "pem" }),
    );
    expect(shown.combinedPem).toBe(`${held.privateKey}${held.certificate}${held.certificateChain}`);
  });

  it("the listener got the certificate with its chain, and the key", async () => {
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout);
    const { createHash } = await import("node:crypto");
    const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
    expect(outputs.listenerCertificateSha256).toBe(sha256(`${held.certificate}${held.certificateChain}`));
    expect(outputs.listenerPrivateKeySha256).toBe(sha256(held.privateKey));
  });

  it("stack export holds every key form and both passwords as ciphertext, and a small __provider that is one require", async () => {
    const state = await stack.exportState();
    const resource = state.deployment.resources?.find((r) => r.urn === urn);
    for (const name of ["privateKey", "encryptedPrivateKey", "pfx", "pfxPassword", "privateKeyPassphrase"]) {
      expect(resource?.outputs?.[name], name).toMatchObject({ ciphertext: expect.stringMatching(/^v1:/) });
    }
    for (const name of ["pfxPassword", "privateKeyPassphrase"]) {
      expect(resource?.inputs?.[name], name).toMatchObject({ ciphertext: expect.stringMatching(/^v1:/) });
    }
    // Each PEM is stored once: the program computes these from the stored ones.
    for (const name of ["entireCertificate", "combinedPem", "privateKeyPkcs8"]) {
      expect(resource?.outputs, name).not.toHaveProperty(name);
    }
    const provider = String(resource?.inputs?.__provider);
    expect(provider).toContain('require("pulumi-huaweicloud-scm/dynamic-provider")');
    expect(Buffer.byteLength(provider)).toBeLessThanOrEqual(512);
  });

  it("refresh reads the certificate again and changes nothing", async () => {
    emulator.resetLog();
    const refresh = await pulumi(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.code).toBe(0);
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      `POST /v3/scm/certificates/${held.id}/export`,
    );
    expect(refresh.stdout).not.toMatch(/~ 1 updated|- 1 deleted/);
  });

  it("destroy forgets everything and asks SCM nothing", async () => {
    emulator.resetLog();
    const destroy = await pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.stdout).toMatch(/- 3 deleted/);
    expect(emulator.requests).toEqual([]);
  });

  it("no line of the private key and no credential is in clear text anywhere in the backend or the output", () => {
    const pkcs8 = createPrivateKey(held.privateKey).export({ type: "pkcs8", format: "pem" }).toString();
    const secrets: NamedSecret[] = [
      ["the secret key", emulator.accessKey.secretKey],
      ["the PFX password", PFX_PASSWORD],
      ["the key passphrase", KEY_PASSPHRASE],
      ...privateKeySecrets("the private key", held.privateKey, [held.certificate, held.certificateChain]),
      ...privateKeySecrets("the key as PKCS#8", pkcs8, [held.certificate, held.certificateChain]),
    ];
    const texts = [
      ...filesUnder(stack.backend),
      ...filesUnder(stack.dir).filter((f) => f.path.endsWith(".yaml")),
      ...results.map((r, i) => ({ path: `command ${i + 1}`, text: `${r.stdout}\n${r.stderr}` })),
      // Pulumi's SDK logs each registration's answer, secrets in plain text, at debug level (shown
      // with --debug or -v only); every other event is scanned.
      ...results.map((r, i) => ({
        path: `events of command ${i + 1}`,
        text: JSON.stringify(r.events.filter((e) => e.diagnosticEvent?.severity !== "debug")),
      })),
    ];
    // The backend holds the stack's checkpoints and their backups.
    expect(texts.filter((t) => t.path.endsWith(".json")).length).toBeGreaterThan(3);
    expect(results.flatMap((r) => r.events).length).toBeGreaterThan(20);
    expect(
      secretFindings(
        secrets,
        texts.map(({ path, text }): NamedText => [path, text]),
      ),
    ).toEqual([]);
  });
});
