import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { buildPfx, encryptedPkcs8Pem, pkcs8Pem, readPrivateKey } from "../../provider/keystore";
import { certificateOutputs } from "../../provider/resource/certificate-outputs";
import type { CertificateState } from "../../provider/resource/outputs";
import type { ResourceInputs } from "../../provider/resource/resource-inputs";
import type { ExportedCertificate } from "../../provider/scm/scm-client";

// A refresh or an update that exports what the state already holds keeps `pfx` and
// `encryptedPrivateKey` byte for byte; anything that changed, or an old value that does not hold
// this export, rebuilds them.

let emulator: ScmEmulator;
let cert: EmulatedCertificate;

beforeAll(async () => {
  emulator = await startScmEmulator({ certificates: [{ keyType: "ec" }] });
  cert = [...emulator.certificates.values()][0] as EmulatedCertificate;
});

afterAll(() => emulator?.stop());

const exportOf = (c: EmulatedCertificate): ExportedCertificate => ({
  certificateId: c.id,
  certificate: c.certificate,
  certificateChain: c.certificateChain,
  entireCertificate: c.certificate + c.certificateChain,
  privateKey: c.privateKey,
  requestId: undefined,
});

const inputsWith = (extra: Partial<ResourceInputs> = {}): ResourceInputs =>
  ({
    certificateId: cert.id,
    pfxPassword: "pfx-pässword",
    privateKeyPassphrase: "key-passphrase",
    ...extra,
  }) as ResourceInputs;

const outputsOf = (inputs: ResourceInputs, previous?: CertificateState, c = cert) =>
  certificateOutputs(inputs, exportOf(c), () => {}, { previous });

const keyForms = (state: CertificateState) => ({
  pfx: state.pfx,
  encryptedPrivateKey: state.encryptedPrivateKey,
});

describe.each(["AES256-SHA256", "TripleDES-SHA1"] as const)("with a %s PFX", (pfxEncryption) => {
  const inputs = () => inputsWith({ pfxEncryption });

  it("the same export and passwords keep both key forms byte for byte", async () => {
    const first = await outputsOf(inputs());
    const again = await outputsOf(inputs(), first);
    expect(keyForms(again)).toEqual(keyForms(first));
    // Built anew, they differ: each gets a fresh salt and IV.
    const fresh = await outputsOf(inputs());
    expect(fresh.pfx).not.toBe(first.pfx);
    expect(fresh.encryptedPrivateKey).not.toBe(first.encryptedPrivateKey);
  });
});

describe("rebuilt", () => {
  it("when SCM serves new content under the same id", async () => {
    const first = await outputsOf(inputsWith());
    const rotated = await emulator.rotateCertificate(cert.id);
    try {
      const next = await outputsOf(inputsWith(), first, rotated);
      expect(next.pfx).not.toBe(first.pfx);
      expect(next.encryptedPrivateKey).not.toBe(first.encryptedPrivateKey);
      const opened = createPrivateKey({
        key: next.encryptedPrivateKey as string,
        passphrase: "key-passphrase",
      });
      expect(pkcs8Pem(opened)).toBe(pkcs8Pem(createPrivateKey(rotated.privateKey)));
    } finally {
      cert = emulator.certificates.get(cert.id) as EmulatedCertificate;
    }
  });

  it.each([
    ["pfxPassword", { pfxPassword: "another" }, ["pfx"]],
    ["pfxEncryption", { pfxEncryption: "TripleDES-SHA1" }, ["pfx"]],
    ["privateKeyPassphrase", { privateKeyPassphrase: "another" }, ["encryptedPrivateKey"]],
  ] as const)("when %s changes, that form alone", async (_name, change, rebuilt) => {
    const first = await outputsOf(inputsWith());
    const next = await outputsOf(inputsWith(change), first);
    for (const form of ["pfx", "encryptedPrivateKey"] as const) {
      if ((rebuilt as readonly string[]).includes(form)) expect(next[form], form).not.toBe(first[form]);
      else expect(next[form], form).toBe(first[form]);
    }
  });

  it("when the state's old values do not hold this key, however they got there", async () => {
    const first = await outputsOf(inputsWith());
    const otherKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
    const key = readPrivateKey(cert.privateKey) as NonNullable<ReturnType<typeof readPrivateKey>>;
    const forged: CertificateState[] = [
      { ...first, encryptedPrivateKey: encryptedPkcs8Pem(otherKey, "key-passphrase") },
      // Not encrypted at all: it would open under any passphrase.
      { ...first, encryptedPrivateKey: pkcs8Pem(key) },
      {
        ...first,
        pfx: await buildPfx({
          certificatePem: cert.certificate,
          chainPem: "",
          privateKey: key,
          password: "pfx-pässword",
          encryption: "AES256-SHA256",
          friendlyName: "x",
          certificateId: cert.id,
        }),
      },
      { ...first, pfx: Buffer.from("not a keystore").toString("base64") },
    ];
    for (const previous of forged) {
      const next = await outputsOf(inputsWith(), previous);
      if (previous.pfx !== first.pfx) expect(next.pfx).not.toBe(previous.pfx);
      if (previous.encryptedPrivateKey !== first.encryptedPrivateKey) {
        expect(next.encryptedPrivateKey).not.toBe(previous.encryptedPrivateKey);
        expect(next.encryptedPrivateKey).toContain("-----BEGIN ENCRYPTED PRIVATE KEY-----");
      }
    }
  });
});
