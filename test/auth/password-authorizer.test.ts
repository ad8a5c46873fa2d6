import { inspect } from "node:util";
import { Agent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthorizer } from "../../provider/auth/create-authorizer";
import { iamTokensUrl } from "../../provider/auth/iam-token-exchange";
import { PasswordAuthorizer } from "../../provider/auth/password-authorizer";
import { iamTokenCache, TokenCache } from "../../provider/auth/token-cache";
import { ScmCredentialsError, ScmResponseError } from "../../provider/errors";
import { type IamTestServer, startIamTestServer } from "./iam-test-server";

const user = { userName: "deploy-bot", password: "Pa55-w0rd!-never-shown", domainName: "acme-account" };
const request = {
  method: "POST",
  url: new URL("https://scm.example.com/v3/scm/certificates/x/export"),
  headers: {},
  body: "{}",
};

let iam: IamTestServer;
let cache: TokenCache;

beforeEach(async () => {
  iam = await startIamTestServer(user);
  cache = new TokenCache();
});
afterEach(async () => {
  iam.release();
  await iam.close();
  iamTokenCache.clear();
});

const authorizer = (
  overrides: { password?: string; clock?: () => Date; scope?: { project: string } | { domain: true } } = {},
) =>
  new PasswordAuthorizer(
    {
      ...user,
      password: overrides.password ?? user.password,
      authUrl: iam.authUrl,
      scope: overrides.scope ?? { project: "ap-southeast-1" },
    },
    { cache, ...(overrides.clock ? { clock: overrides.clock } : {}) },
  );

/** Everything an error shows: message, stack, properties and causes, as far down as they go. */
const everything = (error: unknown) => inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });

