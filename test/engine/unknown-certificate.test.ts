import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { type ProviderHost, urnOf } from "../../harness/provider-host";
import { APIGW_NOT_AUTHORIZED, SCM_ABNORMAL_CERTIFICATE_ID } from "../../provider/huawei-codes";
import { type HostFixture, inDays, startHostFixture } from "../support/host-fixture";
import { failed } from "../support/host-harness";
import { unknownIdFault } from "../support/scm-faults";

// What SCM's "I do not know this id" (400 SCM.0020 or SCM.0008, as Huawei documents it) does:
// at refresh, a listing of the account decides whether the certificate leaves the state; at `up`
// following a domain, the domain is selected again, once. The request counts show what each costs.

let fixture: HostFixture;
let emulator: ScmEmulator;
let host: ProviderHost;
let providerText: string;
const urn = urnOf("unknown");

beforeAll(async () => {
  fixture = await startHostFixture();
  ({ emulator, host, providerText } = fixture);
});

afterAll(() => fixture?.stop());

/** The state of a resource created for a new certificate, and the certificate. */
async function created(extra: Record<string, unknown> = {}) {
  const certificate = await emulator.addCertificate({ keyType: "ec" });
  const result = await host.create(urn, {
    __provider: providerText,
    certificateId: certificate.id,
    ...extra,
  });
  return { certificate, state: { ...result.outputs, __urn: urn } };
}

/** Requests since the log was reset, as `METHOD path?query status`. */
function requestsSeen(): string[] {
  return emulator.requests.map((r) => `${r.method} ${r.path}${r.query ? `?${r.query}` : ""} ${r.status}`);
}

/** The requests of a refresh SCM answered "unknown id": the export, then one page of the whole account. */
const exportThenListing = (id: string, status: number) => [
  `POST /v3/scm/certificates/${id}/export ${status}`,
  expect.stringMatching(WHOLE_ACCOUNT_LISTING),
];

const WHOLE_ACCOUNT_LISTING =
  /^GET \/v3\/scm\/certificates\?limit=50&offset=0&status=ALL&enterprise_project_id=all 200$/;

describe("refresh of a certificate id", () => {
  it("of a certificate SCM still serves sends one export and lists nothing", async () => {
    const { certificate, state } = await created();
    emulator.resetLog();
    const read = await host.read(urn, certificate.id, state);
    expect(read.id).toBe(certificate.id);
    expect(requestsSeen()).toEqual([`POST /v3/scm/certificates/${certificate.id}/export 200`]);
  });

  it("that SCM no longer knows and its listing no longer holds leaves the state, with a warning saying why", async () => {
    const { certificate, state } = await created();
    emulator.deleteCertificate(certificate.id);
    emulator.resetLog();
    const before = host.diagnostics.length;
    const read = await host.read(urn, certificate.id, state);
    expect(read.id).toBe("");
    const seen = requestsSeen();
    expect(seen).toEqual([
      `POST /v3/scm/certificates/${certificate.id}/export 400`,
      expect.stringMatching(WHOLE_ACCOUNT_LISTING),
    ]);
    expect(host.diagnosticsFrom(before)).toEqual([
      {
        severity: "warning",
        urn,
        message: expect.stringMatching(
          new RegExp(
            `^${certificate.id} no longer exists in SCM: the export answered 400 SCM\\.0020, request id [0-9a-f]{32}, ` +
              "and the account's listing \\(\\d+ certificates in every status and every enterprise project these credentials can list\\) does not hold it\\. " +
              "Removing it from the state\\.$",
          ),
        ),
      },
    ]);
  });

  it("answered 404 SCM.0008 is confirmed the same way", async () => {
    const { certificate, state } = await created();
    emulator.deleteCertificate(certificate.id);
    emulator.setFault(unknownIdFault(404, SCM_ABNORMAL_CERTIFICATE_ID), { certificateId: certificate.id });
    emulator.resetLog();
    try {
      expect((await host.read(urn, certificate.id, state)).id).toBe("");
    } finally {
      emulator.clearFaults();
    }
    expect(requestsSeen()).toEqual(exportThenListing(certificate.id, 404));
  });

  it("that SCM says it does not know while its listing still holds it keeps the state, with an error saying so", async () => {
    const { certificate, state } = await created();
    emulator.setFault(unknownIdFault(), { certificateId: certificate.id });
    emulator.resetLog();
    try {
      const error = await failed(host.read(urn, certificate.id, state));
      expect(error.message).toMatch(
        new RegExp(
          `SCM export of ${certificate.id} failed: 400 SCM\\.0020 Incorrect certificate ID\\. \\(request id [0-9a-f]{32}\\)\\. ` +
            "SCM's listing of this account still holds the certificate, so it is not gone\\. .* The state keeps the certificate\\.",
        ),
      );
    } finally {
      emulator.clearFaults();
    }
    expect(requestsSeen()).toEqual(exportThenListing(certificate.id, 400));
  });

  it("whose confirming listing fails keeps the state, with an error naming the listing's failure", async () => {
    const { certificate, state } = await created();
    emulator.deleteCertificate(certificate.id);
    // The listing is refused; the export (the certificate's own fault wins) answers as SCM does.
    emulator.setFault({
      kind: "status",
      status: 403,
      errorCode: APIGW_NOT_AUTHORIZED,
      errorMessage: "denied",
    });
    emulator.setFault(unknownIdFault(), { certificateId: certificate.id });
    try {
      const error = await failed(host.read(urn, certificate.id, state));
      expect(error.message).toContain(
        "the listing that would confirm it is gone failed (SCM listing of certificates failed: 403 APIGW.0302",
      );
      expect(error.message).toContain("The state keeps the certificate.");
    } finally {
      emulator.clearFaults();
    }
  });

  it("in an account over SCM's paging limits keeps the state, and says how to remove it", async () => {
    // A second SCM answering to the same token, with more certificates than a listing can reach.
    const crowded = await startScmEmulator({
      token: emulator.token,
      certificates: Array.from({ length: 160 }, () => ({ keyType: "ec" as const })),
    });
    try {
      const endpoint = crowded.url;
      const target = await crowded.addCertificate({ keyType: "ec" });
      const made = await host.create(urn, { __provider: providerText, certificateId: target.id, endpoint });
      crowded.deleteCertificate(target.id);
      crowded.resetLog();
      const error = await failed(host.read(urn, target.id, { ...made.outputs, __urn: urn }));
      expect(error.message).toContain(
        `its listing reached only 150 of the account's 160 certificates (SCM's paging limits, or certificates that came or went while it listed), so it cannot confirm the certificate is gone. If it is gone, remove it with pulumi state delete '${urn}'. The state keeps the certificate.`,
      );
      const listings = crowded.requests.filter((r) => r.method === "GET");
      expect(listings.length).toBeGreaterThan(1);
    } finally {
      await crowded.stop();
    }
  });
});

