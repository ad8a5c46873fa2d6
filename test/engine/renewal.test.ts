import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatedCertificate, ScmEmulator } from "../../emulator";
import { type ProviderHost, urnOf } from "../../harness/provider-host";
import { type HostFixture, inDays, startHostFixture } from "../support/host-fixture";
import { failed } from "../support/host-harness";
import { unknownIdFault } from "../support/scm-faults";

let emulator: ScmEmulator;
let host: ProviderHost;
let providerText: string;
let shop: EmulatedCertificate;
let checking: EmulatedCertificate;
const urn = urnOf("shop");

let fixture: HostFixture;

beforeAll(async () => {
  fixture = await startHostFixture({
    emulator: {
      certificates: [
        { domain: "shop.example.com", notAfter: inDays(60) },
        { domain: "*.wild.example.net", keyType: "ec", notAfter: inDays(100) },
        { domain: "skip.example.org", notAfter: inDays(-2), notBefore: inDays(-400), status: "EXPIRED" },
        { domain: "skip.example.org", notAfter: inDays(300), status: "REVOKED" },
        { domain: "skip.example.org", notAfter: inDays(30) },
        { domain: "none.example.io", notAfter: inDays(300), status: "CHECKING" },
        { domain: "pending.example.io", status: "CHECKING" },
      ],
    },
  });
  ({ emulator, host, providerText } = fixture);
  const all = [...emulator.certificates.values()];
  shop = all.find((c) => c.domain === "shop.example.com") as EmulatedCertificate;
  checking = all.find((c) => c.domain === "pending.example.io") as EmulatedCertificate;
});

afterAll(() => fixture?.stop());

const byDomain = (domain: string, extra: Record<string, unknown> = {}) => ({
  __provider: providerText,
  __urn: urn,
  domain,
  ...extra,
});

