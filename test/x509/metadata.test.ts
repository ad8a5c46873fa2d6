import { describe, expect, it } from "vitest";
import { certificateMetadata } from "../support/x509-steps";
import { opensslReport } from "./openssl-report";
import { x509Fixtures } from "./shared-fixtures";

const fixtures = x509Fixtures();

/** Every certificate the fixtures hold, by a readable name. */
function certificates(): [string, string][] {
  const { rsa, ec, ed25519, sm2, expired, notYetValid, caLeaf } = fixtures;
  return [
    ["RSA root", rsa.root.certificate],
    ["RSA intermediate", rsa.intermediate.certificate],
    ["RSA leaf", rsa.leaf.certificate],
    ["EC root", ec.root.certificate],
    ["EC P-384 intermediate", ec.intermediate.certificate],
    ["EC leaf", ec.leaf.certificate],
    ["Ed25519 leaf", ed25519.certificate],
    ["SM2 self-signed", sm2.certificate],
    ["expired leaf", expired.certificate],
    ["not-yet-valid leaf", notYetValid.certificate],
    ["CA as leaf", caLeaf.certificate],
  ];
}

describe("certificateMetadata", () => {
  it("reports every field exactly as openssl x509 does, for every fixture", () => {
    for (const [name, pem] of certificates()) {
      const expected = opensslReport(pem);
      expect(expected, name).toBeDefined();
      expect(certificateMetadata(pem), name).toEqual(expected);
    }
  });

  it("reports the same for CRLF line ends and a missing trailing newline", () => {
    for (const [name, pem] of certificates()) {
      const crlf = pem.replace(/\n/g, "\r\n").trimEnd();
      expect(certificateMetadata(crlf), name).toEqual(opensslReport(pem));
    }
  });

  it("reads the RSA leaf's fields in the documented formats", () => {
    const metadata = certificateMetadata(fixtures.rsa.leaf.certificate);
    expect(metadata).toMatchObject({
      serialNumber: "01",
      subject: "shop.example.com",
      subjectAlternativeNames: ["shop.example.com", "www.shop.example.com", "192.0.2.10"],
      issuer: "C=CN, O=Example Trust\\, Inc., CN=Example RSA Intermediate CA",
      keyAlgorithm: "RSA-2048",
    });
    expect(metadata?.notBefore).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(metadata?.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it("reads the EC leaf: a serial with its top bit set, IPv6 as OpenSSL writes it, email left out", () => {
    expect(certificateMetadata(fixtures.ec.leaf.certificate)).toMatchObject({
      serialNumber: "8F0E0D0C0B0A09080706050403020100",
      subjectAlternativeNames: ["api.example.com", "*.api.example.com", "2001:DB8:0:0:0:0:0:1"],
      keyAlgorithm: "EC-P256",
    });
    expect(certificateMetadata(fixtures.ec.intermediate.certificate)?.keyAlgorithm).toBe("EC-P384");
  });

  it("reads serial 0 as 00, no SAN as an empty list, Ed25519 and SM2 keys", () => {
    expect(certificateMetadata(fixtures.ed25519.certificate)).toMatchObject({
      serialNumber: "00",
      subjectAlternativeNames: [],
      keyAlgorithm: "Ed25519",
    });
    expect(certificateMetadata(fixtures.sm2.certificate)?.keyAlgorithm).toBe("SM2");
  });

  it("reads the validity of a backdated certificate", () => {
    expect(certificateMetadata(fixtures.expired.certificate)).toMatchObject({
      notBefore: "2020-01-01T00:00:00Z",
      notAfter: "2021-01-01T00:00:00Z",
    });
  });

  it("is undefined for a certificate neither Node nor openssl can parse", () => {
    expect(opensslReport(fixtures.unparsable)).toBeUndefined();
    expect(certificateMetadata(fixtures.unparsable)).toBeUndefined();
    expect(certificateMetadata("")).toBeUndefined();
    expect(certificateMetadata(fixtures.rsa.leaf.privateKey)).toBeUndefined();
  });

  it("reads the first certificate of a PEM holding the chain too", () => {
    const { leaf, chain } = fixtures.rsa;
    expect(certificateMetadata(leaf.certificate + chain)).toEqual(opensslReport(leaf.certificate));
  });

  it("gives the same answer every time for the same PEM", () => {
    const pem = fixtures.ec.leaf.certificate;
    expect(JSON.stringify(certificateMetadata(pem))).toBe(JSON.stringify(certificateMetadata(pem)));
  });
});
