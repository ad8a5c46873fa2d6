import { describe, expect, it } from "vitest";
import { ScmCertificateError, ScmError } from "../../provider/errors";
import { inspectExport } from "../../provider/x509";
import { privateKeySecrets, secretFindings } from "../support/secret-scan";
import type { KeyPair } from "./fixtures";
import { keyMaterial } from "./key-material";
import { opensslReport } from "./openssl-report";
import { x509Fixtures } from "./shared-fixtures";

const fixtures = x509Fixtures();

const certificateId = "scs1627959834994";
const crlfNoFinalNewline = (text: string): string => text.replace(/\n/g, "\r\n").trimEnd();

/** An export of `pair` with `chain`, as SCM could send it: CRLF and no final newline. */
function exportOf(pair: KeyPair, chain: string, privateKey = pair.privateKey) {
  return {
    certificateId,
    certificate: crlfNoFinalNewline(pair.certificate),
    certificateChain: crlfNoFinalNewline(chain),
    privateKey: crlfNoFinalNewline(privateKey),
    // Taken now, not at load: the fixtures are younger than this module.
    now: new Date(),
  };
}

function expectNoKeyIn(text: string, privateKey: string): void {
  expect(keyMaterial(privateKey).length).toBeGreaterThan(0);
  expect(secretFindings(privateKeySecrets("the private key", privateKey), [["the error", text]])).toEqual([]);
}

describe("inspectExport", () => {
  it("normalises every PEM, reads the metadata openssl reports and finds nothing wrong (RSA, PKCS#1 key)", () => {
    const { leaf, chain } = fixtures.rsa;
    const inspection = inspectExport(exportOf(leaf, chain));
    expect(inspection.normalized).toEqual({
      certificate: leaf.certificate,
      certificateChain: chain,
      entireCertificate: leaf.certificate + chain,
      privateKey: leaf.privateKey,
    });
    expect(inspection.metadata).toEqual(opensslReport(leaf.certificate));
    expect(inspection.warnings).toEqual([]);
  });

  it("does the same for EC with a SEC 1 key", () => {
    const { leaf, chain } = fixtures.ec;
    const inspection = inspectExport(exportOf(leaf, chain));
    expect(inspection.metadata).toEqual(opensslReport(leaf.certificate));
    expect(inspection.normalized.entireCertificate).toBe(leaf.certificate + chain);
    expect(inspection.warnings).toEqual([]);
  });

  it("throws ScmCertificateError for a key that does not match, naming the id and holding no key", () => {
    const { rsa, ec, strayRsaKey } = fixtures;
    for (const wrongKey of [strayRsaKey, ec.leaf.privateKey]) {
      let thrown: unknown;
      try {
        inspectExport(exportOf(rsa.leaf, rsa.chain, wrongKey));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ScmCertificateError);
      expect(thrown).toBeInstanceOf(ScmError);
      const error = thrown as ScmCertificateError;
      expect(error.code).toBe("SCM_ERR_CERTIFICATE");
      expect(error.message).toContain(certificateId);
      expect(error.message).toContain("nothing was written to the state");
      expect(error.cause).toBeUndefined();
      const everything = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
      expectNoKeyIn(everything, wrongKey);
      expectNoKeyIn(everything, rsa.leaf.privateKey);
    }
  });

  it("warns, without throwing, when the key cannot be read, and keeps it out of the warning", () => {
    const { leaf, chain } = fixtures.rsa;
    const garbageKey = `-----BEGIN PRIVATE KEY-----\n${"c2VjcmV0LWtleS1ieXRlcw".repeat(6)}\n-----END PRIVATE KEY-----\n`;
    const inspection = inspectExport(exportOf(leaf, chain, garbageKey));
    expect(inspection.warnings).toEqual([
      expect.stringMatching(/private key .* cannot be read .* not checked/),
    ]);
    expect(inspection.metadata).toEqual(opensslReport(leaf.certificate));
    expectNoKeyIn(inspection.warnings.join("\n"), garbageKey);
  });

  it("warns about an expired certificate", () => {
    const inspection = inspectExport(exportOf(fixtures.expired, fixtures.rsa.chain));
    expect(inspection.warnings).toEqual([expect.stringMatching(/expired on 2021-01-01T00:00:00Z/)]);
  });

  it("warns about a certificate not valid yet", () => {
    const inspection = inspectExport(exportOf(fixtures.notYetValid, fixtures.rsa.chain));
    expect(inspection.warnings).toEqual([
      expect.stringMatching(
        new RegExp(`not valid until ${opensslReport(fixtures.notYetValid.certificate)?.notBefore}`),
      ),
    ]);
  });

  it("warns about a chain in the wrong order and keeps the chain as SCM sent it", () => {
    const { leaf, root, intermediate } = fixtures.rsa;
    const reversed = root.certificate + intermediate.certificate;
    const inspection = inspectExport(exportOf(leaf, reversed));
    expect(inspection.warnings).toEqual([expect.stringMatching(/reverse order/)]);
    expect(inspection.normalized.certificateChain).toBe(reversed);
  });

  it("warns about a CA in the certificate's place", () => {
    const inspection = inspectExport(exportOf(fixtures.caLeaf, fixtures.rsa.chain));
    expect(inspection.warnings).toEqual([
      expect.stringMatching(/"not-a-leaf\.example\.com"\) is a CA certificate/),
    ]);
  });

  it("returns no metadata and one warning for a certificate it cannot parse, and skips the key check", () => {
    const { rsa, strayRsaKey, unparsable } = fixtures;
    const inspection = inspectExport({
      ...exportOf(rsa.leaf, rsa.chain, strayRsaKey),
      certificate: unparsable,
    });
    expect(inspection.metadata).toBeUndefined();
    expect(inspection.warnings).toEqual([
      expect.stringMatching(new RegExp(`^The certificate of ${certificateId} cannot be parsed`)),
    ]);
    expect(inspection.normalized.certificate).toBe(unparsable);
    expect(inspection.normalized.entireCertificate).toBe(unparsable + rsa.chain);
    expectNoKeyIn(inspection.warnings.join("\n"), strayRsaKey);
  });

  it("reads an SM2 certificate when Node's OpenSSL can, and checks its key", () => {
    const { sm2 } = fixtures;
    const inspection = inspectExport(exportOf(sm2, ""));
    expect(inspection.metadata).toEqual(opensslReport(sm2.certificate));
    expect(inspection.metadata?.keyAlgorithm).toBe("SM2");
    expect(inspection.warnings).toEqual([]);
    expect(inspection.normalized.certificateChain).toBe("");
    expect(inspection.normalized.entireCertificate).toBe(sm2.certificate);
  });
});