/** The inputs `check` returns, as the engine passes them on to `diff`, `create` and `update`. */
async function checked(olds: Record<string, unknown>, news: Record<string, unknown>) {
  const result = await host.check(urn, olds, news);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

describe("check", () => {
  it("wants exactly one of certificateId and domain", async () => {
    const both = await host.check(urn, {}, byDomain("shop.example.com", { certificateId: shop.id }));
    expect(both.failures).toEqual([{ property: "domain", reason: "set certificateId or domain, not both" }]);
    const neither = await host.check(urn, {}, { __provider: providerText });
    expect(neither.failures).toEqual([
      { property: "certificateId", reason: expect.stringContaining("either certificateId") },
    ]);
  });
});

// One resource's story across a renewal in SCM (create, a quiet preview, the renewal, update,
// refresh): its steps keep their order when the run is shuffled.
describe("following a renewal", { shuffle: false }, () => {
  let created: { id: string; outputs: Record<string, unknown> };
  let createdInputs: Record<string, unknown>;
  let renewed: EmulatedCertificate;
  let renewedInputs: Record<string, unknown>;

  beforeAll(async () => {
    createdInputs = await checked({}, byDomain("shop.example.com"));
    created = await host.create(urn, createdInputs);
  });

  it("check selects the certificate at preview, so the preview shows which one", () => {
    expect(createdInputs.selectedCertificateId).toBe(shop.id);
  });

  it("create selects the certificate covering the domain, under an id that names the domain", () => {
    expect(created.id).toBe("domain:shop.example.com");
    expect(created.outputs).toMatchObject({
      certificateId: shop.id,
      domain: "shop.example.com",
      certificate: shop.certificate,
    });
  });

  it("a preview costs one listing, and nothing changes while SCM has nothing newer", async () => {
    emulator.resetLog();
    const inputs = await checked(createdInputs, byDomain("shop.example.com"));
    expect(await host.diff(urn, created.id, created.outputs, inputs)).toEqual({
      changes: "none",
      replaces: [],
    });
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v3/scm/certificates"]);
  });

  it("a preview sees the renewal as a changed input, and says which certificate replaces which", async () => {
    renewed = await emulator.renewCertificate(shop.id);
    renewedInputs = await checked(createdInputs, byDomain("shop.example.com"));
    expect(renewedInputs.selectedCertificateId).toBe(renewed.id);
    const before = host.diagnostics.length;
    const diff = await host.diff(urn, created.id, created.outputs, renewedInputs);
    expect(diff).toEqual({ changes: "some", replaces: [] });
    const [notice, ...others] = host.diagnosticsFrom(before);
    expect(others).toEqual([]);
    expect(notice).toMatchObject({ severity: "info", urn });
    // Both dates as the notAfter output gives them: RFC 3339 in whole seconds (SCM lists whole seconds).
    const renewedNotAfter = renewed.notAfter.toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(notice?.message).toBe(
      `shop.example.com: SCM now selects ${renewed.id} (expires ${renewedNotAfter}) in place of ` +
        `${shop.id} (expires ${created.outputs.notAfter}); the update switches to it.`,
    );
  });

  it("update moves to the new certificate and its content, exporting what check selected", async () => {
    emulator.resetLog();
    const updated = await host.update(urn, created.id, created.outputs, renewedInputs);
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v3/scm/certificates/${renewed.id}/export`,
    ]);
    expect(updated.outputs).toMatchObject({
      certificateId: renewed.id,
      certificate: renewed.certificate,
      privateKey: renewed.privateKey,
    });
    expect(renewed.id).not.toBe(shop.id);
  });

  it("refresh moves to it too, and keeps the resource's id", async () => {
    const read = await host.read(urn, created.id, created.outputs);
    expect(read.id).toBe(created.id);
    expect(read.outputs).toMatchObject({ certificateId: renewed.id, certificate: renewed.certificate });
  });

  it("refresh keeps a domain's resource when SCM says it does not know the certificate it still lists", async () => {
    emulator.setFault(unknownIdFault(), { certificateId: renewed.id });
    try {
      await failed(host.read(urn, created.id, created.outputs));
    } finally {
      emulator.clearFaults();
    }
  });

  it("switching between certificateId and domain replaces", async () => {
    const toId = await host.diff(urn, created.id, created.outputs, {
      __provider: providerText,
      certificateId: shop.id,
    });
    expect(toId.replaces).toEqual(["certificateId"]);
    const idOutputs = { __provider: providerText, certificateId: shop.id, certificate: shop.certificate };
    const toDomain = await host.diff(urn, shop.id, idOutputs, byDomain("shop.example.com"));
    expect(toDomain.replaces).toEqual(["domain"]);
  });
});

describe("coverage", () => {
  it("a wildcard covers one label", async () => {
    const wild = [...emulator.certificates.values()].find((c) => c.domain === "*.wild.example.net");
    const created = await host.create(urnOf("wild"), byDomain("api.wild.example.net"));
    expect(created.outputs.certificateId).toBe(wild?.id);
  });

  it.each(["wild.example.net", "a.b.wild.example.net"])("a wildcard does not cover %s", async (domain) => {
    const error = await failed(host.create(urnOf("wild"), byDomain(domain)));
    expect(error.message).toContain(`No ISSUED or UPLOAD certificate in SCM covers ${domain}`);
  });

  it("a new resource whose domain nothing covers fails at preview, on its domain", async () => {
    const { failures } = await host.check(urnOf("wild"), {}, byDomain("wild.example.net"));
    expect(failures).toEqual([
      {
        property: "domain",
        reason: expect.stringContaining("No ISSUED or UPLOAD certificate in SCM covers"),
      },
    ]);
  });

  it("an existing resource keeps its certificate with a warning when SCM cannot be asked", async () => {
    const olds = byDomain("shop.example.com", { selectedCertificateId: shop.id });
    emulator.setFault({ kind: "status", status: 403, errorCode: "SCM.0403", errorMessage: "denied" }, {});
    const before = host.diagnostics.length;
    try {
      const { inputs, failures } = await host.check(urn, olds, byDomain("shop.example.com"));
      expect(failures).toEqual([]);
      expect(inputs.selectedCertificateId).toBe(shop.id);
    } finally {
      emulator.clearFaults();
    }
    expect(host.diagnosticsFrom(before)).toEqual([
      expect.objectContaining({
        severity: "warning",
        urn,
        message: expect.stringContaining("could not check SCM"),
      }),
    ]);
  });

  it("a new resource when SCM cannot be asked: a warning that no certificate could be selected yet", async () => {
    const newUrn = urnOf("new-shop");
    emulator.setFault({ kind: "status", status: 403, errorCode: "SCM.0403", errorMessage: "denied" }, {});
    const before = host.diagnostics.length;
    try {
      const { inputs, failures } = await host.check(
        newUrn,
        {},
        { ...byDomain("shop.example.com"), __urn: newUrn },
      );
      expect(failures).toEqual([]);
      expect(inputs.selectedCertificateId).toBeUndefined();
    } finally {
      emulator.clearFaults();
    }
    const warnings = host.diagnosticsFrom(before);
    expect(warnings).toEqual([
      expect.objectContaining({
        severity: "warning",
        urn: newUrn,
        message: expect.stringMatching(
          /^shop\.example\.com: could not select a certificate at preview: SCM /,
        ),
      }),
    ]);
    expect(warnings[0]?.message).not.toContain("renewal");
  });

  it("skips expired and revoked certificates", async () => {
    const valid = [...emulator.certificates.values()].find(
      (c) => c.domain === "skip.example.org" && c.status === "ISSUED",
    );
    const created = await host.create(urnOf("skip"), byDomain("skip.example.org"));
    expect(created.outputs.certificateId).toBe(valid?.id);
  });

  it("says what it found when nothing usable covers the domain", async () => {
    const pending = [...emulator.certificates.values()].find((c) => c.domain === "none.example.io");
    const error = await failed(host.create(urnOf("none"), byDomain("none.example.io")));
    expect(error.message).toContain(
      `${pending?.id} (none.example.io; CHECKING; expires ${pending?.notAfter.toISOString().slice(0, 16)}`,
    );
  });
});

describe("a certificate that is not issued yet", () => {
  it("fails to export with its status", async () => {
    const error = await failed(
      host.create(urnOf("pending"), { __provider: providerText, certificateId: checking.id }),
    );
    expect(error.message).toContain(
      `${checking.id} is CHECKING: only ISSUED or UPLOAD certificates can be exported`,
    );
  });

  it("costs no extra call when the export succeeds", async () => {
    emulator.resetLog();
    await host.create(urnOf("plain"), { __provider: providerText, certificateId: shop.id });
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v3/scm/certificates/${shop.id}/export`,
    ]);
  });
});
