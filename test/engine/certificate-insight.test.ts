import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CertificateSpec, EmulatedCertificate, ScmEmulator } from "../../emulator";
import { type ProviderHost, urnOf } from "../../harness/provider-host";
import { runProgram } from "../../harness/run-program";
import { entireCertificateOf } from "../../provider/resource/derived-outputs";
import { rfc3339 } from "../../provider/x509/x509-metadata";
import { type HostFixture, inDays, startHostFixture } from "../support/host-fixture";
import { failed } from "../support/host-harness";
import { type NamedText, privateKeySecrets, secretFindings } from "../support/secret-scan";
import { opensslReport } from "../x509/openssl-report";

const SPECS: Record<string, CertificateSpec> = {
  rsa: { domain: "rsa.example.com", sans: ["rsa.example.com", "www.rsa.example.com"] },
  ec: { domain: "ec.example.com", keyType: "ec" },
  expired: { domain: "old.example.com", notBefore: inDays(-400), notAfter: inDays(-3) },
  notYetValid: { domain: "future.example.com", notBefore: inDays(10), notAfter: inDays(400) },
  mismatched: { domain: "mismatch.example.com", mismatchedKey: true },
  reversed: { domain: "reversed.example.com", chainOrder: "reversed" },
  crlf: { domain: "crlf.example.com", lineEnding: "crlf" },
  leafIsCa: { domain: "ca.example.com", leafIsCa: true },
  sm2: { domain: "sm2.example.com", sm2: true },
};

let emulator: ScmEmulator;
let host: ProviderHost;
let providerText: string;
const certs: Record<string, EmulatedCertificate> = {};

let fixture: HostFixture;

beforeAll(async () => {
  fixture = await startHostFixture({ emulator: { certificates: Object.values(SPECS) } });
  ({ emulator, host, providerText } = fixture);
  const all = [...emulator.certificates.values()];
  for (const [name, spec] of Object.entries(SPECS)) {
    certs[name] = all.find((c) => c.domain === spec.domain) as EmulatedCertificate;
  }
});

afterAll(() => fixture?.stop());

async function create(name: string) {
  const cert = certs[name] as EmulatedCertificate;
  const before = host.diagnostics.length;
  const created = await host.create(urnOf(name), {
    __provider: providerText,
    __urn: urnOf(name),
    certificateId: cert.id,
  });
  const reported = host.diagnosticsFrom(before);
  // Every warning is the resource's own diagnostic, counted by the engine as a warning.
  for (const d of reported) expect(d).toMatchObject({ severity: "warning", urn: urnOf(name) });
  return { cert, outputs: created.outputs, warnings: reported.map((d) => d.message).join("\n") };
}

const METADATA = [
  "notBefore",
  "notAfter",
  "serialNumber",
  "fingerprintSha256",
  "subject",
  "subjectAlternativeNames",
  "issuer",
  "keyAlgorithm",
];

describe("metadata outputs", () => {
  it.each(["rsa", "ec", "crlf", "reversed"])(
    "match what openssl reports for the %s certificate",
    async (name) => {
      const { cert, outputs } = await create(name);
      const expected = opensslReport(cert.certificate.replace(/\r\n/g, "\n"));
      expect(expected).toBeDefined();
      expect(Object.fromEntries(METADATA.map((key) => [key, outputs[key]]))).toEqual(expected);
    },
  );

  it("name the key algorithm and size", async () => {
    expect((await create("rsa")).outputs.keyAlgorithm).toBe("RSA-2048");
    expect((await create("ec")).outputs.keyAlgorithm).toBe("EC-P256");
  });

  it("are stable between refreshes of the same certificate", async () => {
    const { cert, outputs } = await create("rsa");
    const read = await host.read(urnOf("rsa"), cert.id, outputs);
    for (const key of METADATA) expect(read.outputs[key]).toEqual(outputs[key]);
  });
});