describe("PasswordAuthorizer", () => {
  it("exchanges the password at IAM for a project-scoped token and sends it as X-Auth-Token", async () => {
    const headers = await authorizer().authorize(request);
    expect(headers).toEqual({ "X-Auth-Token": expect.stringMatching(/^token-1-/) });
    expect(iam.paths).toEqual(["/v3/auth/tokens?nocatalog=true"]);
    expect(iam.exchanges).toEqual([
      {
        auth: {
          identity: {
            methods: ["password"],
            password: {
              user: { name: user.userName, password: user.password, domain: { name: user.domainName } },
            },
          },
          scope: { project: { name: "ap-southeast-1" } },
        },
      },
    ]);
  });

  it("asks for a domain-scoped token when told to", async () => {
    await authorizer({ scope: { domain: true } }).authorize(request);
    expect(iam.exchanges).toMatchObject([{ auth: { scope: { domain: { name: user.domainName } } } }]);
  });

  it("exchanges once for many calls, across authorizers of the same user", async () => {
    const first = authorizer();
    const tokens = new Set<string | undefined>();
    for (let i = 0; i < 20; i++) tokens.add((await first.authorize(request))["X-Auth-Token"]);
    tokens.add((await authorizer().authorize(request))["X-Auth-Token"]);
    expect(tokens.size).toBe(1);
    expect(iam.exchanges).toHaveLength(1);
  });

  it("shares one exchange among callers that arrive while it is under way", async () => {
    iam.hold();
    const calls = Array.from({ length: 10 }, () => authorizer().authorize(request));
    await iam.received(1);
    iam.release();
    const tokens = new Set((await Promise.all(calls)).map((headers) => headers["X-Auth-Token"]));
    expect(tokens.size).toBe(1);
    expect(iam.exchanges).toHaveLength(1);
  });

  it("lets a caller give up without cancelling the exchange the others wait for", async () => {
    iam.hold();
    const controller = new AbortController();
    const leaving = authorizer().authorize(request, { signal: controller.signal });
    const staying = authorizer().authorize(request);
    await iam.received(1);
    controller.abort(new Error("caller gave up"));
    await expect(leaving).rejects.toThrow("caller gave up");
    iam.release();
    await expect(staying).resolves.toEqual({ "X-Auth-Token": expect.stringMatching(/^token-1-/) });
  });

  it("renews the token five minutes before it expires, not earlier", async () => {
    const expiresAt = new Date("2030-01-01T12:00:00Z");
    iam.expiresAt = expiresAt;
    let now = new Date("2030-01-01T00:00:00Z");
    const subject = authorizer({ clock: () => now });
    await subject.authorize(request);
    now = new Date(expiresAt.getTime() - 6 * 60_000);
    await subject.authorize(request);
    expect(iam.exchanges).toHaveLength(1);
    now = new Date(expiresAt.getTime() - 4 * 60_000);
    expect((await subject.authorize(request))["X-Auth-Token"]).toMatch(/^token-2-/);
    expect(iam.exchanges).toHaveLength(2);
  });

  it("drops the token after a 401, whatever its code, so the next call gets a new one", async () => {
    const subject = authorizer();
    expect((await subject.authorize(request))["X-Auth-Token"]).toMatch(/^token-1-/);
    expect((await subject.authorize(request))["X-Auth-Token"]).toMatch(/^token-1-/);
    await expect(subject.renewAfterUnauthorized()).resolves.toBe(true);
    expect((await subject.authorize(request))["X-Auth-Token"]).toMatch(/^token-2-/);
    expect(iam.exchanges).toHaveLength(2);
  });

  it("refuses a wrong password with an error naming the user and account, never the password", async () => {
    const wrong = "Wr0ng-pa55word-secret";
    const error = await authorizer({ password: wrong })
      .authorize(request)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect((error as Error).message).toContain(user.userName);
    expect((error as Error).message).toContain(user.domainName);
    expect((error as Error).message).toContain("401");
    expect(everything(error)).not.toContain(wrong);
    expect(everything(error)).not.toContain(user.password);
  });

  it("does not keep a failed exchange: the next call asks IAM again", async () => {
    const wrong = authorizer({ password: "Wr0ng-pa55word-secret" });
    await expect(wrong.authorize(request)).rejects.toThrow(ScmCredentialsError);
    await expect(wrong.authorize(request)).rejects.toThrow(ScmCredentialsError);
    expect(iam.exchanges).toHaveLength(2);
  });

  it("reports an unreachable IAM clearly, without the password in the message or the cause", async () => {
    const authUrl = iam.authUrl;
    await iam.close();
    const subject = new PasswordAuthorizer(
      { ...user, authUrl, scope: { project: "ap-southeast-1" } },
      { cache },
    );
    const error = await subject.authorize(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect((error as Error).message).toMatch(/could not be reached \(ECONNREFUSED\)/);
    expect((error as Error).cause).toBeDefined();
    expect(everything(error)).not.toContain(user.password);
    iam = await startIamTestServer(user);
  });

  it("treats an answer without X-Subject-Token as unusable", async () => {
    iam.omitToken = true;
    await expect(authorizer().authorize(request)).rejects.toThrow(ScmResponseError);
  });

  it("goes through the dispatcher it is given", async () => {
    let dispatched = 0;
    const dispatcher = new Agent().compose((dispatch) => (options, handler) => {
      dispatched++;
      return dispatch(options, handler);
    });
    const subject = new PasswordAuthorizer(
      { ...user, authUrl: iam.authUrl, scope: { project: "cn-north-4" } },
      { cache, dispatcher },
    );
    await subject.authorize(request);
    expect(dispatched).toBe(1);
    await dispatcher.close();
  });
});

describe("createAuthorizer for a password", () => {
  it("scopes the token to the region and keeps it in the process-wide cache", async () => {
    const credentials = {
      kind: "password" as const,
      ...user,
      authUrl: `${iam.authUrl}/`,
      region: "cn-north-4",
    };
    const first = createAuthorizer(credentials);
    expect(first.kind).toBe("password");
    await first.authorize(request);
    await createAuthorizer(credentials).authorize(request);
    expect(iam.exchanges).toHaveLength(1);
    expect(iam.exchanges).toMatchObject([{ auth: { scope: { project: { name: "cn-north-4" } } } }]);
  });
});

describe("iamTokensUrl", () => {
  it.each([
    [
      "https://iam.ap-southeast-1.myhuaweicloud.com/v3",
      "https://iam.ap-southeast-1.myhuaweicloud.com/v3/auth/tokens?nocatalog=true",
    ],
    [
      "https://iam.ap-southeast-1.myhuaweicloud.com/v3/",
      "https://iam.ap-southeast-1.myhuaweicloud.com/v3/auth/tokens?nocatalog=true",
    ],
    ["https://iam.example.com", "https://iam.example.com/v3/auth/tokens?nocatalog=true"],
  ])("%s → %s", (authUrl, expected) => {
    expect(iamTokensUrl(authUrl)).toBe(expected);
  });
});
