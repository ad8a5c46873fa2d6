import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { type PluginHost, pluginProviderUrnOf, pluginUrnOf } from "../../harness/plugin-host";
import { DAY_MS, UNKNOWN_VALUE } from "../../provider/constants";
import { isSecret, secret } from "../../provider/plugin/wire-values";
import { PluginHosts } from "./plugin-fixture";

// The resource through the plugin as the engine calls it: what goes in and out of each call,
// secrets on the wire, and the diagnostics on the resource the engine names.

const urn = pluginUrnOf("shop");
let emulator: ScmEmulator;
let host: PluginHost;
let rsa: EmulatedCertificate;
let expiring: EmulatedCertificate;
const hosts = new PluginHosts();
const revealed = (value: unknown) => (isSecret(value) ? value.value : value);

beforeAll(async () => {
  emulator = await startScmEmulator({
    certificates: [
      { keyType: "rsa", domain: "shop.example.com" },
      { keyType: "ec", domain: "soon.example.com", notAfter: new Date(Date.now() + 10 * DAY_MS) },
    ],
  });
  [rsa, expiring] = [...emulator.certificates.values()] as [EmulatedCertificate, EmulatedCertificate];
  // Config as the engine sends a plugin its own keys: no namespace, secrets marked, typed values.
  host = await hosts.start({}, { token: secret(emulator.token), endpoints: { scm: emulator.url } });
});

afterAll(async () => {
  await hosts.stop();
  await emulator?.stop();
});

describe("outputs and secrets on the wire", () => {
  it("create returns every output, the derived ones too; each form of the key is secret, the certificate is not", async () => {
    const { id, outputs } = await host.create(urn, {
      certificateId: rsa.id,
      pfxPassword: secret("pfx-password"),
    });
    expect(id).toBe(rsa.id);
    expect(outputs.certificate).toBe(rsa.certificate);
    expect(outputs.entireCertificate).toBe(`${rsa.certificate}${rsa.certificateChain}`);
    for (const name of ["privateKey", "privateKeyPkcs8", "combinedPem", "pfx", "pfxPassword"]) {
      expect(isSecret(outputs[name]), name).toBe(true);
    }
    expect(revealed(outputs.privateKey)).toBe(rsa.privateKey);
    expect(revealed(outputs.combinedPem)).toBe(`${rsa.privateKey}${rsa.certificate}${rsa.certificateChain}`);
    for (const name of [
      "certificate",
      "certificateChain",
      "entireCertificate",
      "notAfter",
      "certificateId",
    ]) {
      expect(isSecret(outputs[name]), name).toBe(false);
    }
  });

  it("check marks the passwords secret even when the program passed them in clear, and keeps any other secret so", async () => {
    const { inputs, failures } = await host.check(
      urn,
      {},
      {
        certificateId: rsa.id,
        privateKeyPassphrase: "key-passphrase",
        triggers: secret(["rotation-1"]),
      },
    );
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      certificateId: rsa.id,
      privateKeyPassphrase: secret("key-passphrase"),
      triggers: secret(["rotation-1"]),
    });
    const { outputs } = await host.create(urn, inputs);
    expect(isSecret(outputs.triggers)).toBe(true);
    expect(isSecret(outputs.encryptedPrivateKey)).toBe(true);
  });

  it("refresh and update keep secret what came in secret, in the outputs and the inputs refresh returns", async () => {
    const news = {
      certificateId: rsa.id,
      region: secret("ap-southeast-1"),
      triggers: secret(["rotation-1"]),
    };
    const { outputs } = await host.create(urn, news);
    const refreshed = await host.read(urn, rsa.id, outputs, news);
    expect(refreshed.inputs).toEqual(news);
    for (const name of ["region", "triggers", "privateKey"]) {
      expect(isSecret(refreshed.outputs[name]), name).toBe(true);
    }
    const updated = await host.update(urn, rsa.id, outputs, { ...news, triggers: secret(["rotation-2"]) });
    expect(updated.outputs.triggers).toEqual(secret(["rotation-2"]));
    expect(isSecret(updated.outputs.region)).toBe(true);
  });

  it("a preview passes check with values not known yet, and asks SCM nothing", async () => {
    emulator.resetLog();
    const news = { certificateId: UNKNOWN_VALUE, region: UNKNOWN_VALUE };
    expect(await host.check(urn, {}, news)).toEqual({ inputs: news, failures: [] });
    expect(emulator.requests).toEqual([]);
  });
});

