import { spawnSync } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { buildPfx, PFX_ENCRYPTIONS, type PfxEncryption, readPrivateKey } from "../../provider/keystore";
import { pemBlocksOf, readPfx } from "./consumer-tools";

const PASSWORD = "correct horse ünïcode battery";
/** Java reads PKCS#12 passwords as ASCII only. */
const ASCII_PASSWORD = "correct horse battery staple";
/** What `openssl pkcs12 -info` prints for each encryption: bags, then the MAC. */
const EXPECTED_INFO: Record<PfxEncryption, { bags: string; mac: string }> = {
  "AES256-SHA256": {
    bags: "PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256",
    mac: "MAC: sha256",
  },
  "TripleDES-SHA1": { bags: "pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048", mac: "MAC: sha1" },
};

let emulator: ScmEmulator;
const certs: Record<string, EmulatedCertificate> = {};

beforeAll(async () => {
  emulator = await startScmEmulator({
    certificates: [{ domain: "rsa.example.com" }, { domain: "ec.example.com", keyType: "ec" }],
  });
  for (const cert of emulator.certificates.values()) certs[cert.keyType] = cert;
});

afterAll(() => emulator?.stop());

function pfxOf(cert: EmulatedCertificate, encryption: PfxEncryption, password = PASSWORD): Promise<string> {
  return buildPfx({
    certificatePem: cert.certificate,
    chainPem: cert.certificateChain,
    privateKey: readPrivateKey(cert.privateKey) as NonNullable<ReturnType<typeof readPrivateKey>>,
    password,
    encryption,
    friendlyName: cert.domain,
    certificateId: cert.id,
  });
}

const cases = ["rsa", "ec"].flatMap((kind) => PFX_ENCRYPTIONS.map((encryption) => ({ kind, encryption })));

describe.each(cases)("a $encryption PFX of the $kind certificate", ({ kind, encryption }) => {
  let cert: EmulatedCertificate;
  let pfx: string;

  beforeAll(async () => {
    cert = certs[kind] as EmulatedCertificate;
    pfx = await pfxOf(cert, encryption);
  });

  it("is read by openssl pkcs12 with the password, encrypted as asked", () => {
    const info = readPfx(pfx, PASSWORD, ["-info", "-nokeys"]);
    expect(info.status, info.stderr).toBe(0);
    const expected = EXPECTED_INFO[encryption];
    expect(info.stderr + info.stdout).toContain(`Shrouded Keybag: ${expected.bags}`);
    expect(info.stderr + info.stdout).toContain(`PKCS7 Encrypted data: ${expected.bags}`);
    expect(info.stderr + info.stdout).toContain(expected.mac);
  });

  it("is refused by openssl pkcs12 under a wrong password", () => {
    const info = readPfx(pfx, `${PASSWORD}!`, ["-info", "-nokeys"]);
    expect(info.status).not.toBe(0);
    expect(info.stderr).toMatch(/mac verify/i);
  });

  it("holds the certificate, then its chain, exactly as exported", () => {
    const out = readPfx(pfx, PASSWORD, ["-nokeys"]);
    expect(out.status, out.stderr).toBe(0);
    expect(pemBlocksOf(out.stdout)).toEqual(pemBlocksOf(`${cert.certificate}${cert.certificateChain}`));
    // The leaf alone carries the key's id, so tools pair it with the key.
    const leaf = readPfx(pfx, PASSWORD, ["-nokeys", "-clcerts"]);
    expect(pemBlocksOf(leaf.stdout)).toEqual(pemBlocksOf(cert.certificate));
  });

  it("holds the private key exported", () => {
    const out = readPfx(pfx, PASSWORD, ["-nocerts", "-nodes"]);
    expect(out.status, out.stderr).toBe(0);
    const [keyPem] = pemBlocksOf(out.stdout);
    const der = (pem: string) =>
      createPrivateKey(pem).export({ type: "pkcs8", format: "der" }).toString("hex");
    expect(der(`${keyPem}\n`)).toBe(der(cert.privateKey));
  });

  it("opens in Java's keytool as one private key entry named after the certificate", async () => {
    const asciiPfx = await pfxOf(cert, encryption, ASCII_PASSWORD);
    // keytool wants a file it can size: a private folder, removed at once.
    const dir = mkdtempSync(join(tmpdir(), "scm-keystore-"));
    const run = (() => {
      try {
        const keystore = join(dir, "keystore.p12");
        writeFileSync(keystore, Buffer.from(asciiPfx, "base64"), { mode: 0o600 });
        return spawnSync(
          "keytool",
          ["-list", "-v", "-storetype", "PKCS12", "-keystore", keystore, "-storepass:env", "PASSWORD"],
          { env: { ...process.env, PASSWORD: ASCII_PASSWORD }, encoding: "utf8" },
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("Your keystore contains 1 entry");
    expect(run.stdout).toContain(`Alias name: ${cert.domain}`);
    expect(run.stdout).toContain("Entry type: PrivateKeyEntry");
    expect(run.stdout).toContain("Certificate chain length: 3");
  });
});

describe("a PFX under the empty password", () => {
  it.each(PFX_ENCRYPTIONS)(
    "is read by openssl pkcs12 with an empty password (%s), and refused with another",
    async (encryption) => {
      const pfx = await pfxOf(certs.rsa as EmulatedCertificate, encryption, "");
      const read = readPfx(pfx, "", ["-nokeys"]);
      expect(read.status, read.stderr).toBe(0);
      expect(pemBlocksOf(read.stdout)).toHaveLength(3);
      expect(readPfx(pfx, "x", ["-nokeys"]).status).not.toBe(0);
    },
  );
});
