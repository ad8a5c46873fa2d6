import { createPrivateKey, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compareKeyWithCertificate } from "../../provider/x509";
import { privateKeyMatchesCertificate } from "../support/x509-steps";
import { x509Fixtures } from "./shared-fixtures";

const fixtures = x509Fixtures();

describe("privateKeyMatchesCertificate", () => {
  it("accepts the leaf's own key as PKCS#1, SEC 1 and PKCS#8", () => {
    const { rsa, ec } = fixtures;
    expect(rsa.leaf.privateKey).toContain("BEGIN RSA PRIVATE KEY");
    expect(privateKeyMatchesCertificate(rsa.leaf.certificate, rsa.leaf.privateKey)).toBe(true);
    expect(privateKeyMatchesCertificate(rsa.leaf.certificate, rsa.leafKeyPkcs8)).toBe(true);
    expect(ec.leaf.privateKey).toContain("BEGIN EC PRIVATE KEY");
    expect(privateKeyMatchesCertificate(ec.leaf.certificate, ec.leaf.privateKey)).toBe(true);
    expect(privateKeyMatchesCertificate(ec.leaf.certificate, ec.leafKeyPkcs8)).toBe(true);
  });

  it("accepts Ed25519 and SM2 keys", () => {
    const { ed25519, sm2 } = fixtures;
    expect(privateKeyMatchesCertificate(ed25519.certificate, ed25519.privateKey)).toBe(true);
    expect(privateKeyMatchesCertificate(sm2.certificate, sm2.privateKey)).toBe(true);
  });

  it("accepts a key with CRLF line ends", () => {
    const { leaf } = fixtures.rsa;
    expect(privateKeyMatchesCertificate(leaf.certificate, leaf.privateKey.replace(/\n/g, "\r\n"))).toBe(true);
  });

  it("rejects another key of the same algorithm", () => {
    const { rsa, ec, strayRsaKey } = fixtures;
    expect(privateKeyMatchesCertificate(rsa.leaf.certificate, strayRsaKey)).toBe(false);
    expect(privateKeyMatchesCertificate(ec.leaf.certificate, ec.root.privateKey)).toBe(false);
  });

  it("rejects a key of another algorithm", () => {
    const { rsa, ec, ed25519 } = fixtures;
    expect(privateKeyMatchesCertificate(rsa.leaf.certificate, ec.leaf.privateKey)).toBe(false);
    expect(privateKeyMatchesCertificate(ec.leaf.certificate, rsa.leaf.privateKey)).toBe(false);
    expect(privateKeyMatchesCertificate(ed25519.certificate, ec.leaf.privateKey)).toBe(false);
  });

  it("returns false, without throwing, for anything that is not a usable key or certificate", () => {
    const { rsa, unparsable } = fixtures;
    const garbageKey = `-----BEGIN PRIVATE KEY-----\n${"QUJD".repeat(40)}\n-----END PRIVATE KEY-----\n`;
    for (const key of [garbageKey, "", "not a key", rsa.leaf.certificate]) {
      expect(privateKeyMatchesCertificate(rsa.leaf.certificate, key)).toBe(false);
    }
    expect(privateKeyMatchesCertificate(unparsable, rsa.leaf.privateKey)).toBe(false);
    expect(privateKeyMatchesCertificate("", rsa.leaf.privateKey)).toBe(false);
  });
});

describe("compareKeyWithCertificate", () => {
  it("tells a key that does not match from one that cannot be read", () => {
    const { rsa, strayRsaKey } = fixtures;
    const certificate = new X509Certificate(rsa.leaf.certificate);
    expect(compareKeyWithCertificate(certificate, rsa.leaf.privateKey)).toBe("matches");
    expect(compareKeyWithCertificate(certificate, strayRsaKey)).toBe("not-match");
    expect(
      compareKeyWithCertificate(
        certificate,
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
      ),
    ).toBe("unreadable");
  });

  it("calls an encrypted key unreadable: it has no passphrase to open it with", () => {
    const { leaf } = fixtures.rsa;
    const encrypted = createPrivateKey(leaf.privateKey).export({
      type: "pkcs8",
      format: "pem",
      cipher: "aes-256-cbc",
      passphrase: "fixture passphrase",
    });
    expect(compareKeyWithCertificate(new X509Certificate(leaf.certificate), String(encrypted))).toBe(
      "unreadable",
    );
  });
});