describe("diff", () => {
  it("another certificate id replaces the resource, and the detailed diff says so", async () => {
    const { outputs } = await host.create(urn, { certificateId: rsa.id });
    const diff = await host.diffInDetail(
      urn,
      rsa.id,
      outputs,
      { certificateId: rsa.id },
      { certificateId: expiring.id },
    );
    expect(diff).toEqual({
      changes: "some",
      replaces: ["certificateId"],
      detailed: { certificateId: "UPDATE_REPLACE" },
    });
  });

  it("a renewal in SCM is selected at check and shown as a changed selectedCertificateId, with a note on the resource", async () => {
    const domainUrn = pluginUrnOf("renewing");
    const first = await host.check(domainUrn, {}, { domain: "shop.example.com" });
    expect(first.inputs.selectedCertificateId).toBe(rsa.id);
    const { outputs } = await host.create(domainUrn, first.inputs);
    const renewed = await emulator.renewCertificate(rsa.id);
    const before = host.diagnostics.length;
    const again = await host.check(domainUrn, first.inputs, { domain: "shop.example.com" });
    expect(again.inputs.selectedCertificateId).toBe(renewed.id);
    const diff = await host.diffInDetail(
      domainUrn,
      "domain:shop.example.com",
      outputs,
      first.inputs,
      again.inputs,
    );
    expect(diff).toEqual({ changes: "some", replaces: [], detailed: { selectedCertificateId: "UPDATE" } });
    expect(host.diagnosticsFrom(before)).toEqual([
      { urn: domainUrn, severity: "info", message: expect.stringContaining(`SCM now selects ${renewed.id}`) },
    ]);
    const updated = await host.update(domainUrn, "domain:shop.example.com", outputs, again.inputs);
    expect(updated.outputs).toMatchObject({ certificateId: renewed.id, certificate: renewed.certificate });
  });

  it("with nothing changed: no change, and the certificate's coming expiry is a warning on the resource", async () => {
    const expiringUrn = pluginUrnOf("expiring");
    let before = host.diagnostics.length;
    const { outputs } = await host.create(expiringUrn, { certificateId: expiring.id });
    const warning = {
      urn: expiringUrn,
      severity: "warning",
      message: expect.stringMatching(
        new RegExp(`^Certificate ${expiring.id} for soon\\.example\\.com expires on .* \\(in 9 days\\)`),
      ),
    };
    expect(host.diagnosticsFrom(before)).toEqual([warning]);
    before = host.diagnostics.length;
    const inputs = { certificateId: expiring.id };
    expect(await host.diffInDetail(expiringUrn, expiring.id, outputs, inputs, inputs)).toEqual({
      changes: "none",
      replaces: [],
      detailed: {},
    });
    expect(host.diagnosticsFrom(before)).toEqual([warning]);
    before = host.diagnostics.length;
    await host.diffInDetail(expiringUrn, expiring.id, outputs, inputs, { ...inputs, expiryWarningDays: 5 });
    expect(host.diagnosticsFrom(before)).toEqual([]);
  });
});

describe("read", () => {
  it("pulumi import by certificate id or by domain gets the outputs and the inputs that declare the resource", async () => {
    const byId = await host.readForImport(pluginUrnOf("adopted"), expiring.id);
    expect(byId).toMatchObject({ id: expiring.id, inputs: { certificateId: expiring.id } });
    expect(byId.outputs).toMatchObject({ certificateId: expiring.id, certificate: expiring.certificate });
    expect(isSecret(byId.outputs.privateKey)).toBe(true);
    const byDomain = await host.readForImport(pluginUrnOf("followed"), "domain:soon.example.com");
    expect(byDomain).toMatchObject({ id: "domain:soon.example.com", inputs: { domain: "soon.example.com" } });
  });

  it("refresh of a certificate deleted in SCM leaves the state, with a warning on the resource", async () => {
    const gone = await emulator.addCertificate({ domain: "gone.example.com" });
    const goneUrn = pluginUrnOf("gone");
    const { outputs } = await host.create(goneUrn, { certificateId: gone.id });
    emulator.deleteCertificate(gone.id);
    const before = host.diagnostics.length;
    expect((await host.read(goneUrn, gone.id, outputs, { certificateId: gone.id })).id).toBe("");
    expect(host.diagnosticsFrom(before, "warning")).toEqual([
      {
        urn: goneUrn,
        severity: "warning",
        message: expect.stringContaining(`${gone.id} no longer exists in SCM`),
      },
    ]);
  });
});