describe("PEM outputs", () => {
  it("use \\n line ends and one trailing newline, whatever SCM sent", async () => {
    const { cert, outputs } = await create("crlf");
    expect(cert.certificate).toContain("\r\n");
    for (const key of ["certificate", "certificateChain", "privateKey"]) {
      const pem = outputs[key] as string;
      expect(pem, key).not.toContain("\r");
      expect(pem.endsWith("-----\n"), key).toBe(true);
      expect(pem.endsWith("\n\n"), key).toBe(false);
    }
    expect(outputs.certificate).toBe(cert.certificate.replace(/\r\n/g, "\n"));
  });

  it("store each PEM once: entireCertificate, combinedPem and privateKeyPkcs8 are the program's to compute", async () => {
    const { outputs } = await create("ec");
    for (const derived of ["entireCertificate", "combinedPem", "privateKeyPkcs8"]) {
      expect(outputs, derived).not.toHaveProperty(derived);
    }
    expect(entireCertificateOf(outputs.certificate as string, outputs.certificateChain as string)).toBe(
      `${outputs.certificate}${outputs.certificateChain}`,
    );
  });
});

describe("checks", () => {
  it("refuse a private key that does not match: nothing reaches the state", async () => {
    const cert = certs.mismatched as EmulatedCertificate;
    const error = await failed(create("mismatched"));
    expect(error.message).toContain(cert.id);
    expect(error.message).toMatch(/does not match/);
    const texts: NamedText[] = [
      ["host stderr", host.stderr],
      ["host diagnostics", host.diagnosticText],
      ["the error", String(error)],
    ];
    expect(secretFindings(privateKeySecrets("the private key", cert.privateKey), texts)).toEqual([]);
  });

  it("warn about a chain in the wrong order, naming the certificate at fault", async () => {
    const { cert, warnings } = await create("reversed");
    expect(warnings).toContain(`${cert.id}:`);
    expect(warnings).toMatch(/order|reversed/i);
  });

  it("warn about a leaf that is a CA", async () => {
    const { warnings } = await create("leafIsCa");
    expect(warnings).toMatch(/is a CA/i);
  });

  it("warn about an expired certificate and one not valid yet", async () => {
    expect((await create("expired")).warnings).toMatch(/expired/i);
    expect((await create("notYetValid")).warnings).toMatch(/not valid (yet|until)/i);
  });

  it("let an unparsable (SM2) certificate through without metadata, with a warning", async () => {
    const { cert, outputs, warnings } = await create("sm2");
    expect(outputs.certificate).toBe(cert.certificate);
    expect(outputs.encCertificate).toBe(cert.encCertificate);
    expect(outputs.encPrivateKey).toBe(cert.encPrivateKey);
    for (const key of METADATA) expect(outputs).not.toHaveProperty(key);
    expect(warnings).toContain(`The certificate of ${cert.id} cannot be parsed`);
  });

  it("report nothing for a healthy certificate", async () => {
    expect((await create("rsa")).warnings).toBe("");
  });
});

describe("expiry warnings in the program", () => {
  it("name the certificate id, its domain and the date, and say how to follow renewals", async () => {
    const notAfter = rfc3339(inDays(12));
    const state = { certificateId: "scs1627959834994", subject: "shop.example.com", notAfter };
    const program = await runProgram(
      inject("programDir"),
      [
        { name: "soon", args: { certificateId: "scs1627959834994" } },
        { name: "quiet", args: { certificateId: "scs1627959834995", expiryWarningDays: 7 } },
      ],
      {},
      { soon: state, quiet: { ...state, certificateId: "scs1627959834995" } },
    );
    const warnings = program.stderr.split("\n").filter((l) => l.startsWith("warning:"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("scs1627959834994");
    expect(warnings[0]).toContain("shop.example.com");
    expect(warnings[0]).toContain(notAfter.slice(0, 10));
    expect(warnings[0]).toContain("domain");
  });
});
