import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { ProviderHost, urnOf } from "../../harness/provider-host";
import { type Registration, runProgram } from "../../harness/run-program";
import { UNKNOWN_VALUE } from "../../provider/constants";
import { SECRET_OUTPUTS } from "../../provider/resource/outputs";
import { certificateOf } from "../emulator/helpers";
import { failed } from "../support/host-harness";
import { errorTexts, hostTexts, type NamedText, named, secretFindings } from "../support/secret-scan";

let emulator: ScmEmulator;
let host: ProviderHost;
let registration: Registration;
let rsaId: string;
let providerText: string;
const urn = urnOf("shop");
const errors: unknown[] = [];
/** Every output set the host returned, scanned at the end for secrets outside privateKey. */
const outputsSeen: Record<string, unknown>[] = [];

beforeAll(async () => {
  emulator = await startScmEmulator();
  rsaId = certificateOf(emulator, "rsa").id;
  const programDir = inject("programDir");
  // The program runs with the credentials in its environment, as a user's would: none may be captured.
  const program = await runProgram(
    programDir,
    [{ name: "shop", args: { certificateId: rsaId }, opts: { additionalSecretOutputs: ["certificate"] } }],
    { HW_AUTH_TOKEN: emulator.token, HW_SCM_ENDPOINT: emulator.url },
  );
  registration = program.registrations.find((r) => r.name === "shop") as Registration;
  providerText = registration.inputs.__provider as string;
  host = await ProviderHost.start(programDir, {
    HW_AUTH_TOKEN: emulator.token,
    HW_SCM_ENDPOINT: emulator.url,
  });
  await host.configure({ "scm-test:unrelated": "value" });
});

afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
});

const inputs = (extra: Record<string, unknown> = {}) => ({
  __provider: providerText,
  certificateId: rsaId,
  ...extra,
});

