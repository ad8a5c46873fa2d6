import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AccessKeyAuthorizer } from "../../provider/auth/access-key-authorizer";
import { createAuthorizer } from "../../provider/auth/create-authorizer";
import {
  canonicalRequest,
  hmacSignature,
  parseAuthorizationHeader,
  parseSdkDate,
  stringToSign,
} from "../../provider/auth/signing";
import { TokenAuthorizer } from "../../provider/auth/token-authorizer";

const request = {
  method: "POST",
  url: new URL("https://scm.ap-southeast-1.myhuaweicloud.com/v3/scm/certificates/scs1627959834994/export"),
  headers: { "Content-Type": "application/json" },
  body: "{}",
};
const keys = {
  accessKey: "HPUAXXXXXXXXXXXXXXXX",
  secretKey: "sk-0123456789abcdefghijklmnopqrstuvwxyz0123",
  securityToken: "st-temporary-token",
  domainId: "0123456789abcdef0123456789abcdef",
};

/** Verifies a signature as the gateway does: from the headers received, with the secret key. */
function verifies(added: Record<string, string>, secretKey: string): boolean {
  const parts = parseAuthorizationHeader(added.Authorization ?? "");
  if (!parts) return false;
  const received = { ...request.headers, ...added, host: request.url.host };
  const canonical = canonicalRequest({ ...request, headers: received, signedHeaders: parts.signedHeaders });
  return hmacSignature(secretKey, stringToSign(added["X-Sdk-Date"] ?? "", canonical)) === parts.signature;
}

describe("TokenAuthorizer", () => {
  it("sends the token as X-Auth-Token and cannot renew it", async () => {
    const authorizer = new TokenAuthorizer("an-iam-token-of-at-least-thirty-two-chars");
    expect(authorizer.kind).toBe("token");
    await expect(authorizer.authorize()).resolves.toEqual({
      "X-Auth-Token": "an-iam-token-of-at-least-thirty-two-chars",
    });
    expect("renewAfterUnauthorized" in authorizer).toBe(false);
  });

  it("keeps the token out of JSON and inspection", () => {
    const authorizer = new TokenAuthorizer("an-iam-token-of-at-least-thirty-two-chars");
    expect(JSON.stringify(authorizer)).not.toContain("thirty-two");
    expect(inspect(authorizer, { showHidden: true, depth: Number.POSITIVE_INFINITY })).not.toContain(
      "thirty-two",
    );
  });
});

describe("AccessKeyAuthorizer", () => {
  it("signs each attempt at the clock's time, with headers the gateway can verify", async () => {
    let now = new Date("2024-03-04T05:06:07Z");
    const authorizer = new AccessKeyAuthorizer(keys, { clock: () => now });
    const first = await authorizer.authorize(request);
    expect(first["X-Sdk-Date"]).toBe("20240304T050607Z");
    expect(first["X-Security-Token"]).toBe(keys.securityToken);
    expect(first["X-Domain-Id"]).toBe(keys.domainId);
    expect(parseAuthorizationHeader(first.Authorization ?? "")).toMatchObject({
      accessKey: keys.accessKey,
      signedHeaders: ["content-type", "host", "x-domain-id", "x-sdk-date", "x-security-token"],
    });
    expect(verifies(first, keys.secretKey)).toBe(true);
    expect(verifies(first, "another-secret")).toBe(false);

    now = new Date("2024-03-04T05:07:07Z");
    const retry = await authorizer.authorize({ ...request, headers: { ...request.headers, ...first } });
    expect(parseSdkDate(retry["X-Sdk-Date"] ?? "")).toEqual(now);
    expect(verifies(retry, keys.secretKey)).toBe(true);
  });

  it("reads the real clock by default", async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const headers = await new AccessKeyAuthorizer({ accessKey: "AK", secretKey: "SK" }).authorize(request);
    const signedAt = parseSdkDate(headers["X-Sdk-Date"] ?? "")?.getTime() ?? 0;
    expect(signedAt).toBeGreaterThanOrEqual(before);
    expect(signedAt).toBeLessThanOrEqual(Date.now());
    expect(headers).not.toHaveProperty("X-Security-Token");
    expect(headers).not.toHaveProperty("X-Domain-Id");
  });
});

describe("createAuthorizer", () => {
  it("maps a token to X-Auth-Token", async () => {
    const authorizer = createAuthorizer({ kind: "token", token: "t".repeat(40) });
    expect(authorizer.kind).toBe("token");
    await expect(authorizer.authorize(request)).resolves.toEqual({ "X-Auth-Token": "t".repeat(40) });
  });

  it("maps an access key pair to signing, with the clock it is given", async () => {
    const authorizer = createAuthorizer(
      { kind: "access-key", ...keys },
      { clock: () => new Date("2024-03-04T05:06:07Z") },
    );
    expect(authorizer.kind).toBe("access-key");
    const headers = await authorizer.authorize(request);
    expect(headers["X-Sdk-Date"]).toBe("20240304T050607Z");
    expect(verifies(headers, keys.secretKey)).toBe(true);
  });
});
