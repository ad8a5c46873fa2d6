import { X509Certificate } from "node:crypto";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import {
  SCM_ABNORMAL_CERTIFICATE_ID,
  SCM_INCORRECT_CERTIFICATE_ID,
  SCM_TENANT_NO_PRIVILEGE,
} from "../../provider/huawei-codes";
import { certificateOf, expectValidChain, exportWithToken, getWithToken, json, pemBlocks } from "./helpers";

describe("export over HTTP", () => {
  let scm: ScmEmulator;
  beforeAll(async () => {
    scm = await startScmEmulator();
  });
  afterAll(() => scm.stop());

  it("serves an RSA certificate whose chain verifies up to the root and whose key matches", async () => {
    const certificate = certificateOf(scm, "rsa");
    const response = await exportWithToken(scm, certificate.id);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    const body = json<Record<string, string>>(response);
    expect(Object.keys(body).sort()).toEqual([
      "certificate",
      "certificate_chain",
      "entire_certificate",
      "private_key",
    ]);
    expect(body.entire_certificate).toBe(`${body.certificate}${body.certificate_chain}`);
    expect(body.private_key).toContain("-----BEGIN RSA PRIVATE KEY-----");
    const leaf = expectValidChain(body, certificate.caCertificate);
    expect(leaf.subjectAltName).toBe(`DNS:${certificate.domain}`);
    expect(leaf.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(leaf.ca).toBe(false);
    expect(body.certificate).toBe(certificate.certificate);
    expect(body.private_key).toBe(certificate.privateKey);
  });

  it("serves an EC P-256 certificate whose chain verifies and whose key matches", async () => {
    const certificate = certificateOf(scm, "ec");
    const body = json<Record<string, string>>(await exportWithToken(scm, certificate.id));
    const leaf = expectValidChain(body, certificate.caCertificate);
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });

  it("keeps every field within its documented maximum", async () => {
    const body = json<Record<string, string>>(await exportWithToken(scm, certificateOf(scm, "rsa").id));
    expect(body.certificate?.length).toBeLessThanOrEqual(4096);
    expect(body.certificate_chain?.length).toBeLessThanOrEqual(8192);
    expect(body.entire_certificate?.length).toBeLessThanOrEqual(12_288);
    expect(body.private_key?.length).toBeLessThanOrEqual(4096);
  });

  it("answers a well-formed id it does not hold with 400 SCM.0020, as SCM documents an incorrect id", async () => {
    const response = await exportWithToken(scm, "scs0000000000000");
    expect(response.status).toBe(400);
    expect(json(response)).toEqual({
      error_code: SCM_INCORRECT_CERTIFICATE_ID,
      error_msg: "Incorrect certificate ID.",
    });
  });

  it("answers a deleted certificate's id as one it never held", async () => {
    const deleted = await scm.addCertificate();
    scm.deleteCertificate(deleted.id);
    const response = await exportWithToken(scm, deleted.id);
    expect([response.status, json(response).error_code]).toEqual([400, SCM_INCORRECT_CERTIFICATE_ID]);
  });

  it.each(["scs123", "scs12345678901234", "scs1234567890%2F1", "scs1234567890..1", "scs12345678901 3"])(
    "answers the malformed id %j with 400 SCM.0008",
    async (id) => {
      const response = await exportWithToken(scm, encodeURI(id));
      expect(response.status).toBe(400);
      expect(json(response)).toEqual({
        error_code: SCM_ABNORMAL_CERTIFICATE_ID,
        error_msg: "Abnormal certificate ID",
      });
    },
  );

  it("answers another account's certificate with 400 SCM.0003, and leaves it out of the listing", async () => {
    const foreign = await scm.addCertificate({ otherAccount: true });
    try {
      const response = await exportWithToken(scm, foreign.id);
      expect(json(response)).toEqual({
        error_code: SCM_TENANT_NO_PRIVILEGE,
        error_msg: "Tenant has no privilege.",
      });
      expect(response.status).toBe(400);
      const listed = await getWithToken(scm, "/v3/scm/certificates?limit=50");
      expect(json<{ certificates: { id: string }[] }>(listed).certificates.map((c) => c.id)).not.toContain(
        foreign.id,
      );
    } finally {
      scm.deleteCertificate(foreign.id);
    }
  });

  it("answers a certificate that is not issued with 400 SCM.0010", async () => {
    const checking = await scm.addCertificate({ status: "CHECKING" });
    const response = await exportWithToken(scm, checking.id);
    expect(response.status).toBe(400);
    expect(json(response).error_code).toBe("SCM.0010");
  });

  it("exports an uploaded certificate", async () => {
    const uploaded = await scm.addCertificate({ status: "UPLOAD", keyType: "ec" });
    expect((await exportWithToken(scm, uploaded.id)).status).toBe(200);
  });

  it("answers a wrong token with 401 APIGW.0301, and checks the token before the id", async () => {
    const wrong = await exportWithToken(scm, "bad", { "x-auth-token": "x".repeat(64) });
    expect(wrong.status).toBe(401);
    expect(json(wrong).error_code).toBe("APIGW.0301");
    const none = await exportWithToken(scm, certificateOf(scm, "rsa").id, {});
    expect(none.status).toBe(401);
    expect(json(none).error_code).toBe("APIGW.0301");
  });

  it("sends a fresh X-Request-Id on every response and logs every request with its headers", async () => {
    scm.resetLog();
    const id = certificateOf(scm, "rsa").id;
    const responses = [await exportWithToken(scm, id), await exportWithToken(scm, "scs0000000000000")];
    const ids = responses.map((response) => response.headers["x-request-id"]);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(scm.requests.map((entry) => [entry.method, entry.status, entry.certificateId])).toEqual([
      ["POST", 200, id],
      ["POST", 400, "scs0000000000000"],
    ]);
    expect(scm.requests[0]?.path).toBe(`/v3/scm/certificates/${id}/export`);
    expect(scm.requests[0]?.headers["x-auth-token"]).toBe(scm.token);
  });

  it("keeps connections alive and counts them", async () => {
    scm.resetLog();
    const agent = new Agent({ connections: 1 });
    const id = certificateOf(scm, "ec").id;
    for (let i = 0; i < 20; i++) expect((await exportWithToken(scm, id, undefined, agent)).status).toBe(200);
    expect(scm.connections).toBe(1);
    expect(scm.requests).toHaveLength(20);
    await agent.close();
    const other = new Agent();
    await exportWithToken(scm, id, undefined, other);
    expect(scm.connections).toBe(2);
    await other.close();
  });
});

describe("stop", () => {
  it("closes idle keep-alive connections at once, after which requests are refused", async () => {
    const scm = await startScmEmulator({ certificates: [{ keyType: "ec" }] });
    const [id] = scm.certificates.keys() as unknown as [string];
    const agent = new Agent();
    expect((await exportWithToken(scm, id, undefined, agent)).status).toBe(200);
    await scm.stop();
    await expect(exportWithToken(scm, id, undefined, agent)).rejects.toThrow();
    await agent.close();
  });
});

describe("export over HTTPS", () => {
  let scm: ScmEmulator;
  let agent: Agent;
  beforeAll(async () => {
    scm = await startScmEmulator({ https: true });
    agent = new Agent({ connect: { ca: scm.caCertificate } });
  });
  afterAll(async () => {
    await agent.close();
    await scm.stop();
  });

  it("serves on https://127.0.0.1 with a certificate from its own CA", async () => {
    expect(scm.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const server = new X509Certificate(pemBlocks(scm.caCertificate ?? "")[0] ?? "");
    expect(server.ca).toBe(true);
    const certificate = certificateOf(scm, "rsa");
    const response = await exportWithToken(scm, certificate.id, undefined, agent);
    expect(response.status).toBe(200);
    expectValidChain(json<Record<string, string>>(response), certificate.caCertificate);
  });

  it("counts TLS connections and injects connection faults over TLS too", async () => {
    scm.resetLog();
    const id = certificateOf(scm, "ec").id;
    const single = new Agent({ connect: { ca: scm.caCertificate }, connections: 1 });
    for (let i = 0; i < 5; i++) expect((await exportWithToken(scm, id, undefined, single)).status).toBe(200);
    expect(scm.connections).toBe(1);
    scm.setFault({ kind: "reset", times: 1 });
    await expect(exportWithToken(scm, id, undefined, single)).rejects.toThrow();
    scm.setFault({ kind: "truncated", times: 1 });
    await expect(exportWithToken(scm, id, undefined, single)).rejects.toThrow();
    expect((await exportWithToken(scm, id, undefined, single)).status).toBe(200);
    expect(scm.connections).toBe(3);
    await single.close();
  });

  it("is refused by a client that does not trust the CA", async () => {
    const untrusting = new Agent();
    await expect(exportWithToken(scm, certificateOf(scm, "rsa").id, undefined, untrusting)).rejects.toThrow();
    await untrusting.close();
  });
});
