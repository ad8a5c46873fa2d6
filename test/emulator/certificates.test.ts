import { createPrivateKey, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { DAY_MS } from "../../provider/constants";
import { expectValidChain, exportWithToken, json, pemBlocks } from "./helpers";

describe("certificate variants and lifecycle", () => {
  let scm: ScmEmulator;
  beforeAll(async () => {
    scm = await startScmEmulator({ certificates: [] });
  });
  afterAll(() => scm.stop());

  const exported = async (id: string) => json<Record<string, string>>(await exportWithToken(scm, id));

  it("starts with one RSA and one EC certificate, both ISSUED, by default", async () => {
    const other = await startScmEmulator();
    const certificates = [...other.certificates.values()];
    await other.stop();
    expect(certificates.map((certificate) => [certificate.keyType, certificate.status])).toEqual([
      ["rsa", "ISSUED"],
      ["ec", "ISSUED"],
    ]);
    for (const certificate of certificates) expect(certificate.id).toMatch(/^scs\d{13}$/);
  });

  it("issues the domain, SANs and validity dates asked for", async () => {
    const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 400 * DAY_MS);
    const notAfter = new Date(notBefore.getTime() + 10 * DAY_MS);
    const certificate = await scm.addCertificate({
      id: "my-own_id-12345A",
      domain: "*.example.org",
      sans: ["*.example.org", "example.org"],
      notBefore,
      notAfter,
    });
    const leaf = new X509Certificate((await exported(certificate.id)).certificate ?? "");
    expect(leaf.subject).toBe("CN=*.example.org");
    expect(leaf.subjectAltName).toBe("DNS:*.example.org, DNS:example.org");
    expect(new Date(leaf.validFrom).getTime()).toBe(notBefore.getTime());
    expect(new Date(leaf.validTo).getTime()).toBe(notAfter.getTime());
    expect(scm.certificates.get("my-own_id-12345A")).toBe(certificate);
  });

  it("serves the chain root-first with chainOrder reversed", async () => {
    const certificate = await scm.addCertificate({ chainOrder: "reversed" });
    const [first, second] = pemBlocks((await exported(certificate.id)).certificate_chain ?? "");
    expect(`${first}\n`).toBe(certificate.caCertificate);
    const leaf = new X509Certificate(certificate.certificate);
    expect(leaf.checkIssued(new X509Certificate(second ?? ""))).toBe(true);
  });

  it("serves another certificate's key with mismatchedKey", async () => {
    const certificate = await scm.addCertificate({ mismatchedKey: true, keyType: "ec" });
    const body = await exported(certificate.id);
    const leaf = new X509Certificate(body.certificate ?? "");
    expect(leaf.checkPrivateKey(createPrivateKey(body.private_key ?? ""))).toBe(false);
  });

  it("uses CRLF in every PEM with lineEnding crlf, and the chain still verifies", async () => {
    const certificate = await scm.addCertificate({ lineEnding: "crlf" });
    const body = await exported(certificate.id);
    for (const field of ["certificate", "certificate_chain", "entire_certificate", "private_key"]) {
      expect(body[field]).toContain("\r\n");
      expect(body[field]?.replaceAll("\r\n", "")).not.toContain("\n");
    }
    expectValidChain(body, certificate.caCertificate);
  });

  it("issues a leaf that is a CA with leafIsCa", async () => {
    const certificate = await scm.addCertificate({ leafIsCa: true });
    expect(new X509Certificate(certificate.certificate).ca).toBe(true);
  });

  it("issues expired and not-yet-valid certificates whose chains still verify", async () => {
    const expired = await scm.addCertificate({
      notBefore: new Date(Date.now() - 400 * DAY_MS),
      notAfter: new Date(Date.now() - DAY_MS),
    });
    const future = await scm.addCertificate({ notBefore: new Date(Date.now() + 10 * DAY_MS) });
    for (const certificate of [expired, future])
      expectValidChain(await exported(certificate.id), certificate.caCertificate);
    expect(new Date(new X509Certificate(expired.certificate).validTo).getTime()).toBeLessThan(Date.now());
  });

  it("serves an SM2 certificate Node cannot parse, with enc_certificate and enc_private_key", async () => {
    const certificate = await scm.addCertificate({ sm2: true });
    const body = await exported(certificate.id);
    expect(Object.keys(body).sort()).toEqual([
      "certificate",
      "certificate_chain",
      "enc_certificate",
      "enc_private_key",
      "entire_certificate",
      "private_key",
    ]);
    expect(body.certificate).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/,
    );
    expect(() => new X509Certificate(body.certificate ?? "")).toThrow();
    expect(() => new X509Certificate(body.enc_certificate ?? "")).toThrow();
    expect(() => createPrivateKey(body.enc_private_key ?? "")).not.toThrow();
  });

  it("rotates: new key and serial under the same id", async () => {
    const before = await scm.addCertificate();
    const after = await scm.rotateCertificate(before.id);
    expect(after.id).toBe(before.id);
    expect(after.privateKey).not.toBe(before.privateKey);
    expect(new X509Certificate(after.certificate).serialNumber).not.toBe(
      new X509Certificate(before.certificate).serialNumber,
    );
    expect((await exported(before.id)).private_key).toBe(after.privateKey);
  });

  it("renews: a new id, the same domains, a later expiry and a fresh key; the old one unchanged", async () => {
    const old = await scm.addCertificate({
      domain: "shop.example.net",
      sans: ["shop.example.net", "www.example.net"],
    });
    const renewed = await scm.renewCertificate(old.id);
    expect(renewed.id).not.toBe(old.id);
    expect(renewed.id).toMatch(/^scs\d{13}$/);
    expect([renewed.domain, renewed.sans]).toEqual([old.domain, old.sans]);
    expect(renewed.notAfter.getTime()).toBeGreaterThan(old.notAfter.getTime());
    expect(renewed.privateKey).not.toBe(old.privateKey);
    expect(scm.certificates.get(old.id)).toBe(old);
    expect((await exported(old.id)).certificate).toBe(old.certificate);
    expectValidChain(await exported(renewed.id), renewed.caCertificate);
  });

  it("changes a status and deletes a certificate", async () => {
    const certificate = await scm.addCertificate();
    scm.setStatus(certificate.id, "REVOKED");
    expect(scm.certificates.get(certificate.id)?.status).toBe("REVOKED");
    expect((await exportWithToken(scm, certificate.id)).status).toBe(400);
    scm.deleteCertificate(certificate.id);
    expect(scm.certificates.has(certificate.id)).toBe(false);
    expect((await exportWithToken(scm, certificate.id)).status).toBe(400);
  });

  it("refuses a duplicate id", async () => {
    const certificate = await scm.addCertificate();
    await expect(scm.addCertificate({ id: certificate.id })).rejects.toThrow(/already exists/);
  });
});
