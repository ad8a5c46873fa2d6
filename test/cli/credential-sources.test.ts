import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import type { CliResult, PulumiStack } from "../../harness/pulumi-cli";
import { ECS_SECURITY_KEY_PATH, IAM_SECURITY_TOKENS_PATH } from "../../provider/constants";
import { type NamedSecret, type NamedText, secretFindings } from "../support/secret-scan";
import { describeWithCli, filesUnder, newStack } from "./cli-fixture";

// `pulumi up` with credentials from each place Huawei Cloud users keep them, and no others: the
// hcloud CLI's profile file, an agency assumed with keys set by `pulumi config set --secret`, and
// the ECS metadata service. Afterwards, no credential is in the backend or the output.

let emulator: ScmEmulator;
let held: EmulatedCertificate;
const stacks: PulumiStack[] = [];
const results: CliResult[] = [];

async function upWith(env: Record<string, string>, configure?: (stack: PulumiStack) => Promise<void>) {
  const stack = await newStack("listener", { HW_SCM_ENDPOINT: emulator.url, ...env });
  stacks.push(stack);
  await stack.run(["config", "set", "certificateId", held.id]);
  await configure?.(stack);
  emulator.resetLog();
  const up = await stack.run(["up", "--yes"]);
  results.push(up);
  const key = await stack.run(["stack", "output", "privateKey", "--show-secrets"]);
  expect(key.stdout.trim()).toBe(held.privateKey.trim());
  return { stack, up };
}

describeWithCli("credentials from the profile file, an agency and the ECS metadata service", () => {
  beforeAll(async () => {
    emulator = await startScmEmulator({ ecsMetadata: true });
    held = [...emulator.certificates.values()][0] as EmulatedCertificate;
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("the hcloud CLI's profile file, named by HW_SHARED_CONFIG_FILE and HW_PROFILE", async () => {
    await upWith({}, async (s) => {
      const path = join(s.dir, "hcloud", "config.json");
      mkdirSync(join(s.dir, "hcloud"), { recursive: true });
      writeFileSync(
        path,
        JSON.stringify({
          current: "default",
          profiles: [
            { name: "default", mode: "AKSK", accessKeyId: "UNUSED", secretAccessKey: "unused" },
            {
              name: "ci",
              mode: "AKSK",
              accessKeyId: emulator.accessKey.accessKey,
              secretAccessKey: emulator.accessKey.secretKey,
              domainId: emulator.domainId,
            },
          ],
        }),
      );
      await s.run(["config", "set", "huaweicloud:sharedConfigFile", path]);
      await s.run(["config", "set", "huaweicloud:profile", "ci"]);
    });
    // Signed with the "ci" profile's key pair, not the current profile's.
    const signed = emulator.requests.filter((r) => r.path.startsWith("/v3/scm/"));
    expect(signed.length).toBeGreaterThan(0);
    for (const request of signed)
      expect(request.headers.authorization).toContain(`Access=${emulator.accessKey.accessKey}`);
  });

  it("an agency assumed with keys from pulumi config set --secret", async () => {
    await upWith({ HW_AUTH_URL: `${emulator.url}/v3` }, async (s) => {
      await s.run(["config", "set", "huaweicloud:accessKey", emulator.accessKey.accessKey]);
      await s.run(["config", "set", "--secret", "huaweicloud:secretKey"], {
        stdin: emulator.accessKey.secretKey,
      });
      await s.run([
        "config",
        "set",
        "huaweicloud:assumeRole",
        JSON.stringify({ agencyName: "scm-reader", domainName: emulator.user.domainName }),
      ]);
    });
    expect(emulator.requests.filter((r) => r.path === IAM_SECURITY_TOKENS_PATH)).toHaveLength(1);
  });

  it("the ECS metadata service, with no secret stored anywhere", async () => {
    await upWith({ HW_METADATA_URL: emulator.url, HW_DOMAIN_ID: emulator.domainId });
    expect(emulator.requests.filter((r) => r.path === ECS_SECURITY_KEY_PATH)).toHaveLength(1);
  });

  it("leaves no credential, temporary key or security token in any backend or output", async () => {
    const secrets: NamedSecret[] = [
      ["the secret key", emulator.accessKey.secretKey],
      ...emulator.temporaryKeys.flatMap((k): NamedSecret[] => [
        [`a temporary secret key (${k.issuedFor})`, k.secretKey],
        [`a temporary security token (${k.issuedFor})`, k.securityToken],
      ]),
    ];
    expect(emulator.temporaryKeys.length).toBeGreaterThanOrEqual(2);
    const texts = [
      ...stacks.flatMap((s) => filesUnder(s.backend).map((file): NamedText => [file.path, file.text])),
      ...results.map((r, i): NamedText => [`command ${i + 1}`, `${r.stdout}\n${r.stderr}`]),
    ];
    expect(texts.length).toBeGreaterThan(stacks.length);
    expect(secretFindings(secrets, texts)).toEqual([]);
  });
});
