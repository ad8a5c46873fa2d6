import { afterAll, describe, expect, it } from "vitest";
import { urnOf } from "../../harness/provider-host";
import { hasControlCharacter } from "../../provider/control-characters";
import { type HostFixture, startHostFixture } from "../support/host-fixture";
import { failed } from "../support/host-harness";

/**
 * Settings that would put credentials at risk or break a request in a misleading way: plain HTTP
 * to a host that is not loopback, and control characters in a credential. Each is refused at
 * `check` (preview) naming the setting, before any request; and SCM's own words in an error
 * never carry a credential or a terminal escape back.
 */

const fixtures: HostFixture[] = [];
afterAll(async () => {
  for (const fixture of fixtures) await fixture.stop();
});

async function fixture(options: Parameters<typeof startHostFixture>[0]): Promise<HostFixture> {
  const started = await startHostFixture(options);
  fixtures.push(started);
  return started;
}

const inputs = (f: HostFixture, extra: Record<string, unknown> = {}) => ({
  __provider: f.providerText,
  certificateId: [...f.emulator.certificates.keys()][0] as string,
  ...extra,
});

describe("plain HTTP", () => {
  it("to a host that is not loopback fails at check, naming the setting, and sends nothing", async () => {
    const f = await fixture({ env: { HW_SCM_ENDPOINT: "http://scm.example.invalid" } });
    const result = await f.host.check(urnOf("http"), {}, inputs(f));
    expect(result.failures).toEqual([
      {
        property: "endpoint",
        reason: expect.stringMatching(/uses http:\/\/ to a host that is not loopback/),
      },
    ]);
    const argument = await f.host.check(
      urnOf("http-arg"),
      {},
      inputs(f, { endpoint: "http://10.1.2.3:8080" }),
    );
    expect(argument.failures.map((x) => x.property)).toEqual(["endpoint"]);
    expect(f.emulator.requests).toEqual([]);
  });

  it("to loopback passes check and works", async () => {
    const f = await fixture({});
    expect((await f.host.check(urnOf("loopback"), {}, inputs(f))).failures).toEqual([]);
    expect((await f.host.create(urnOf("loopback"), inputs(f))).outputs.certificate).toBeTruthy();
  });

  it("with huaweicloud:allowHttp passes check (the client warns when it is made)", async () => {
    const f = await fixture({
      env: { HW_SCM_ENDPOINT: "http://scm.example.invalid" },
      config: { "huaweicloud:allowHttp": "true" },
    });
    expect((await f.host.check(urnOf("allowed"), {}, inputs(f))).failures).toEqual([]);
  });

  it("an auth URL over plain HTTP to a host that is not loopback fails at check too", async () => {
    const f = await fixture({});
    const g = await fixture({
      env: {
        HW_AUTH_TOKEN: "",
        HW_USER_NAME: f.emulator.user.userName,
        HW_USER_PASSWORD: f.emulator.user.password,
        HW_DOMAIN_NAME: f.emulator.user.domainName,
        HW_AUTH_URL: "http://iam.example.invalid/v3",
      },
    });
    const result = await g.host.check(urnOf("iam-http"), {}, inputs(g));
    expect(result.failures).toEqual([
      { property: "huaweicloud:authUrl", reason: expect.stringMatching(/not loopback/) },
    ]);
  });
});

describe("control characters in credentials", () => {
  it.each([
    ["HW_AUTH_TOKEN", (token: string) => ({ HW_AUTH_TOKEN: `${token}\r\nX-Injected: 1` })],
    [
      "HW_SECURITY_TOKEN",
      () => ({
        HW_AUTH_TOKEN: "",
        HW_ACCESS_KEY: "AKIDEXAMPLE00000001",
        HW_SECRET_KEY: "secret-key-0123456789abcdef",
        HW_DOMAIN_ID: "0123456789abcdef0123456789abcdef",
        HW_SECURITY_TOKEN: "temporary\ntoken",
      }),
    ],
    [
      "HW_DOMAIN_ID",
      () => ({
        HW_AUTH_TOKEN: "",
        HW_ACCESS_KEY: "AKIDEXAMPLE00000001",
        HW_SECRET_KEY: "secret-key-0123456789abcdef",
        HW_DOMAIN_ID: "0123456789abcdef\u001b[2J",
      }),
    ],
    [
      "HW_SECRET_KEY",
      () => ({
        HW_AUTH_TOKEN: "",
        HW_ACCESS_KEY: "AKIDEXAMPLE00000001",
        HW_SECRET_KEY: "secret-key-0123456789abcdef\n",
        HW_DOMAIN_ID: "0123456789abcdef0123456789abcdef",
      }),
    ],
  ])("in %s: check and create fail naming the setting, not the network", async (variable, env) => {
    const probe = await fixture({});
    const f = await fixture({ env: env(probe.emulator.token) });
    const result = await f.host.check(urnOf("control"), {}, inputs(f));
    expect(result.failures).toEqual([
      { property: variable, reason: expect.stringMatching(/holds a control character/) },
    ]);
    const error = await failed(f.host.create(urnOf("control"), inputs(f)));
    expect(error.message).toMatch(new RegExp(`${variable} holds a control character`));
    expect(error.message).not.toMatch(/cannot reach/);
    expect(f.emulator.requests).toEqual([]);
  });
});

describe("SCM's own words", () => {
  it("never carry the token, a terminal escape or a line break into the error", async () => {
    const f = await fixture({});
    const token = f.emulator.token;
    f.emulator.setFault({
      kind: "status",
      status: 403,
      errorCode: "APIGW.0302",
      errorMessage: `denied for token ${token}\u001b[31m\r\nFAKE: all good\u0007`,
    });
    const error = await failed(f.host.create(urnOf("echo"), inputs(f)));
    expect(error.message).toMatch(/403 APIGW\.0302 denied for token \*\*\* \[31m FAKE: all good/);
    expect(error.message.includes(token)).toBe(false);
    expect(hasControlCharacter(error.message.replaceAll("\n", ""))).toBe(false);
    expect(error.message).not.toMatch(/\r\nFAKE/);
    f.emulator.clearFaults();
  });
});
