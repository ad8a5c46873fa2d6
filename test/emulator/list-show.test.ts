import { createHash, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { DAY_MS } from "../../provider/constants";
import { SCM_ABNORMAL_CERTIFICATE_ID, SCM_INCORRECT_CERTIFICATE_ID } from "../../provider/huawei-codes";
import { getWithToken, json } from "./helpers";

const base = Date.UTC(2030, 0, 1);

interface ListBody {
  certificates: Record<string, unknown>[];
  total_count: number;
}

describe("list and show", () => {
  let scm: ScmEmulator;
  let added: EmulatedCertificate[];
  beforeAll(async () => {
    // 25 certificates in one project, expiring one day apart; two more elsewhere.
    const specs = Array.from({ length: 25 }, (_, index) => ({
      keyType: "ec" as const,
      domain: `site${index}.example.com`,
      notAfter: new Date(base + index * DAY_MS),
    }));
    scm = await startScmEmulator({
      certificates: [
        ...specs,
        {
          keyType: "ec",
          domain: "*.other.example",
          sans: ["*.other.example", "other.example"],
          status: "REVOKED",
        },
        {
          keyType: "ec",
          domain: "project.example",
          enterpriseProjectId: "a-project",
          name: "billing",
          status: "UPLOAD",
        },
      ],
    });
    added = [...scm.certificates.values()];
  });
  afterAll(() => scm.stop());

  const list = async (query: string) =>
    json<ListBody>(await getWithToken(scm, `/v3/scm/certificates${query}`));

  it("pages with limit and a record offset, newest update first by default", async () => {
    const first = await list("");
    expect(first.total_count).toBe(27);
    expect(first.certificates).toHaveLength(10);
    expect(first.certificates[0]?.id).toBe(added[26]?.id);
    const last = await list("?limit=20&offset=20");
    expect(last.certificates.map((certificate) => certificate.id)).toEqual(
      added
        .slice(0, 7)
        .reverse()
        .map((certificate) => certificate.id),
    );
  });

  it("sorts by expiry in either direction", async () => {
    const ascending = await list("?sort_key=certExpiredTime&sort_dir=ASC&limit=50&status=ISSUED");
    expect(ascending.certificates.map((certificate) => certificate.domain)).toEqual(
      Array.from({ length: 25 }, (_, index) => `site${index}.example.com`),
    );
    const descending = await list("?sort_key=certExpiredTime&sort_dir=DESC&limit=10");
    const expiry = descending.certificates.map((certificate) => String(certificate.expire_time));
    expect(expiry).toEqual([...expiry].sort().reverse());
  });

  it("sorts by status", async () => {
    const byStatus = await list("?sort_key=certStatus&sort_dir=ASC&limit=50");
    const statuses = byStatus.certificates.map((certificate) => String(certificate.status));
    expect(statuses).toEqual([...statuses].sort());
  });

  it("filters by status, project and content (name or domain)", async () => {
    expect((await list("?status=REVOKED")).certificates.map((c) => c.domain)).toEqual(["*.other.example"]);
    expect((await list("?enterprise_project_id=a-project")).certificates.map((c) => c.domain)).toEqual([
      "project.example",
    ]);
    expect((await list("?content=BILLING")).certificates.map((c) => c.domain)).toEqual(["project.example"]);
    expect((await list("?content=site1")).total_count).toBe(11);
    expect((await list("?status=ALL&enterprise_project_id=all")).total_count).toBe(27);
  });

  it("summarises each certificate in SCM's fields and formats", async () => {
    const [wildcard] = (await list("?status=REVOKED")).certificates;
    expect(wildcard).toEqual({
      id: added[25]?.id,
      name: added[25]?.name,
      domain: "*.other.example",
      sans: "*.other.example,other.example",
      signature_algorithm: "SHA256WITHECDSA",
      deploy_support: true,
      type: "DV_SSL_CERT",
      brand: "GEOTRUST",
      expire_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/),
      domain_type: "MULTI_DOMAIN",
      validity_period: 12,
      status: "REVOKED",
      domain_count: 2,
      wildcard_count: 1,
      description: "",
      enterprise_project_id: "0",
    });
    const [first] = (await list("?sort_key=certExpiredTime&sort_dir=ASC&status=ISSUED")).certificates;
    expect(first?.expire_time).toBe("2030-01-01 00:00:00.0");
  });

  it.each([
    ["limit=15", "limit"],
    ["limit=100", "limit"],
    ["offset=101", "offset"],
    ["offset=-1", "offset"],
    ["sort_key=name", "sort_key"],
    ["sort_dir=UP", "sort_dir"],
  ])("refuses %s with 400", async (query, parameter) => {
    const response = await getWithToken(scm, `/v3/scm/certificates?${query}`);
    expect(response.status).toBe(400);
    expect(json(response)).toEqual({ error_code: "SCM.0005", error_msg: expect.stringContaining(parameter) });
  });

  it("shows one certificate", async () => {
    const certificate = added[0] as EmulatedCertificate;
    const response = await getWithToken(scm, `/v3/scm/certificates/${certificate.id}`);
    expect(response.status).toBe(200);
    const der = new X509Certificate(certificate.certificate).raw;
    expect(json(response)).toMatchObject({
      id: certificate.id,
      status: "ISSUED",
      domain: "site0.example.com",
      sans: "site0.example.com",
      not_after: "2030-01-01 00:00:00.0",
      signature_algorithm: "SHA256WITHECDSA",
      fingerprint: createHash("sha1").update(der).digest("hex").toUpperCase(),
      domain_type: "SINGLE_DOMAIN",
      enterprise_project_id: "0",
    });
  });

  it("answers show for an unknown or malformed id like export does", async () => {
    const unknown = await getWithToken(scm, "/v3/scm/certificates/scs0000000000000");
    expect([unknown.status, json(unknown).error_code]).toEqual([400, SCM_INCORRECT_CERTIFICATE_ID]);
    const malformed = await getWithToken(scm, "/v3/scm/certificates/short");
    expect([malformed.status, json(malformed).error_code]).toEqual([400, SCM_ABNORMAL_CERTIFICATE_ID]);
  });

  it("spells signature_algrithm when asked to", async () => {
    const legacy = await startScmEmulator({
      legacySignatureAlgorithmField: true,
      certificates: [{ keyType: "ec" }],
    });
    const [id] = legacy.certificates.keys();
    const shown = json(await getWithToken(legacy, `/v3/scm/certificates/${id}`));
    const listed = json<ListBody>(await getWithToken(legacy, "/v3/scm/certificates")).certificates[0];
    await legacy.stop();
    expect([shown.signature_algrithm, shown.signature_algorithm]).toEqual(["SHA256WITHECDSA", undefined]);
    expect(listed?.signature_algrithm).toBe("SHA256WITHECDSA");
  });

  it("answers an unknown path with the gateway's 404", async () => {
    const response = await getWithToken(scm, "/v3/scm/nothing");
    expect([response.status, json(response).error_code]).toEqual([404, "APIGW.0101"]);
  });
});
