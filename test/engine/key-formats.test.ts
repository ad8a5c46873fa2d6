import { createPrivateKey } from "node:crypto";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { EmulatedCertificate, ScmEmulator } from "../../emulator";
import { type ProviderHost, urnOf } from "../../harness/provider-host";
import { runProgram } from "../../harness/run-program";
import { combinedPemOf, privateKeyPkcs8Of } from "../../provider/resource/derived-outputs";
import { SECRET_OUTPUTS } from "../../provider/resource/outputs";
import { pemBlocksOf, readPfx } from "../keystore/consumer-tools";
import { type HostFixture, startHostFixture } from "../support/host-fixture";
import { failed } from "../support/host-harness";
import {
  errorTexts,
  hostTexts,
  type NamedSecret,
  type NamedText,
  named,
  privateKeySecrets,
  secretFindings,
} from "../support/secret-scan";

/**
 * The key in every form a consumer asks for, through the dynamic-provider host as the engine
 * drives it: create, update, refresh, renewal and get, state of the current release, SM2 exports.
 */

const PFX_PASSWORD = "pfx-pässword-7d1e";
const PASSPHRASE = "key-passphrase-93ab";
/** The stored outputs this feature added: a state from the current release has none of them. */
const NEW_OUTPUTS = ["encryptedPrivateKey", "pfx", "encPrivateKeyEnvelope"];
/** Outputs the program computes from the stored ones: never in the state. */
const DERIVED_OUTPUTS = ["privateKeyPkcs8", "combinedPem", "entireCertificate"];

let fixture: HostFixture;
let emulator: ScmEmulator;
let host: ProviderHost;
let providerText: string;
const certs: Record<string, EmulatedCertificate> = {};
/** Every output set and error seen, scanned at the end. */
const outputsSeen: Record<string, unknown>[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  fixture = await startHostFixture({
    emulator: {
      certificates: [
        { domain: "rsa.example.com" },
        { domain: "ec.example.com", keyType: "ec" },
        { domain: "follow.example.com" },
        { domain: "sm2.example.com", sm2: true },
        { domain: "envelope.example.com", sm2: true, sm2Envelope: true },
      ],
    },
  });
  ({ emulator, host, providerText } = fixture);
  for (const cert of emulator.certificates.values()) certs[cert.domain.split(".")[0] as string] = cert;
});

afterAll(() => fixture?.stop());

const withKeyFormats = { pfxPassword: PFX_PASSWORD, privateKeyPassphrase: PASSPHRASE };
const inputs = (name: string, extra: Record<string, unknown> = {}) => ({
  __provider: providerText,
  certificateId: certs[name]?.id,
  ...extra,
});
const seen = <T extends { outputs: Record<string, unknown> }>(result: T): T => {
  outputsSeen.push(result.outputs);
  return result;
};

/** What openssl pkcs12 -info says about a PFX, and the certificates inside. */
function pfxReport(pfx: unknown, password = PFX_PASSWORD) {
  const info = readPfx(pfx as string, password, ["-info", "-nokeys"]);
  expect(info.status, info.stderr).toBe(0);
  return { info: info.stderr + info.stdout, certificates: pemBlocksOf(info.stdout) };
}

const pkcs8Of = (pem: string) => createPrivateKey(pem).export({ type: "pkcs8", format: "pem" }).toString();

describe("the program", () => {
  it("registers the passwords as secrets and every key output as a secret output", async () => {
    const program = await runProgram(inject("programDir"), [
      { name: "formats", args: { certificateId: "scs1627959834994", ...withKeyFormats } },
    ]);
    const [registration] = program.registrations;
    expect(registration?.inputs.pfxPassword).toEqual({
      [specialSigKey]: specialSecretSig,
      value: PFX_PASSWORD,
    });
    expect(registration?.inputs.privateKeyPassphrase).toEqual({
      [specialSigKey]: specialSecretSig,
      value: PASSPHRASE,
    });
    expect(registration?.additionalSecretOutputs).toEqual(expect.arrayContaining([...SECRET_OUTPUTS]));
    // stdout is the test program's own dump of what it registered; the rest must not hold them.
    for (const text of [registration?.inputs.__provider as string, program.stderr]) {
      expect(text).not.toContain(PFX_PASSWORD);
      expect(text).not.toContain(PASSPHRASE);
    }
  });
});

