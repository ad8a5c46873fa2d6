import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { exportWithToken, json, passwordBody, send } from "./helpers";

describe("IAM tokens", () => {
  let scm: ScmEmulator;
  let id: string;
  beforeAll(async () => {
    scm = await startScmEmulator({ certificates: [{ keyType: "ec" }] });
    [id] = scm.certificates.keys() as unknown as [string];
  });
  afterAll(() => scm.stop());

  const issue = (body: string) =>
    send(`${scm.url}/v3/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });

  it("exchanges the right password for a 24-hour token that SCM accepts", async () => {
    const response = await issue(passwordBody(scm.user));
    expect(response.status).toBe(201);
    const token = String(response.headers["x-subject-token"]);
    expect(token.length).toBeGreaterThanOrEqual(64);
    const { token: details } = json<{ token: { expires_at: string; issued_at: string } }>(response);
    expect(Date.parse(details.expires_at) - Date.parse(details.issued_at)).toBe(24 * 60 * 60 * 1000);
    expect((await exportWithToken(scm, id, { "x-auth-token": token })).status).toBe(200);
  });

  it("answers a wrong password, user or account with IAM's 401", async () => {
    for (const wrong of [
      { ...scm.user, password: "wrong" },
      { ...scm.user, userName: "someone" },
      { ...scm.user, domainName: "another-account" },
    ]) {
      const response = await issue(passwordBody(wrong));
      expect(response.status).toBe(401);
      expect(json(response)).toEqual({
        error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" },
      });
      expect(response.headers["x-subject-token"]).toBeUndefined();
    }
    expect((await issue("not json")).status).toBe(400);
  });

  it("logs token requests without needing a credential", async () => {
    scm.resetLog();
    await issue(passwordBody(scm.user));
    expect(scm.requests.map((entry) => [entry.method, entry.path, entry.status])).toEqual([
      ["POST", "/v3/auth/tokens", 201],
    ]);
  });

  it("expires every token issued so far with expireTokens, but not the configured token", async () => {
    const token = String((await issue(passwordBody(scm.user))).headers["x-subject-token"]);
    scm.expireTokens();
    const expired = await exportWithToken(scm, id, { "x-auth-token": token });
    expect([expired.status, json(expired).error_code]).toEqual([401, "APIGW.0307"]);
    expect((await exportWithToken(scm, id)).status).toBe(200);
    const fresh = String((await issue(passwordBody(scm.user))).headers["x-subject-token"]);
    expect((await exportWithToken(scm, id, { "x-auth-token": fresh })).status).toBe(200);
  });

  it("lets tokens expire after tokenTtlMs", async () => {
    const shortLived = await startScmEmulator({ tokenTtlMs: 0, certificates: [{ keyType: "ec" }] });
    const [certificateId] = shortLived.certificates.keys() as unknown as [string];
    const response = await send(`${shortLived.url}/v3/auth/tokens`, {
      method: "POST",
      body: passwordBody(shortLived.user),
    });
    const token = String(response.headers["x-subject-token"]);
    const expired = await exportWithToken(shortLived, certificateId, { "x-auth-token": token });
    await shortLived.stop();
    expect(json(expired).error_code).toBe("APIGW.0307");
  });
});

describe("rate limit", () => {
  it("answers requests over the limit with 429 APIGW.0308 and a whole-second Retry-After", async () => {
    const scm = await startScmEmulator({ rateLimitPerSecond: 3, certificates: [{ keyType: "ec" }] });
    const [id] = scm.certificates.keys() as unknown as [string];
    const responses = await Promise.all(Array.from({ length: 6 }, () => exportWithToken(scm, id)));
    await scm.stop();
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const throttled = responses.find((response) => response.status === 429);
    expect(json(throttled ?? { status: 0, headers: {}, text: "{}" })).toMatchObject({
      error_code: "APIGW.0308",
      error_msg: "policy user over ratelimit,limit:3,time:1 second",
    });
    expect(Number(throttled?.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(Number(throttled?.headers["retry-after"]))).toBe(true);
  });
});
