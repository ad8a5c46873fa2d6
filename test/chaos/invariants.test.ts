import { describe, expect, it } from "vitest";
import {
  CERTIFICATE_TYPE,
  faultsUnaccounted,
  lostOrChanged,
  notAsScmServes,
  type StateResource,
  stepRequests,
} from "../../chaos/invariants";
import type { EmulatedCertificate } from "../../emulator";

// The chaos run's checks, each shown to catch what it is there for: a run whose checks could
// not fail would prove nothing.

const urn = (name: string) => `urn:pulumi:chaos::scm-chaos::${CERTIFICATE_TYPE}::${name}`;
/** A secret output as `stack export --show-secrets` writes it. */
const secret = (value: string) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  plaintext: JSON.stringify(value),
});

function resource(name: string, id: string, certificate: string, privateKey: string): StateResource {
  return {
    urn: urn(name),
    type: CERTIFICATE_TYPE,
    id,
    outputs: {
      certificateId: id,
      certificate,
      privateKey: secret(privateKey),
      notAfter: "2027-01-01T00:00:00Z",
    },
  };
}

const byUrn = (...resources: StateResource[]) => new Map(resources.map((r) => [r.urn, r]));
const served = new Map([
  ["scs1", { id: "scs1", certificate: "CERT-1", privateKey: "KEY-1" }],
  ["scs2", { id: "scs2", certificate: "CERT-2", privateKey: "KEY-2" }],
]) as unknown as ReadonlyMap<string, EmulatedCertificate>;

describe("lostOrChanged", () => {
  const a = resource("a", "scs1", "CERT-1", "KEY-1");
  const b = resource("b", "scs2", "CERT-2", "KEY-2");

  it("finds nothing when every resource stayed as it was, and new ones came", () => {
    expect(lostOrChanged(byUrn(a), byUrn(structuredClone(a), b))).toEqual([]);
  });

  it("names a resource gone from the state", () => {
    expect(lostOrChanged(byUrn(a, b), byUrn(a))).toEqual([`${urn("b")}: gone from the state`]);
  });

  it("names the outputs that changed, a secret's too", () => {
    const changed = resource("a", "scs1", "CERT-1", "KEY-other");
    const fewer = { ...a, outputs: { ...a.outputs, notAfter: undefined } };
    expect(lostOrChanged(byUrn(a), byUrn(changed))).toEqual([`${urn("a")}: outputs changed (privateKey)`]);
    expect(lostOrChanged(byUrn(a), byUrn(fewer))).toEqual([`${urn("a")}: outputs changed (notAfter)`]);
  });
});

describe("notAsScmServes", () => {
  it("finds nothing when each resource holds its certificate and key as SCM serves them", () => {
    const resources = byUrn(
      resource("a", "scs1", "CERT-1", "KEY-1"),
      resource("b", "scs2", "CERT-2", "KEY-2"),
    );
    expect(notAsScmServes(resources, served)).toEqual([]);
  });

  it("names a resource holding another certificate, key or id", () => {
    const resources = byUrn(
      resource("a", "scs1", "CERT-2", "KEY-1"),
      resource("b", "scs2", "CERT-2", "KEY-1"),
      { ...resource("c", "scs1", "CERT-1", "KEY-1"), id: "scs2" },
    );
    expect(notAsScmServes(resources, served)).toEqual([
      `${urn("a")}: certificate not as SCM serves scs1`,
      `${urn("b")}: privateKey not as SCM serves scs2`,
      `${urn("c")}: id not as SCM serves scs1`,
    ]);
  });

  it("names a resource whose certificate SCM does not hold", () => {
    expect(notAsScmServes(byUrn(resource("a", "scs9", "CERT-1", "KEY-1")), served)).toEqual([
      `${urn("a")}: names no certificate SCM holds (scs9)`,
    ]);
  });
});

describe("stepRequests and faultsUnaccounted", () => {
  const log = [
    { certificateId: "scs1" },
    { certificateId: "scs1" },
    { certificateId: "scs2" },
    { certificateId: "scs1" },
    {}, // IAM, say: no certificate
  ];

  it("counts the requests beyond the first for each certificate as retries", () => {
    expect(stepRequests(log)).toEqual({ requests: 4, calls: 2, retries: 2 });
  });

  it("accepts faults that were all retried or ended a failed call", () => {
    expect(faultsUnaccounted("1. up", 3, stepRequests(log), 1)).toEqual([]);
  });

  it("names a step where a fault passed for a good answer, or a good answer was retried", () => {
    expect(faultsUnaccounted("1. up", 3, stepRequests(log), 0)).toEqual([
      "1. up: 3 faults injected, but 2 retries + 0 failed calls = 2",
    ]);
    expect(faultsUnaccounted("1. up", 1, stepRequests(log), 0)).toHaveLength(1);
  });
});
