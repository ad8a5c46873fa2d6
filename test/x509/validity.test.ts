import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../provider/constants";
import {
  type CertificateMetadata,
  DEFAULT_EXPIRY_WARNING_DAYS,
  expiryWarning,
  validityWarnings,
} from "../../provider/x509";
import { certificateMetadata } from "../support/x509-steps";
import { opensslReport } from "./openssl-report";
import { x509Fixtures } from "./shared-fixtures";

const fixtures = x509Fixtures();

const metadataOf = (pem: string): CertificateMetadata => {
  const metadata = certificateMetadata(pem);
  if (metadata === undefined) throw new Error("fixture did not parse");
  return metadata;
};

describe("validityWarnings", () => {
  it("says when a certificate expired, naming it and the date openssl reports", () => {
    const metadata = metadataOf(fixtures.expired.certificate);
    const warnings = validityWarnings(metadata, new Date());
    expect(warnings).toEqual([
      `The certificate "expired.example.com" expired on ${opensslReport(fixtures.expired.certificate)?.notAfter}: clients reject it. Renew it in SCM and export the renewal.`,
    ]);
  });

  it("says when a certificate is not valid yet", () => {
    const metadata = metadataOf(fixtures.notYetValid.certificate);
    expect(validityWarnings(metadata, new Date())).toEqual([
      expect.stringMatching(
        new RegExp(
          `^The certificate "not-yet-valid\\.example\\.com" is not valid until ${metadata.notBefore}`,
        ),
      ),
    ]);
  });

  it("finds nothing wrong with a certificate valid now", () => {
    expect(validityWarnings(metadataOf(fixtures.rsa.leaf.certificate), new Date())).toEqual([]);
  });

  it("counts both ends of the validity as valid, as OpenSSL does", () => {
    const metadata = metadataOf(fixtures.rsa.leaf.certificate);
    const notBefore = Date.parse(metadata.notBefore);
    const notAfter = Date.parse(metadata.notAfter);
    expect(validityWarnings(metadata, new Date(notBefore))).toEqual([]);
    expect(validityWarnings(metadata, new Date(notAfter))).toEqual([]);
    expect(validityWarnings(metadata, new Date(notBefore - 1000))).toEqual([
      expect.stringMatching(/not valid until/),
    ]);
    expect(validityWarnings(metadata, new Date(notAfter + 1000))).toEqual([
      expect.stringMatching(/expired on/),
    ]);
  });
});

describe("expiryWarning", () => {
  const notAfter = "2027-01-31T12:00:00Z";
  const at = (daysBefore: number): Date => new Date(Date.parse(notAfter) - daysBefore * DAY_MS);

  it("names the certificate id, its domain and the date, and says how to follow the renewal", () => {
    const message = expiryWarning({
      certificateId: "scs1627959834994",
      domain: "shop.example.com",
      notAfter,
      now: at(12.5),
      expiryWarningDays: 30,
    });
    expect(message).toBe(
      "Certificate scs1627959834994 for shop.example.com expires on 2027-01-31T12:00:00Z (in 12 days). " +
        'SCM issues a renewal under a new id: switch this resource to `domain: "shop.example.com"` to follow ' +
        "renewals, or set `certificateId` to the renewed certificate's id.",
    );
  });

  it("warns from 30 days before by default", () => {
    expect(DEFAULT_EXPIRY_WARNING_DAYS).toBe(30);
    const input = { certificateId: "scs1627959834994", domain: "shop.example.com", notAfter };
    expect(expiryWarning({ ...input, now: at(29.9) })).toMatch(/in 29 days/);
    expect(expiryWarning({ ...input, now: at(30) })).toBeUndefined();
    expect(expiryWarning({ ...input, now: at(31) })).toBeUndefined();
  });

  it("honours expiryWarningDays, and 0 turns the warning off", () => {
    const input = { certificateId: "scs1627959834994", notAfter };
    expect(expiryWarning({ ...input, now: at(50), expiryWarningDays: 60 })).toMatch(/in 50 days/);
    expect(expiryWarning({ ...input, now: at(50), expiryWarningDays: 45 })).toBeUndefined();
    expect(expiryWarning({ ...input, now: at(0.5), expiryWarningDays: 0 })).toBeUndefined();
  });

  it("leaves an expired certificate to validityWarnings", () => {
    expect(expiryWarning({ certificateId: "scs1627959834994", notAfter, now: at(-1) })).toBeUndefined();
  });

  it("says 'in less than a day' and 'in 1 day'", () => {
    const input = { certificateId: "scs1627959834994", notAfter };
    expect(expiryWarning({ ...input, now: at(0.25) })).toMatch(/\(in less than a day\)/);
    expect(expiryWarning({ ...input, now: at(1.5) })).toMatch(/\(in 1 day\)/);
  });

  it("tells a resource chosen by domain that the next update follows the renewal", () => {
    const message = expiryWarning({
      certificateId: "scs1627959834994",
      domain: "*.example.com",
      notAfter,
      now: at(3),
      selectedBy: "domain",
    });
    expect(message).toBe(
      "Certificate scs1627959834994 for *.example.com expires on 2027-01-31T12:00:00Z (in 3 days). " +
        "Renew it in SCM: once the renewal is issued, the next `pulumi up` moves to it.",
    );
  });

  it("works without a domain", () => {
    expect(expiryWarning({ certificateId: "scs1627959834994", notAfter, now: at(3) })).toMatch(
      /^Certificate scs1627959834994 expires on .*switch this resource to `domain` to follow renewals/,
    );
  });

  it("reads a real certificate's notAfter", () => {
    const metadata = metadataOf(fixtures.rsa.leaf.certificate);
    const now = new Date(Date.parse(metadata.notAfter) - 10 * DAY_MS);
    const message = expiryWarning({
      certificateId: "scs1627959834994",
      domain: metadata.subject,
      notAfter: metadata.notAfter,
      now,
    });
    expect(message).toContain(
      `expires on ${opensslReport(fixtures.rsa.leaf.certificate)?.notAfter} (in 10 days)`,
    );
  });
});