describe("create", () => {
  it("returns the key encrypted and in a modern PFX, and the program makes PKCS#8 and the combined PEM", async () => {
    const cert = certs.rsa as EmulatedCertificate;
    const { outputs } = seen(await host.create(urnOf("rsa"), inputs("rsa", withKeyFormats)));
    for (const derived of DERIVED_OUTPUTS) expect(outputs, derived).not.toHaveProperty(derived);
    expect(privateKeyPkcs8Of(outputs.privateKey as string)).toBe(pkcs8Of(cert.privateKey));
    expect(outputs.encryptedPrivateKey).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(
      pkcs8Of(
        createPrivateKey({ key: outputs.encryptedPrivateKey as string, passphrase: PASSPHRASE })
          .export({ type: "pkcs8", format: "pem" })
          .toString(),
      ),
    ).toBe(pkcs8Of(cert.privateKey));
    expect(
      combinedPemOf(
        outputs.privateKey as string,
        outputs.certificate as string,
        outputs.certificateChain as string,
      ),
    ).toBe(`${cert.privateKey}${cert.certificate}${cert.certificateChain}`);
    const report = pfxReport(outputs.pfx);
    expect(report.info).toContain("PBES2, PBKDF2, AES-256-CBC");
    expect(report.info).toContain("MAC: sha256");
    expect(report.certificates).toEqual(pemBlocksOf(`${cert.certificate}${cert.certificateChain}`));
    // The existing outputs are unchanged.
    expect(outputs.privateKey).toBe(cert.privateKey);
    expect(outputs.certificate).toBe(cert.certificate);
  });

  it("returns no PFX or encrypted key unless asked, and PKCS#8 comes from the EC key as SCM sent it", async () => {
    const cert = certs.ec as EmulatedCertificate;
    const { outputs } = seen(await host.create(urnOf("ec"), inputs("ec")));
    expect(privateKeyPkcs8Of(outputs.privateKey as string)).toBe(pkcs8Of(cert.privateKey));
    expect(outputs).not.toHaveProperty("pfx");
    expect(outputs).not.toHaveProperty("encryptedPrivateKey");
  });

  it("makes a PFX under the empty password when pfxPassword is empty", async () => {
    const { outputs } = seen(await host.create(urnOf("empty"), inputs("ec", { pfxPassword: "" })));
    expect(pfxReport(outputs.pfx, "").certificates).toHaveLength(3);
  });
});

