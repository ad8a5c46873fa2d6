import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { normalizePem, splitPemBlocks } from "../../provider/x509";
import { joinPem } from "../support/x509-steps";
import { x509Fixtures } from "./shared-fixtures";

const fixtures = x509Fixtures();

const crlf = (text: string): string => text.replace(/\n/g, "\r\n");

describe("normalizePem", () => {
  it("leaves PEM that OpenSSL wrote unchanged, certificates and keys of every kind", () => {
    const { rsa, ec, ed25519, sm2 } = fixtures;
    for (const pem of [
      rsa.leaf.certificate,
      rsa.leaf.privateKey,
      rsa.leafKeyPkcs8,
      rsa.chain,
      ec.leaf.certificate,
      ec.leaf.privateKey,
      ed25519.privateKey,
      sm2.certificate,
    ]) {
      expect(normalizePem(pem)).toBe(pem);
    }
  });

  it("turns CRLF line ends into LF", () => {
    const normalized = normalizePem(crlf(fixtures.rsa.leaf.certificate));
    expect(normalized).not.toContain("\r");
    expect(normalized).toBe(fixtures.rsa.leaf.certificate);
  });

  it("rewraps text that only looks normalised: a line of 63 characters before a line of 65", () => {
    const pem = fixtures.rsa.leaf.certificate;
    const lines = pem.split("\n");
    const shifted = [
      lines[0],
      (lines[1] as string).slice(0, 63),
      `${(lines[1] as string).slice(63)}${lines[2]}`,
    ]
      .concat(lines.slice(3))
      .join("\n");
    expect(shifted).not.toBe(pem);
    expect(normalizePem(shifted)).toBe(pem);
    expect(splitPemBlocks(shifted).map((block) => block.pem)).toEqual([pem]);
  });

  it("gives the same text for any wrapping and line end, and is idempotent", () => {
    const { rsa, ec } = fixtures;
    for (const pem of [rsa.leaf.certificate, rsa.chain, ec.leaf.privateKey]) {
      const base64Of = (block: string) =>
        block
          .split("\n")
          .filter((line) => !line.startsWith("-----"))
          .join("");
      for (const width of [1, 17, 63, 64, 65, 76, 200]) {
        for (const eol of ["\n", "\r\n", "\r"]) {
          const rewrapped = splitPemBlocks(pem)
            .map(({ label, pem: block }) => {
              const lines = base64Of(block).match(new RegExp(`.{1,${width}}`, "g")) ?? [];
              return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(eol);
            })
            .join(eol);
          expect(normalizePem(rewrapped)).toBe(pem);
          expect(normalizePem(normalizePem(rewrapped))).toBe(pem);
        }
      }
    }
  });

  it("removes lone CR line ends, trailing spaces and tabs", () => {
    const messy = fixtures.ec.leaf.certificate.replace(/\n/g, " \t\r");
    expect(normalizePem(messy)).toBe(fixtures.ec.leaf.certificate);
  });

  it("adds the missing trailing newline and drops extra ones", () => {
    const pem = fixtures.rsa.leaf.certificate;
    expect(normalizePem(pem.trimEnd())).toBe(pem);
    expect(normalizePem(`${pem}\n\n\r\n`)).toBe(pem);
  });

  it("keeps every block in order, separated by a single newline", () => {
    const { intermediate, root } = fixtures.rsa;
    const spaced = `\n\n${intermediate.certificate}\r\n\r\n\n${root.certificate}\n\n`;
    const normalized = normalizePem(spaced);
    expect(normalized).toBe(intermediate.certificate + root.certificate);
    expect(normalized).toContain("-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----");
    expect(normalized.endsWith("-----END CERTIFICATE-----\n")).toBe(true);
  });

  it("drops text outside the blocks, such as bag attributes", () => {
    const withAttributes = `Bag Attributes\n    friendlyName: shop\nsubject=CN = shop.example.com\n${fixtures.rsa.leaf.certificate}trailer\n`;
    expect(normalizePem(withAttributes)).toBe(fixtures.rsa.leaf.certificate);
  });

  it("rewraps a body flattened onto one line at 64 columns", () => {
    const pem = fixtures.rsa.leaf.certificate;
    const flattened = pem.trimEnd().split("\n").join(" ");
    expect(normalizePem(flattened)).toBe(pem);
  });

  it("keeps the RFC 1421 headers of a legacy encrypted key and the blank line after them", () => {
    const body = "QUJD".repeat(20);
    const legacy = `-----BEGIN RSA PRIVATE KEY-----\r\nProc-Type: 4,ENCRYPTED  \r\nDEK-Info: AES-256-CBC,0011\r\n\r\n${body}\r\n-----END RSA PRIVATE KEY-----`;
    expect(normalizePem(legacy)).toBe(
      `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0011\n\n${body.slice(0, 64)}\n${body.slice(64)}\n-----END RSA PRIVATE KEY-----\n`,
    );
  });

  it("keeps a normalised certificate byte-for-byte the same certificate", () => {
    const original = new X509Certificate(fixtures.ec.leaf.certificate);
    const normalized = new X509Certificate(normalizePem(crlf(fixtures.ec.leaf.certificate).trimEnd()));
    expect(normalized.fingerprint256).toBe(original.fingerprint256);
  });

  it("is idempotent", () => {
    const once = normalizePem(crlf(`\n${fixtures.rsa.chain}\n\n`));
    expect(normalizePem(once)).toBe(once);
  });

  it("returns text without any block with LF line ends and one trailing newline, and blank text as empty", () => {
    expect(normalizePem("not a pem  \r\nsecond line\r\n\r\n")).toBe("not a pem\nsecond line\n");
    expect(normalizePem(" \r\n\n")).toBe("");
    expect(normalizePem("")).toBe("");
  });

  it("does not join a block whose END label differs from its BEGIN label", () => {
    expect(splitPemBlocks("-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n")).toEqual([]);
  });
});

describe("splitPemBlocks", () => {
  it("returns each block's label and normalised text, in order", () => {
    const { leaf } = fixtures.rsa;
    const blocks = splitPemBlocks(crlf(`${leaf.certificate}\n${leaf.privateKey}`));
    expect(blocks).toEqual([
      { label: "CERTIFICATE", pem: leaf.certificate },
      { label: "RSA PRIVATE KEY", pem: leaf.privateKey },
    ]);
  });

  it("reads the EC, PKCS#8 and SM2 labels", () => {
    const labels = splitPemBlocks(fixtures.ec.leaf.privateKey + fixtures.rsa.leafKeyPkcs8).map(
      (block) => block.label,
    );
    expect(labels).toEqual(["EC PRIVATE KEY", "PRIVATE KEY"]);
  });
});

describe("joinPem", () => {
  it("puts the certificate before the chain, one newline between, one at the end", () => {
    const { leaf, chain } = fixtures.rsa;
    const entire = joinPem(crlf(leaf.certificate).trimEnd(), crlf(`${chain}\n\n`));
    expect(entire).toBe(leaf.certificate + chain);
    expect(entire.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
    expect(entire).not.toMatch(/\n\n|\r/);
  });

  it("skips blank and missing parts", () => {
    expect(joinPem(fixtures.rsa.leaf.certificate, "", undefined, "\r\n")).toBe(fixtures.rsa.leaf.certificate);
  });
});
