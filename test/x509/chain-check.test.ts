import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { privateKeySecrets, secretFindings } from "../support/secret-scan";
import { checkChain } from "../support/x509-steps";
import { x509Fixtures } from "./shared-fixtures";

const fixtures = x509Fixtures();

describe("checkChain", () => {
  it("finds nothing wrong with an RSA or EC chain in order, with or without its root", () => {
    const { rsa, ec } = fixtures;
    expect(checkChain(rsa.leaf.certificate, rsa.chain)).toEqual([]);
    expect(checkChain(rsa.leaf.certificate, rsa.intermediate.certificate)).toEqual([]);
    expect(checkChain(ec.leaf.certificate, ec.chain)).toEqual([]);
    expect(checkChain(fixtures.ed25519.certificate, ec.intermediate.certificate)).toEqual([]);
  });

  it("finds nothing wrong with CRLF line ends and odd blank lines", () => {
    const { leaf, chain } = fixtures.rsa;
    expect(
      checkChain(leaf.certificate.replace(/\n/g, "\r\n"), `\r\n${chain.replace(/\n/g, "\r\n")}\r\n\r\n`),
    ).toEqual([]);
  });

  it("says when the chain is in reverse order", () => {
    const { leaf, root, intermediate } = fixtures.rsa;
    const warnings = checkChain(leaf.certificate, root.certificate + intermediate.certificate);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/chain is in reverse order/);
  });

  it("names the chain certificate at fault, and its position, when the intermediate is missing", () => {
    const { leaf, root } = fixtures.rsa;
    expect(checkChain(leaf.certificate, root.certificate)).toEqual([
      expect.stringMatching(
        /^Chain certificate 1 \("Example RSA Root CA"\) did not issue and sign the certificate \("shop\.example\.com"\)/,
      ),
    ]);
  });

  it("names each broken link of a chain that belongs to another certificate", () => {
    const { rsa, ec } = fixtures;
    const warnings = checkChain(rsa.leaf.certificate, ec.intermediate.certificate + rsa.root.certificate);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Chain certificate 1 \("Example EC Intermediate CA"\) did not issue and sign the certificate/,
      ),
      expect.stringMatching(
        /^Chain certificate 2 \("Example RSA Root CA"\) did not issue and sign chain certificate 1 \("Example EC Intermediate CA"\)/,
      ),
    ]);
  });

  it("catches a chain certificate with the issuer's name and key id that did not sign the certificate", () => {
    const { rsa, impostorIntermediate } = fixtures;
    // The names and key identifiers match, so only the signature check can tell.
    expect(
      new X509Certificate(rsa.leaf.certificate).checkIssued(
        new X509Certificate(impostorIntermediate.certificate),
      ),
    ).toBe(true);
    expect(checkChain(rsa.leaf.certificate, impostorIntermediate.certificate)).toEqual([
      expect.stringMatching(
        /^Chain certificate 1 \("Example RSA Intermediate CA"\) did not issue and sign the certificate/,
      ),
    ]);
  });

  it("gives the same verdicts when chain certificates it has seen come back in another order or for another certificate", () => {
    const { rsa, ec, impostorIntermediate } = fixtures;
    const inOrder = rsa.intermediate.certificate + rsa.root.certificate;
    const reversed = rsa.root.certificate + rsa.intermediate.certificate;
    const verdicts = () => [
      checkChain(rsa.leaf.certificate, inOrder),
      checkChain(rsa.leaf.certificate, reversed),
      checkChain(ec.leaf.certificate, inOrder),
      checkChain(rsa.leaf.certificate, impostorIntermediate.certificate + rsa.root.certificate),
      checkChain(rsa.leaf.certificate, rsa.intermediate.certificate),
    ];
    const first = verdicts();
    expect(first.map((warnings) => warnings.length)).toEqual([0, 1, 1, 2, 0]);
    expect(verdicts()).toEqual(first);
  });

  it("warns when the certificate is a CA", () => {
    const { caLeaf, rsa } = fixtures;
    expect(checkChain(caLeaf.certificate, rsa.chain)).toEqual([
      expect.stringMatching(/^The certificate \("not-a-leaf\.example\.com"\) is a CA certificate/),
    ]);
  });

  it("warns when the chain is empty but the certificate was issued by another", () => {
    const warnings = checkChain(fixtures.rsa.leaf.certificate, "\r\n");
    expect(warnings).toEqual([
      expect.stringMatching(/chain is empty.*Example RSA Intermediate CA.*lack the intermediate/),
    ]);
  });

  it("does not ask a self-issued certificate for a chain", () => {
    expect(checkChain(fixtures.sm2.certificate, "")).toEqual([]);
  });

  it("warns about a chain member that cannot be parsed, and still checks the rest", () => {
    const { leaf, intermediate, root } = fixtures.rsa;
    const warnings = checkChain(
      leaf.certificate,
      intermediate.certificate + fixtures.unparsable + root.certificate,
    );
    expect(warnings).toEqual([expect.stringMatching(/^Chain certificate 2 cannot be parsed/)]);
    const broken = checkChain(leaf.certificate, fixtures.unparsable + root.certificate);
    expect(broken).toEqual([expect.stringMatching(/^Chain certificate 1 cannot be parsed/)]);
  });

  it("names a key in the chain by its label only", () => {
    const { leaf, chain } = fixtures.rsa;
    const warnings = checkChain(leaf.certificate, chain + leaf.privateKey);
    expect(warnings).toEqual([
      expect.stringMatching(/^Chain block 3 is a RSA PRIVATE KEY, not a CERTIFICATE/),
    ]);
    expect(
      secretFindings(privateKeySecrets("the private key", leaf.privateKey), [
        ["the warnings", warnings.join("\n")],
      ]),
    ).toEqual([]);
  });

  it("warns about a chain without any PEM block", () => {
    expect(checkChain(fixtures.rsa.leaf.certificate, "garbage")).toEqual([
      expect.stringMatching(/chain holds no PEM block/),
    ]);
  });
});