describe("update, refresh, get and renewal", () => {
  it("update switches the PFX to the legacy form, refresh keeps it from the state", async () => {
    const created = seen(await host.create(urnOf("rsa"), inputs("rsa", withKeyFormats)));
    const news = inputs("rsa", { ...withKeyFormats, pfxEncryption: "TripleDES-SHA1" });
    expect((await host.diff(urnOf("rsa"), created.id, created.outputs, news)).changes).toBe("some");
    const updated = seen(await host.update(urnOf("rsa"), created.id, created.outputs, news));
    expect(pfxReport(updated.outputs.pfx).info).toContain("pbeWithSHA1And3-KeyTripleDES-CBC");
    expect(pfxReport(updated.outputs.pfx).info).toContain("MAC: sha1");
    const refreshed = seen(await host.read(urnOf("rsa"), created.id, updated.outputs));
    expect(pfxReport(refreshed.outputs.pfx).info).toContain("pbeWithSHA1And3-KeyTripleDES-CBC");
    expect(refreshed.outputs.encryptedPrivateKey).toMatch(/ENCRYPTED PRIVATE KEY/);
  });

  it("a state of the current release refreshes into the new outputs, and an update adds the PFX", async () => {
    const created = seen(await host.create(urnOf("old"), inputs("rsa")));
    const oldState = Object.fromEntries(
      Object.entries(created.outputs).filter(([key]) => !NEW_OUTPUTS.includes(key)),
    );
    const refreshed = seen(await host.read(urnOf("old"), created.id, oldState));
    expect(refreshed.outputs.privateKey).toBe((certs.rsa as EmulatedCertificate).privateKey);
    for (const derived of DERIVED_OUTPUTS) expect(refreshed.outputs, derived).not.toHaveProperty(derived);
    const news = inputs("rsa", { pfxPassword: PFX_PASSWORD });
    expect(await host.diff(urnOf("old"), created.id, oldState, news)).toEqual({
      changes: "some",
      replaces: [],
    });
    const updated = seen(await host.update(urnOf("old"), created.id, oldState, news));
    expect(pfxReport(updated.outputs.pfx).certificates).toHaveLength(3);
  });

  it("get reads every form, the PFX too when given its password", async () => {
    const cert = certs.ec as EmulatedCertificate;
    const read = seen(
      await host.read(urnOf("got"), cert.id, undefined, {
        __provider: providerText,
        pfxPassword: PFX_PASSWORD,
      }),
    );
    expect(read.outputs.privateKey).toBe(cert.privateKey);
    expect(pfxReport(read.outputs.pfx).certificates[0]).toBe(cert.certificate.trimEnd());
  });

  it("a renewal in SCM reaches the PFX of a resource that follows the domain", async () => {
    const news = { __provider: providerText, domain: "follow.example.com", pfxPassword: PFX_PASSWORD };
    const created = seen(await host.create(urnOf("follow"), news));
    const renewed = await emulator.renewCertificate(certs.follow?.id as string);
    // As the engine does: `check` selects the renewed certificate, `diff` and `update` take its inputs.
    const { inputs: checked } = await host.check(urnOf("follow"), news, news);
    expect((await host.diff(urnOf("follow"), created.id, created.outputs, checked)).changes).toBe("some");
    const updated = seen(await host.update(urnOf("follow"), created.id, created.outputs, checked));
    expect(updated.outputs.certificateId).toBe(renewed.id);
    expect(pfxReport(updated.outputs.pfx).certificates[0]).toBe(renewed.certificate.trimEnd());
    expect(updated.outputs.privateKey).toBe(renewed.privateKey);
  });
});

describe("check", () => {
  it("fails pfxEncryption without pfxPassword, an unknown encryption and an empty passphrase, quoting none", async () => {
    const alone = await host.check(urnOf("c"), {}, inputs("rsa", { pfxEncryption: "TripleDES-SHA1" }));
    expect(alone.failures).toEqual([
      { property: "pfxEncryption", reason: expect.stringContaining("pfxPassword") },
    ]);
    const bad = await host.check(
      urnOf("c"),
      {},
      inputs("rsa", { pfxPassword: PFX_PASSWORD, pfxEncryption: "RC2-40", privateKeyPassphrase: "" }),
    );
    expect(bad.failures.map((f) => f.property).sort()).toEqual(["pfxEncryption", "privateKeyPassphrase"]);
    expect(JSON.stringify(bad.failures)).not.toContain(PFX_PASSWORD);
  });
});

