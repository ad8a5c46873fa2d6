import { afterAll, beforeAll, expect, it } from "vitest";
import type { ScmEmulator } from "../../emulator";
import { type ProviderHost, urnOf } from "../../harness/provider-host";
import { entireCertificateOf } from "../../provider/resource/derived-outputs";
import { type HostFixture, startHostFixture } from "../support/host-fixture";
import { privateKeySecrets, secretFindings } from "../support/secret-scan";

/**
 * A bundle uploaded to SCM can carry its private key among the certificates, so SCM's
 * `certificate` or `certificate_chain` may hold a key block. It must never reach certificate,
 * certificateChain or entireCertificate, which are not secret.
 */

let fixture: HostFixture;
let emulator: ScmEmulator;
let host: ProviderHost;

beforeAll(async () => {
  fixture = await startHostFixture({
    emulator: {
      certificates: [
        { keyType: "rsa", domain: "in-chain.example.com", keyBlockIn: "certificateChain" },
        { keyType: "ec", domain: "in-certificate.example.com", keyBlockIn: "certificate" },
      ],
    },
  });
  ({ emulator, host } = fixture);
});

afterAll(() => fixture?.stop());

it.each(["in-chain", "in-certificate"])(
  "a key block %s is dropped from every non-secret output, with a warning naming its label",
  async (name) => {
    const held = [...emulator.certificates.values()].find((c) => c.domain.startsWith(name));
    if (!held) throw new Error(name);
    const before = host.diagnostics.length;
    const { outputs } = await host.create(urnOf(name), {
      __provider: fixture.providerText,
      __urn: urnOf(name),
      certificateId: held.id,
    });
    const secrets = privateKeySecrets("the private key", held.privateKey, [
      held.certificate,
      held.certificateChain,
    ]);
    const fields: Record<string, string> = {
      certificate: outputs.certificate as string,
      certificateChain: outputs.certificateChain as string,
      // What the program computes from the two.
      entireCertificate: entireCertificateOf(
        outputs.certificate as string,
        outputs.certificateChain as string,
      ),
    };
    for (const [field, value] of Object.entries(fields)) {
      expect(value, field).toMatch(/-----BEGIN CERTIFICATE-----/);
      expect(value, field).not.toMatch(/PRIVATE KEY/);
    }
    expect(secretFindings(secrets, Object.entries(fields))).toEqual([]);
    const warning =
      /held a (RSA )?PRIVATE KEY block: it was left out of certificate, certificateChain and entireCertificate/;
    expect(host.diagnosticsFrom(before, "warning")).toContainEqual({
      severity: "warning",
      urn: urnOf(name),
      message: expect.stringMatching(warning),
    });
    expect(
      secretFindings(secrets, [
        ["host stderr", host.stderr],
        ["host diagnostics", host.diagnosticText],
      ]),
    ).toEqual([]);
  },
);