describe("get (or import) of an id SCM does not know", () => {
  it("fails with SCM's answer, which says to check the id, and lists nothing: no state is there to leave", async () => {
    const mistyped = "scs1627959834999";
    emulator.resetLog();
    const before = host.diagnostics.length;
    const error = await failed(host.read(urn, mistyped, undefined, { __provider: providerText }));
    expect(error.message).toContain(
      `SCM export of ${mistyped} failed: 400 SCM.0020 Incorrect certificate ID.`,
    );
    expect(error.message).toContain("SCM does not know this certificate id in this account: check the id");
    expect(requestsSeen()).toEqual([`POST /v3/scm/certificates/${mistyped}/export 400`]);
    expect(host.diagnosticsFrom(before)).toEqual([]);
  });
});

// Steps in order: the last one deletes the certificate the others select.
describe("up following a domain", { shuffle: false }, () => {
  const domain = "moving.example.com";
  let first: EmulatedCertificate;
  let second: EmulatedCertificate;

  beforeAll(async () => {
    first = await emulator.addCertificate({ domain, keyType: "ec", notAfter: inDays(300) });
    second = await emulator.addCertificate({ domain, keyType: "ec", notAfter: inDays(200) });
  });

  async function selectedAtCheck(): Promise<Record<string, unknown>> {
    const checked = await host.check(urn, {}, { __provider: providerText, __urn: urn, domain });
    expect(checked.failures).toEqual([]);
    return checked.inputs;
  }

  it("exports what check selected, and fails on any other error without selecting again", async () => {
    const inputs = await selectedAtCheck();
    expect(inputs.selectedCertificateId).toBe(first.id);
    emulator.setFault(
      { kind: "status", status: 403, errorCode: APIGW_NOT_AUTHORIZED },
      { certificateId: first.id },
    );
    emulator.resetLog();
    try {
      await failed(host.create(urn, inputs));
    } finally {
      emulator.clearFaults();
    }
    expect(requestsSeen()).toEqual([`POST /v3/scm/certificates/${first.id}/export 403`]);
  });

  it("selects again, once, when SCM says it does not know the certificate it still lists, and says the id was selected, not given", async () => {
    const inputs = await selectedAtCheck();
    emulator.setFault(unknownIdFault(), { certificateId: first.id });
    emulator.resetLog();
    try {
      const error = await failed(host.create(urn, inputs));
      expect(error.message).toContain(`SCM export of ${first.id} failed: 400 SCM.0020`);
      expect(error.message).toContain(
        `${first.id} was selected for ${domain}, and SCM's listing still holds it though SCM says it does not know the id. Try again later;`,
      );
      expect(error.message).not.toContain("check the id");
    } finally {
      emulator.clearFaults();
    }
    const exports = emulator.requests.filter((r) => r.method === "POST").map((r) => r.certificateId);
    expect(exports).toEqual([first.id]);
  });

  it("takes the certificate selected anew when the one check selected was deleted since, and says so", async () => {
    const inputs = await selectedAtCheck();
    expect(inputs.selectedCertificateId).toBe(first.id);
    emulator.deleteCertificate(first.id);
    emulator.resetLog();
    const before = host.diagnostics.length;
    const made = await host.create(urn, inputs);
    expect(made.outputs).toMatchObject({ certificateId: second.id, certificate: second.certificate });
    const exports = emulator.requests
      .filter((r) => r.method === "POST")
      .map((r) => `${r.certificateId} ${r.status}`);
    expect(exports).toEqual([`${first.id} 400`, `${second.id} 200`]);
    expect(host.diagnosticsFrom(before, "warning")).toEqual([
      {
        severity: "warning",
        urn,
        message: expect.stringMatching(
          new RegExp(
            `^${domain}: SCM no longer knows ${first.id}, selected for it \\(400 SCM\\.0020, request id [0-9a-f]{32}\\); ` +
              `exporting ${second.id} \\(expires \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\), selected again for the domain, in its place\\.$`,
          ),
        ),
      },
    ]);
  });
});