describe("SM2 exports", () => {
  it("without a PFX asked for, pass through with their encryption key", async () => {
    const cert = certs.sm2 as EmulatedCertificate;
    const { outputs } = seen(await host.create(urnOf("sm2"), inputs("sm2")));
    expect(outputs.encPrivateKey).toBe(cert.encPrivateKey);
    // The certificate Node cannot parse still goes into the combined PEM as SCM sent it.
    expect(
      combinedPemOf(
        outputs.privateKey as string,
        outputs.certificate as string,
        outputs.certificateChain as string,
      ),
    ).toBe(`${cert.privateKey}${cert.certificate}${cert.certificateChain}`);
  });

  it("with a PFX asked for, fail with a message that says why and what to do", async () => {
    const cert = certs.sm2 as EmulatedCertificate;
    const error = await failed(
      host.create(urnOf("sm2-pfx"), inputs("sm2", { pfxPassword: PFX_PASSWORD })),
      errors,
    );
    expect(error.message).toContain(`Cannot make pfx for certificate ${cert.id}`);
    expect(error.message).toContain("Node's OpenSSL cannot read its certificate");
    expect(error.message).toContain("remove the input");
  });

  it("whose enc_private_key is a digital envelope keep the signing pair and pass the envelope as is", async () => {
    const cert = certs.envelope as EmulatedCertificate;
    expect(cert.encPrivateKey).not.toContain("-----BEGIN");
    const { outputs } = seen(await host.create(urnOf("envelope"), inputs("envelope")));
    expect(outputs.encPrivateKeyEnvelope).toBe(cert.encPrivateKey);
    expect(outputs).not.toHaveProperty("encPrivateKey");
    expect(outputs.privateKey).toBe(cert.privateKey);
    expect(outputs.certificate).toBe(cert.certificate);
  });
});

describe("secrets", () => {
  it("appear in no output but the secret ones, no error and no log line", async () => {
    // The outputs of its own calls, whatever ran before: every form asked for, legacy and modern,
    // an SM2 export and an envelope, a refresh, and a call that fails.
    const rsa = seen(await host.create(urnOf("scan-rsa"), inputs("rsa", withKeyFormats)));
    const legacy = { ...withKeyFormats, pfxEncryption: "TripleDES-SHA1" };
    seen(await host.update(urnOf("scan-rsa"), rsa.id, rsa.outputs, inputs("rsa", legacy)));
    seen(await host.read(urnOf("scan-rsa"), rsa.id, rsa.outputs));
    seen(await host.create(urnOf("scan-ec"), inputs("ec", { pfxPassword: "" })));
    seen(await host.create(urnOf("scan-sm2"), inputs("sm2")));
    seen(await host.create(urnOf("scan-envelope"), inputs("envelope")));
    await failed(host.create(urnOf("scan-sm2-pfx"), inputs("sm2", { pfxPassword: PFX_PASSWORD })), errors);
    const secrets: NamedSecret[] = [
      ["the PFX password", PFX_PASSWORD],
      ["the key passphrase", PASSPHRASE],
      ...[...emulator.certificates.values()].flatMap((c): NamedSecret[] => [
        ...privateKeySecrets(`the private key of ${c.id}`, c.privateKey, [c.certificate, c.certificateChain]),
        ...privateKeySecrets(`the PKCS#8 key of ${c.id}`, pkcs8Of(c.privateKey), [
          c.certificate,
          c.certificateChain,
        ]),
        ...(c.encPrivateKey
          ? named(`the encryption key of ${c.id}`, [c.encPrivateKey.replace(/\s+/g, "")])
          : []),
      ]),
      ...outputsSeen.flatMap((o, i): NamedSecret[] => [
        ...(typeof o.encryptedPrivateKey === "string"
          ? privateKeySecrets(`the encrypted key of outputs ${i + 1}`, o.encryptedPrivateKey)
          : []),
        // A PFX is its certificates in clear plus ciphertext: its whole text, and its tail, are secret.
        ...(typeof o.pfx === "string" ? named(`the PFX of outputs ${i + 1}`, [o.pfx, o.pfx.slice(-64)]) : []),
      ]),
    ];
    const plain = outputsSeen.map((o) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(o).filter(([key]) => !(SECRET_OUTPUTS as readonly string[]).includes(key)),
        ),
      ),
    );
    const scanned = [
      ...plain.map((text, i): NamedText => [`the public outputs of outputs ${i + 1}`, text]),
      ...hostTexts(host),
      ...errorTexts(errors),
    ];
    expect(outputsSeen.length).toBeGreaterThanOrEqual(6);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(secretFindings(secrets, scanned)).toEqual([]);
  });
});