describe("configuration and functions", () => {
  it("getScmCertificates lists with the plugin's configuration", async () => {
    const { outputs, failures } = await host.invoke("huaweicloud-scm:index:getScmCertificates", {
      domain: "soon.example.com",
    });
    expect(failures).toEqual([]);
    expect(outputs.certificates).toEqual([
      expect.objectContaining({ id: expiring.id, domain: "soon.example.com", status: "ISSUED" }),
    ]);
  });

  it("what create and getScmCertificates return is what the schema declares, what it requires always there", async () => {
    const schema = JSON.parse(await host.schema());
    const resource = schema.resources["huaweicloud-scm:index:ScmExportedCertificate"];
    const { outputs } = await host.create(pluginUrnOf("declared"), {
      domain: "shop.example.com",
      pfxPassword: secret(""),
      privateKeyPassphrase: secret("key-passphrase"),
    });
    const declared = { ...resource.inputProperties, ...resource.properties };
    expect(Object.keys(outputs).filter((name) => !(name in declared))).toEqual([]);
    expect(resource.required.filter((name: string) => !(name in outputs))).toEqual([]);
    const sm2Only = ["encCertificate", "encPrivateKey", "encPrivateKeyEnvelope"];
    const notReturned = Object.keys(resource.properties).filter((name) => !(name in outputs));
    expect(notReturned.sort()).toEqual(sm2Only);

    const token = "huaweicloud-scm:index:getScmCertificates";
    const listed = await host.invoke(token, {});
    expect(Object.keys(listed.outputs)).toEqual(Object.keys(schema.functions[token].outputs.properties));
    const summary = schema.types["huaweicloud-scm:index:ScmCertificateSummary"];
    const certificates = listed.outputs.certificates as Record<string, unknown>[];
    expect(certificates.length).toBeGreaterThan(0);
    for (const certificate of certificates) {
      expect(Object.keys(certificate).sort()).toEqual(Object.keys(summary.properties).sort());
    }
  });

  it("an access key pair from huaweicloud-scm:* config signs, with insecure as a boolean, and the TLS warning goes to the resource", async () => {
    const tls = await startScmEmulator({ https: true });
    try {
      const signed = await hosts.start(
        {},
        {
          accessKey: tls.accessKey.accessKey,
          secretKey: secret(tls.accessKey.secretKey),
          domainId: tls.domainId,
          endpoints: { scm: tls.url },
          insecure: true,
        },
      );
      const id = [...tls.certificates.keys()][0] as string;
      const signedUrn = pluginUrnOf("signed");
      expect((await signed.create(signedUrn, { certificateId: id })).id).toBe(id);
      expect(tls.requests.at(-1)?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=/);
      expect(signed.diagnosticsFrom(0, "warning")).toEqual([
        {
          urn: signedUrn,
          severity: "warning",
          message: expect.stringContaining(`TLS verification is off for SCM at ${tls.url}`),
        },
      ]);
    } finally {
      await tls.stop();
    }
  });

  it("CheckConfig marks the secret settings secret even when set in clear, for the state, and leaves the rest as sent", async () => {
    const news = {
      token: "a-token-set-with-config-set-plaintext",
      password: "hunter2",
      secretKey: UNKNOWN_VALUE,
      securityToken: secret("already-secret"),
      accessKey: "AK-VALUE-1",
      region: "ap-southeast-1",
      endpoints: { scm: emulator.url },
      maxRetries: 2,
      version: inject("pluginVersion"),
    };
    const { inputs, failures } = await host.checkConfig(
      pluginProviderUrnOf(inject("pluginVersion")),
      {},
      news,
    );
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      ...news,
      token: secret(news.token),
      password: secret(news.password),
      secretKey: secret(UNKNOWN_VALUE),
    });
  });

  it.each([
    ["regoin", "did you mean huaweicloud-scm:region?"],
    ["RequestTimeOut", "did you mean huaweicloud-scm:requestTimeout?"],
    ["endpoint", "did you mean huaweicloud-scm:endpoints?"],
    ["scmEndpoint", "its settings are huaweicloud-scm:token, huaweicloud-scm:accessKey, "],
  ])(
    "CheckConfig fails on %s, which is no setting, and names the one meant or the list",
    async (key, hint) => {
      const { failures } = await host.checkConfig(
        pluginProviderUrnOf(inject("pluginVersion")),
        {},
        {
          region: "ap-southeast-1",
          [key]: "a value",
          version: inject("pluginVersion"),
        },
      );
      expect(failures).toEqual([
        {
          property: "",
          reason: expect.stringContaining(
            `huaweicloud-scm:${key} is not a setting of this provider; ${hint}`,
          ),
        },
      ]);
    },
  );

  it("GetSchema answers the schema the build wrote, with the package's version", async () => {
    const schema = JSON.parse(await host.schema());
    expect(schema).toMatchObject({ name: "huaweicloud-scm", version: inject("pluginVersion") });
  });
});