describe("the program", () => {
  it("registers the resource under its own type name", () => {
    expect(registration.type).toBe("pulumi-nodejs:dynamic:ScmExportedCertificate");
    expect(registration.inputs.certificateId).toBe(rsaId);
  });

  it("makes privateKey and every other key output secret, merged with the caller's own", () => {
    expect(registration.additionalSecretOutputs).toEqual(
      expect.arrayContaining([...SECRET_OUTPUTS, "certificate"]),
    );
  });

  it("serializes a provider of at most 512 bytes: one require of the package's entry, no secret", () => {
    expect(Buffer.byteLength(providerText)).toBeLessThanOrEqual(512);
    expect(providerText.match(/require\(/g)).toHaveLength(1);
    expect(providerText).toContain('require("pulumi-huaweicloud-scm/dynamic-provider")');
    expect(providerText).not.toContain(emulator.token);
    expect(providerText).not.toContain(emulator.url);
  });
});

describe("check", () => {
  it("passes unknown values during a preview", async () => {
    const result = await host.check(urn, {}, inputs({ certificateId: UNKNOWN_VALUE, region: UNKNOWN_VALUE }));
    expect(result.failures).toEqual([]);
  });

  it.each([
    "scs162795983499",
    "scs16279598349941",
    "../../../../scs1",
    "scs 627959834994",
    "scs1627959834994/",
  ])("fails %j naming certificateId", async (id) => {
    const result = await host.check(urn, {}, inputs({ certificateId: id }));
    expect(result.failures).toEqual([
      { property: "certificateId", reason: expect.stringContaining("16 characters") },
    ]);
  });

  it("fails an endpoint that is not a URL and triggers that are not a list", async () => {
    const result = await host.check(urn, {}, inputs({ endpoint: "scm.example.com", triggers: "x" }));
    expect(result.failures.map((f) => f.property).sort()).toEqual(["endpoint", "triggers"]);
  });

  it("fails a region SCM has no host for, listing the valid ones, unless an endpoint is set", async () => {
    // This host has no HW_SCM_ENDPOINT: the region alone decides the endpoint.
    const bare = await ProviderHost.start(inject("programDir"), { HW_AUTH_TOKEN: emulator.token });
    try {
      await bare.configure();
      const unknown = await bare.check(urn, {}, inputs({ region: "xx-north-9" }));
      expect(unknown.failures).toEqual([
        { property: "region", reason: expect.stringContaining("valid regions: af-north-1") },
      ]);
      const known = await bare.check(urn, {}, inputs({ region: "cn-north-4" }));
      expect(known.failures).toEqual([]);
      const withEndpoint = await bare.check(
        urn,
        {},
        inputs({ region: "xx-north-9", endpoint: "https://scm.example.com" }),
      );
      expect(withEndpoint.failures).toEqual([]);
      // An endpoint in the environment makes the region irrelevant too.
      expect((await host.check(urn, {}, inputs({ region: "xx-north-9" }))).failures).toEqual([]);
    } finally {
      await bare.stop();
    }
  });

  it("sends nothing to SCM", async () => {
    const before = emulator.requests.length;
    await host.check(urn, {}, inputs({ certificateId: UNKNOWN_VALUE, region: UNKNOWN_VALUE }));
    await host.check(urn, {}, inputs({ certificateId: "scs162795983499" }));
    await host.check(urn, {}, inputs({ endpoint: "scm.example.com", triggers: "x" }));
    await host.check(urn, {}, inputs({ region: "xx-north-9" }));
    expect(emulator.requests.length).toBe(before);
  });
});

describe("create, read, update, delete", () => {
  let created: { id: string; outputs: Record<string, unknown> };

  beforeAll(async () => {
    created = await host.create(urn, inputs());
  });

  /** A certificate of its own, for a test that changes or deletes it in SCM. */
  async function createdOwn(): Promise<{ id: string; outputs: Record<string, unknown> }> {
    const own = await emulator.addCertificate({ keyType: "rsa" });
    return host.create(urn, inputs({ certificateId: own.id }));
  }

  it("create exports and returns the id and every output", () => {
    const held = emulator.certificates.get(rsaId);
    expect(created.id).toBe(rsaId);
    expect(created.outputs).toMatchObject({
      certificateId: rsaId,
      certificate: held?.certificate,
      privateKey: held?.privateKey,
      __provider: providerText,
    });
    expect(created.outputs.certificateChain).toContain("BEGIN CERTIFICATE");
    // The program computes entireCertificate from these two: the state keeps each PEM once.
    expect(created.outputs).not.toHaveProperty("entireCertificate");
    expect(created.outputs).not.toHaveProperty("encCertificate");
  });

  it("refresh picks up content that changed under the same id", async () => {
    const own = await createdOwn();
    const rotated = await emulator.rotateCertificate(own.id);
    const read = await host.read(urn, own.id, own.outputs);
    expect(read.id).toBe(own.id);
    expect(read.outputs.certificate).toBe(rotated.certificate);
    expect(read.outputs.certificate).not.toBe(own.outputs.certificate);
    expect(read.outputs.__provider).toBe(providerText);
  });

  it.each([
    [401, "APIGW.0301"],
    [500, "SCM.0500"],
  ])("refresh under %i fails, so the engine keeps the state", async (status, errorCode) => {
    emulator.setFault({ kind: "status", status, errorCode, errorMessage: "no" });
    try {
      const error = await failed(host.read(urn, rsaId, created.outputs), errors);
      expect(error.message).toContain(`${status} ${errorCode}`);
    } finally {
      emulator.clearFaults();
    }
  });

  it("get reads a certificate from its id alone", async () => {
    const read = await host.read(urn, rsaId, undefined, { __provider: providerText });
    expect(read.id).toBe(rsaId);
    expect(read.outputs.certificate).toBe(emulator.certificates.get(rsaId)?.certificate);
  });

  it("get with an id that cannot be a certificate id is a clear error", async () => {
    const error = await failed(
      host.read(urn, "scs/../../x", undefined, { __provider: providerText }),
      errors,
    );
    expect(error.message).toContain("16 characters");
  });

  it("update re-exports and returns every output", async () => {
    const updated = await host.update(urn, rsaId, created.outputs, inputs({ triggers: [1] }));
    expect(updated.outputs).toMatchObject({
      certificateId: rsaId,
      certificate: emulator.certificates.get(rsaId)?.certificate,
      privateKey: emulator.certificates.get(rsaId)?.privateKey,
      triggers: [1],
    });
    for (const key of ["certificateChain", "notAfter", "keyAlgorithm"]) {
      expect(updated.outputs[key]).toBeTruthy();
    }
  });

  it("refresh of a deleted certificate removes it from the state, with a warning", async () => {
    const own = await createdOwn();
    emulator.deleteCertificate(own.id);
    const before = host.diagnostics.length;
    const read = await host.read(urn, own.id, { ...own.outputs, __urn: urn });
    expect(read.id).toBe("");
    expect(host.diagnosticsFrom(before)).toEqual([
      { severity: "warning", urn, message: expect.stringContaining(`${own.id} no longer exists in SCM`) },
    ]);
  });

  it("delete calls nothing and needs no credentials", async () => {
    const bare = await ProviderHost.start(inject("programDir"));
    try {
      await bare.configure();
      const before = emulator.requests.length;
      await bare.delete(urn, rsaId, created.outputs);
      expect(emulator.requests.length).toBe(before);
    } finally {
      await bare.stop();
    }
  });
});

describe("diff", () => {
  const olds = () => ({ ...inputs({ region: "ap-southeast-1" }), certificate: "x", privateKey: "y" });

  it("reports nothing when only __provider changed", async () => {
    const result = await host.diff(urn, rsaId, olds(), {
      ...inputs({ region: "ap-southeast-1" }),
      __provider: `${providerText}\n`,
    });
    expect(result).toEqual({ changes: "none", replaces: [] });
  });

  it("replaces for a new certificateId", async () => {
    const result = await host.diff(
      urn,
      rsaId,
      olds(),
      inputs({ certificateId: "scs0000000000009", region: "ap-southeast-1" }),
    );
    expect(result).toEqual({ changes: "some", replaces: ["certificateId"] });
  });

  it.each([
    ["region", "cn-north-4"],
    ["endpoint", "https://scm.example.com"],
    ["triggers", ["rotate-2027"]],
  ])("updates in place when %s changes", async (key, value) => {
    const result = await host.diff(urn, rsaId, olds(), inputs({ region: "ap-southeast-1", [key]: value }));
    expect(result).toEqual({ changes: "some", replaces: [] });
  });

  it("replaces when a preview does not know the certificateId yet", async () => {
    const result = await host.diff(
      urn,
      rsaId,
      olds(),
      inputs({ certificateId: UNKNOWN_VALUE, region: "ap-southeast-1" }),
    );
    expect(result.replaces).toEqual(["certificateId"]);
  });
});

describe("state written by release 0.1.0", () => {
  // Its `__provider` loaded the implementation with `require("pulumi-huaweicloud-scm")`, and its
  // state has no `__urn` and no `selectedCertificateId`.
  const oldProvider = readFileSync(join(__dirname, "fixtures/provider-0.1.0.js"), "utf8");
  let oldOutputs: Record<string, unknown>;
  let id: string;

  beforeAll(async () => {
    id = certificateOf(emulator, "ec").id;
    const { __urn: _, ...outputs } = (await host.create(urn, inputs({ certificateId: id }))).outputs;
    oldOutputs = { ...outputs, __provider: oldProvider };
  });

  it("is refreshed through its own stored provider", async () => {
    const read = await host.read(urn, id, oldOutputs);
    expect(read.id).toBe(id);
    expect(read.outputs.certificate).toBe(emulator.certificates.get(id)?.certificate);
  });

  it("shows no change at preview under the new provider, and updates in place", async () => {
    const { inputs: checked } = await host.check(
      urn,
      { certificateId: id },
      inputs({ certificateId: id, __urn: urn }),
    );
    expect(await host.diff(urn, id, oldOutputs, checked)).toEqual({ changes: "none", replaces: [] });
    const updated = await host.update(urn, id, oldOutputs, { ...checked, triggers: [1] });
    expect(updated.outputs).toMatchObject({ certificateId: id, __provider: providerText, __urn: urn });
  });
});

describe("secrets", () => {
  // A create, a refresh of rotated content, an update and failing calls of its own: the scan below
  // reads only what these produced, whichever tests ran before.
  beforeAll(async () => {
    const own = await emulator.addCertificate({ keyType: "rsa" });
    const created = await host.create(urn, inputs({ certificateId: own.id }));
    await emulator.rotateCertificate(own.id);
    const read = await host.read(urn, own.id, created.outputs);
    const updated = await host.update(
      urn,
      own.id,
      read.outputs,
      inputs({ certificateId: own.id, triggers: [1] }),
    );
    outputsSeen.push(created.outputs, read.outputs, updated.outputs);
    emulator.setFault({ kind: "status", status: 500, errorCode: "SCM.0500", errorMessage: "no" });
    try {
      await failed(host.read(urn, own.id, created.outputs), errors);
    } finally {
      emulator.clearFaults();
    }
    await failed(host.read(urn, "scs/../../x", undefined, { __provider: providerText }), errors);
  });

  it("appear nowhere but in the secret outputs", () => {
    // Every key exported (the rotated one included) and every key the emulator still holds.
    const keys = [
      ...new Set([
        ...outputsSeen.map((o) => (o.privateKey as string).split("\n")[1] as string),
        ...[...emulator.certificates.values()].map((c) => c.privateKey.split("\n")[1] as string),
      ]),
    ];
    const plainOutputs = outputsSeen.map((outputs) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(outputs).filter(([key]) => !(SECRET_OUTPUTS as readonly string[]).includes(key)),
        ),
      ),
    );
    expect(plainOutputs).toHaveLength(3);
    const scanned: NamedText[] = [
      ["the serialized provider", providerText],
      ...hostTexts(host),
      ...plainOutputs.map((text, i): NamedText => [`the public outputs of call ${i + 1}`, text]),
      ...errorTexts(errors),
    ];
    expect(errors.length).toBeGreaterThan(0);
    expect(
      secretFindings([["the token", emulator.token], ...named("a private key's first line", keys)], scanned),
    ).toEqual([]);
  });
});
