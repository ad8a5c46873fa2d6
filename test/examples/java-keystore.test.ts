import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedCertificate, ScmEmulator } from "../../emulator";
import { pemBlocksOf, readPfx } from "../keystore/consumer-tools";
import { type NamedSecret, secretFindings } from "../support/secret-scan";
import {
  isSecretInput,
  type MockRun,
  plain,
  type RegisteredResource,
  registered,
  runExample,
  typeCheck,
  visibleOutsideSecrets,
} from "./mock-run";

const HOST = "shop.example.com";
const PASSWORD = "keystore-password-3f9c";

let emulator: ScmEmulator;
let held: EmulatedCertificate;
let run: MockRun;
let scm: RegisteredResource;
let secret: RegisteredResource;
let keystore: string;

beforeAll(async () => {
  ({ emulator, held, run } = await runExample("java-keystore", HOST, {
    host: HOST,
    keystorePassword: PASSWORD,
  }));
  scm = registered(run, "pulumi-nodejs:dynamic:ScmExportedCertificate");
  secret = registered(run, "kubernetes:core/v1:Secret");
  keystore = (plain(secret.inputs.data) as Record<string, string>)["keystore.p12"] as string;
});

afterAll(async () => {
  await emulator?.stop();
});

describe("examples/java-keystore", () => {
  it("type-checks against @pulumi/kubernetes and this package", () => {
    expect(() => typeCheck("examples/java-keystore")).not.toThrow();
  }, 180_000);

  it("asks for a PFX under the configured password, which the program sends as a secret", () => {
    expect(plain(scm.inputs.domain)).toBe(HOST);
    expect(isSecretInput(scm.inputs.pfxPassword)).toBe(true);
    expect(plain(scm.inputs.pfxPassword)).toBe(PASSWORD);
    expect(scm.secretProperties).toEqual(expect.arrayContaining(["pfx", "pfxPassword", "privateKey"]));
  });

  it("writes a keystore that openssl reads with the password: the certificate, its chain and the key", () => {
    const certificates = readPfx(keystore, PASSWORD, ["-nokeys"]);
    expect(certificates.status, certificates.stderr).toBe(0);
    expect(pemBlocksOf(certificates.stdout)).toEqual(
      pemBlocksOf(`${held.certificate}${held.certificateChain}`),
    );
    expect(readPfx(keystore, `${PASSWORD}x`, ["-nokeys"]).status).not.toBe(0);
  });

  it("writes a keystore Java opens as one private key entry", () => {
    const dir = mkdtempSync(join(tmpdir(), "scm-keystore-"));
    try {
      const file = join(dir, "keystore.p12");
      writeFileSync(file, Buffer.from(keystore, "base64"), { mode: 0o600 });
      const list = spawnSync(
        "keytool",
        ["-list", "-storetype", "PKCS12", "-keystore", file, "-storepass:env", "PASSWORD"],
        { env: { ...process.env, PASSWORD }, encoding: "utf8" },
      );
      expect(list.status, list.stdout + list.stderr).toBe(0);
      expect(list.stdout).toContain("Your keystore contains 1 entry");
      expect(list.stdout).toMatch(new RegExp(`^${HOST.replaceAll(".", "\\.")}, .*PrivateKeyEntry`, "m"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("mounts the keystore into the pods and hands them the password from the Secret", () => {
    const deployment = registered(run, "kubernetes:apps/v1:Deployment");
    const spec = plain(deployment.inputs.spec) as {
      template: {
        spec: { containers: { env: { name: string; valueFrom?: unknown }[] }[]; volumes: unknown[] };
      };
    };
    const env = spec.template.spec.containers[0]?.env ?? [];
    expect(env.find((e) => e.name === "SERVER_SSL_KEY_STORE_PASSWORD")?.valueFrom).toEqual({
      secretKeyRef: { name: "shop-keystore", key: "keystore-password" },
    });
    expect(spec.template.spec.volumes).toEqual([
      {
        name: "keystore",
        secret: { secretName: "shop-keystore", items: [{ key: "keystore.p12", path: "keystore.p12" }] },
      },
    ]);
  });

  it("shows the keystore, its password and the key nowhere outside a secret", () => {
    expect(isSecretInput(secret.inputs.data)).toBe(true);
    expect(isSecretInput(secret.inputs.stringData)).toBe(true);
    const visible = visibleOutsideSecrets(run);
    expect(visible).toContain("[secret]");
    const secrets: NamedSecret[] = [
      ["the keystore's password", PASSWORD],
      ["the keystore", keystore],
      ["the keystore's tail", keystore.slice(-64)],
      ["the private key's first line", held.privateKey.split("\n")[1] as string],
    ];
    expect(secretFindings(secrets, [["the registrations and outputs outside secrets", visible]])).toEqual([]);
  });
});
