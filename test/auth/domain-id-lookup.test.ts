import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DomainIdCache, lookUpDomainId } from "../../provider/auth/domain-id-lookup";
import { iamUrl } from "../../provider/auth/iam-request";
import { ScmCredentialsError, ScmResponseError } from "../../provider/errors";

const SECRET = "secret-key-that-must-not-show-0123456789";
const identity = (authUrl: string) => ({ accessKey: "LOOKUPACCESSKEY00001", secretKey: SECRET, authUrl });

/** An IAM that answers `GET /v3/auth/domains` with whatever the test scripts. */
let answer: { status: number; body: string };
let requests: { path: string; authorization: string | undefined }[];
let server: Server;
let authUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? "", authorization: req.headers.authorization });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  authUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
});
beforeEach(() => {
  requests = [];
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

describe("lookUpDomainId", () => {
  it("signs GET /v3/auth/domains with the pair and returns the first account's id", async () => {
    answer = { status: 200, body: JSON.stringify({ domains: [{ id: "d".repeat(32), name: "acme" }] }) };
    expect(await lookUpDomainId(identity(authUrl))).toBe("d".repeat(32));
    expect(requests).toEqual([
      {
        path: "/v3/auth/domains",
        authorization: expect.stringMatching(/^SDK-HMAC-SHA256 Access=LOOKUPACCESSKEY00001, /),
      },
    ]);
  });

  it("an answer without an account is a response error that says how to skip the lookup", async () => {
    answer = { status: 200, body: JSON.stringify({ domains: [] }) };
    const error = await lookUpDomainId(identity(authUrl)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmResponseError);
    expect(String(error)).toMatch(
      /without an account for access key LOOKUPACCESSKEY00001\. Set .*HW_DOMAIN_ID/,
    );
  });

  it("a refusal quotes IAM's words with the secret key blanked out", async () => {
    answer = {
      status: 403,
      body: JSON.stringify({ error: { code: 403, title: "Forbidden", message: `no rights for ${SECRET}` } }),
    };
    const error = await lookUpDomainId(identity(authUrl)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect(String(error)).toContain("403 Forbidden: no rights for ***. Check the key's IAM permissions");
    expect(String(error)).not.toContain(SECRET);
  });

  it("blanks out a long security token IAM echoes before cutting its words short", async () => {
    const securityToken = `st-${"t".repeat(1500)}`;
    answer = {
      status: 401,
      body: JSON.stringify({
        error: { code: 401, title: "Unauthorized", message: `invalid security token ${securityToken}` },
      }),
    };
    const error = await lookUpDomainId({ ...identity(authUrl), securityToken }).catch((e: unknown) => e);
    expect(String(error)).toContain("401 Unauthorized: invalid security token ***.");
    expect(String(error)).not.toContain("st-ttt");
  });

  it("an IAM that cannot be reached is a credentials error naming the auth URL", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const unreachable = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v3`;
    closed.close();
    await once(closed, "close");
    const error = await lookUpDomainId(identity(unreachable)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect(String(error)).toContain(`IAM at ${unreachable} could not be reached (ECONNREFUSED)`);
  });
});

describe("DomainIdCache", () => {
  it("shares one lookup among callers of the same identity and dispatcher, and forgets a failed one", async () => {
    const cache = new DomainIdCache();
    let lookups = 0;
    const succeed = async () => `id-${++lookups}`;
    const key = { authUrl: "https://iam.example.com/v3", accessKey: "AK1", secretKey: "SK1" };
    const ids = await Promise.all([
      cache.get(key, undefined, succeed),
      cache.get({ ...key, authUrl: `${key.authUrl}/` }, undefined, succeed),
    ]);
    expect(ids).toEqual(["id-1", "id-1"]);
    expect(await cache.get({ ...key, accessKey: "AK2" }, undefined, succeed)).toBe("id-2");

    const failing = { ...key, accessKey: "AK3" };
    await expect(cache.get(failing, undefined, () => Promise.reject(new Error("refused")))).rejects.toThrow(
      "refused",
    );
    expect(await cache.get(failing, undefined, succeed)).toBe("id-3");
  });

  it("does not lend an id to another secret, security token or dispatcher", async () => {
    const cache = new DomainIdCache();
    let lookups = 0;
    const succeed = async () => `id-${++lookups}`;
    const key = { authUrl: "https://iam.example.com/v3", accessKey: "AK1", secretKey: "SK1" };
    const dispatcher = new Agent();
    const ids = [
      await cache.get(key, undefined, succeed),
      await cache.get({ ...key, secretKey: "another" }, undefined, succeed),
      await cache.get({ ...key, securityToken: "ST" }, undefined, succeed),
      await cache.get(key, dispatcher, succeed),
      await cache.get(key, dispatcher, succeed),
    ];
    await dispatcher.close();
    expect(ids).toEqual(["id-1", "id-2", "id-3", "id-4", "id-4"]);
  });
});

describe("iamUrl", () => {
  it.each([
    [
      "https://iam.ap-southeast-1.myhuaweicloud.com/v3",
      "https://iam.ap-southeast-1.myhuaweicloud.com/v3/auth/domains",
    ],
    [
      "https://iam.ap-southeast-1.myhuaweicloud.com/v3/",
      "https://iam.ap-southeast-1.myhuaweicloud.com/v3/auth/domains",
    ],
    ["https://iam.example.com", "https://iam.example.com/v3/auth/domains"],
  ])("%s → %s", (base, expected) => {
    expect(iamUrl(base, "/v3/auth/domains")).toBe(expected);
  });
});
