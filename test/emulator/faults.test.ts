import { createPrivateKey, X509Certificate } from "node:crypto";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { certificateOf, exportWithToken, getWithToken, json, pemBlocks } from "./helpers";

describe("faults", () => {
  let scm: ScmEmulator;
  let rsaId: string;
  let ecId: string;
  beforeAll(async () => {
    scm = await startScmEmulator();
    rsaId = certificateOf(scm, "rsa").id;
    ecId = certificateOf(scm, "ec").id;
  });
  afterEach(() => {
    scm.clearFaults();
    scm.resetLog();
  });
  afterAll(() => scm.stop());

  it("answers N requests with a status fault, then the normal answer returns", async () => {
    scm.setFault({ kind: "status", status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await exportWithToken(scm, rsaId)).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(scm.requests.map((entry) => entry.status)).toEqual([500, 500, 200]);
  });

  it("sends SCM- or APIGW-shaped bodies, custom codes and Retry-After", async () => {
    scm.setFault({ kind: "status", status: 503 });
    const unavailable = await exportWithToken(scm, rsaId);
    expect([unavailable.status, json(unavailable).error_code]).toEqual([503, "APIGW.0613"]);
    // SCM documents no 404 of its own: a 404 with no code named is the gateway's.
    scm.setFault({ kind: "status", status: 404 });
    expect(json(await exportWithToken(scm, rsaId)).error_code).toBe("APIGW.0101");
    scm.setFault({
      kind: "status",
      status: 403,
      errorCode: "SCM.0003",
      errorMessage: "Tenant has no privilege",
    });
    expect(json(await exportWithToken(scm, rsaId))).toEqual({
      error_code: "SCM.0003",
      error_msg: "Tenant has no privilege",
    });
    scm.setFault({ kind: "status", status: 429, retryAfterSeconds: 3 });
    const throttled = await exportWithToken(scm, rsaId);
    expect([throttled.status, throttled.headers["retry-after"], json(throttled).error_code]).toEqual([
      429,
      "3",
      "APIGW.0308",
    ]);
  });

  it("sends an HTML page for a status fault with html: true", async () => {
    scm.setFault({ kind: "status", status: 504, html: true });
    const response = await exportWithToken(scm, rsaId);
    expect(response.status).toBe(504);
    expect(response.headers["content-type"]).toBe("text/html");
    expect(response.text).toContain("<html>");
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("delays the answer", async () => {
    scm.setFault({ kind: "delay", ms: 3_000, times: 1 });
    const impatient = new Agent({ headersTimeout: 100 });
    await expect(exportWithToken(scm, rsaId, undefined, impatient)).rejects.toThrow(/timeout/i);
    await impatient.close();
    expect((await exportWithToken(scm, rsaId)).status).toBe(200);
  });

  it("resets the connection without an answer", async () => {
    scm.setFault({ kind: "reset", times: 1 });
    const agent = new Agent();
    await expect(exportWithToken(scm, rsaId, undefined, agent)).rejects.toThrow();
    expect((await exportWithToken(scm, rsaId, undefined, agent)).status).toBe(200);
    await agent.close();
    expect(scm.requests.map((entry) => entry.status)).toEqual([0, 200]);
    expect(scm.connections).toBe(2);
  });

  it("sends a truncated body, then closes the connection", async () => {
    scm.setFault({ kind: "truncated", times: 1 });
    await expect(exportWithToken(scm, rsaId)).rejects.toThrow();
    expect((await exportWithToken(scm, rsaId)).status).toBe(200);
  });

  it("sends a gateway's 502 HTML page for non-json", async () => {
    scm.setFault({ kind: "non-json" });
    const response = await exportWithToken(scm, rsaId);
    expect(response.status).toBe(502);
    expect(() => JSON.parse(response.text)).toThrow();
  });

  it("sends a 200 body over 64 KiB for oversized", async () => {
    scm.setFault({ kind: "oversized" });
    const response = await exportWithToken(scm, rsaId);
    expect(response.status).toBe(200);
    expect(Buffer.byteLength(response.text)).toBeGreaterThan(64 * 1024);
  });

  it("leaves a field out for missing-field", async () => {
    scm.setFault({ kind: "missing-field", field: "private_key" });
    const body = json(await exportWithToken(scm, rsaId));
    expect(Object.keys(body).sort()).toEqual(["certificate", "certificate_chain", "entire_certificate"]);
  });

  it.each([
    ["certificate", 4096],
    ["certificate_chain", 8192],
    ["entire_certificate", 12_288],
  ])("pads %s past its maximum of %i with certificates that still parse", async (field, limit) => {
    scm.setFault({ kind: "field-over-limit", field });
    const value = json<Record<string, string>>(await exportWithToken(scm, rsaId))[field] ?? "";
    expect(value.length).toBeGreaterThan(limit);
    for (const block of pemBlocks(value)) expect(() => new X509Certificate(block)).not.toThrow();
    const certificate = certificateOf(scm, "rsa");
    const original = {
      certificate: certificate.certificate,
      certificate_chain: certificate.certificateChain,
      entire_certificate: certificate.certificate + certificate.certificateChain,
    }[field];
    expect(value.startsWith(original ?? "?")).toBe(true);
    expect(
      pemBlocks(value.slice(original?.length)).every((block) => `${block}\n` === certificate.caCertificate),
    ).toBe(true);
  });

  it("pads private_key past 4096 with explanatory text that PEM readers skip", async () => {
    scm.setFault({ kind: "field-over-limit", field: "private_key" });
    const body = json<Record<string, string>>(await exportWithToken(scm, ecId));
    expect(body.private_key?.length).toBeGreaterThan(4096);
    const key = createPrivateKey(body.private_key ?? "");
    expect(new X509Certificate(body.certificate ?? "").checkPrivateKey(key)).toBe(true);
  });

  it("refuses field-over-limit for a field without a documented maximum", () => {
    expect(() => scm.setFault({ kind: "field-over-limit", field: "enc_certificate" })).toThrow(/supports/);
  });

  it("treats times: 0 as no fault", async () => {
    scm.setFault({ kind: "status", status: 500 });
    scm.setFault({ kind: "status", status: 503, times: 0 });
    expect((await exportWithToken(scm, rsaId)).status).toBe(200);
  });

  it("lets a certificate's own fault win over the fault for all, and clears both", async () => {
    scm.setFault({ kind: "status", status: 500 });
    scm.setFault({ kind: "status", status: 503 }, { certificateId: rsaId });
    expect((await exportWithToken(scm, rsaId)).status).toBe(503);
    expect((await exportWithToken(scm, ecId)).status).toBe(500);
    scm.setFault({ kind: "status", status: 502 }, { certificateId: rsaId });
    expect((await exportWithToken(scm, rsaId)).status).toBe(502);
    scm.clearFaults();
    expect((await exportWithToken(scm, rsaId)).status).toBe(200);
  });

  it("applies faults to list and show too, but only after authentication", async () => {
    scm.setFault({ kind: "status", status: 500, times: 3 });
    expect((await getWithToken(scm, "/v3/scm/certificates")).status).toBe(500);
    expect((await getWithToken(scm, `/v3/scm/certificates/${rsaId}`)).status).toBe(500);
    expect((await exportWithToken(scm, rsaId, { "x-auth-token": "y".repeat(40) })).status).toBe(401);
    expect((await exportWithToken(scm, rsaId)).status).toBe(500);
    expect((await getWithToken(scm, "/v3/scm/certificates")).status).toBe(200);
  });
});
