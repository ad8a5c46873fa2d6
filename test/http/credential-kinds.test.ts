import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { ScmApiError, type ScmCredentials, ScmCredentialsError } from "../../provider";
import { domainIdCache } from "../../provider/auth/domain-id-lookup";
import { iamTokenCache } from "../../provider/auth/token-cache";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { ScmClient } from "../../provider/scm/scm-client";

let emulator: ScmEmulator;
let certificateId: string;
const temporary = {
  accessKey: "TEMPORARYACCESSKEY01",
  secretKey: "temporary-secret-key-0123456789abcdef",
  securityToken: `security-token-${"s".repeat(64)}`,
};

const client = (credentials: ScmCredentials) =>
  new ScmClient({ endpoint: emulator.url, credentials, maxRetries: 0, onWarning: () => {} });
const password = (): ScmCredentials => ({
  kind: "password",
  userName: emulator.user.userName,
  password: emulator.user.password,
  domainName: emulator.user.domainName,
  authUrl: `${emulator.url}/v3`,
  region: "ap-southeast-1",
});
const paths = () => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

beforeAll(async () => {
  emulator = await startScmEmulator({
    accessKeys: [{ accessKey: "PERMANENTACCESSKEY01", secretKey: "permanent-secret-0123456789" }, temporary],
  });
  certificateId = [...emulator.certificates.keys()][0] as string;
});
beforeEach(() => {
  emulator.resetLog();
  iamTokenCache.clear();
  domainIdCache.clear();
});
afterAll(async () => {
  await closeConnectionPools();
  await emulator.stop();
});

describe("each kind of credentials, verified by the emulator as the API gateway does", () => {
  it("a token", async () => {
    await client({ kind: "token", token: emulator.token }).exportCertificate(certificateId);
    expect(emulator.requests[0]?.headers["x-auth-token"]).toBe(emulator.token);
  });

  it("an access key pair with its account id: every attempt signed, X-Domain-Id sent", async () => {
    emulator.setFault({ kind: "status", status: 503, times: 1 });
    const scm = new ScmClient({
      endpoint: emulator.url,
      credentials: {
        kind: "access-key",
        accessKey: emulator.accessKey.accessKey,
        secretKey: emulator.accessKey.secretKey,
        domainId: emulator.domainId,
      },
      maxRetries: 1,
    });
    await scm.exportCertificate(certificateId);
    expect(paths()).toEqual([
      `POST /v3/scm/certificates/${certificateId}/export 503`,
      `POST /v3/scm/certificates/${certificateId}/export 200`,
    ]);
    for (const request of emulator.requests) {
      expect(request.headers.authorization).toMatch(
        /^SDK-HMAC-SHA256 Access=PERMANENTACCESSKEY01, SignedHeaders=[^,]*host[^,]*x-domain-id[^,]*, Signature=[0-9a-f]{64}$/,
      );
      expect(request.headers["x-domain-id"]).toBe(emulator.domainId);
    }
  });

  it("an access key pair without an account id: looked up at IAM once per process, then sent", async () => {
    const credentials: ScmCredentials = {
      kind: "access-key",
      accessKey: emulator.accessKey.accessKey,
      secretKey: emulator.accessKey.secretKey,
      authUrl: `${emulator.url}/v3`,
    };
    const scm = client(credentials);
    await Promise.all(Array.from({ length: 8 }, () => scm.exportCertificate(certificateId)));
    await client(credentials).exportCertificate(certificateId);
    const lookups = emulator.requests.filter((r) => r.path === "/v3/auth/domains");
    expect(lookups.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200"]);
    expect(lookups[0]?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=PERMANENTACCESSKEY01, /);
    expect(lookups[0]?.headers["x-domain-id"]).toBeUndefined();
    const exports = emulator.requests.filter((r) => r.path.endsWith("/export"));
    expect(exports.map((r) => [r.status, r.headers["x-domain-id"]])).toEqual(
      Array.from({ length: 9 }, () => [200, emulator.domainId]),
    );
  });

  it("an empty account id counts as none: it is looked up", async () => {
    await client({
      kind: "access-key",
      accessKey: emulator.accessKey.accessKey,
      secretKey: emulator.accessKey.secretKey,
      domainId: "",
      authUrl: `${emulator.url}/v3`,
    }).exportCertificate(certificateId);
    expect(paths()).toEqual([
      "GET /v3/auth/domains 200",
      `POST /v3/scm/certificates/${certificateId}/export 200`,
    ]);
  });

  it("a temporary access key pair with its security token, also on the account lookup", async () => {
    await client({ kind: "access-key", ...temporary, authUrl: `${emulator.url}/v3` }).exportCertificate(
      certificateId,
    );
    expect(paths()).toEqual([
      "GET /v3/auth/domains 200",
      `POST /v3/scm/certificates/${certificateId}/export 200`,
    ]);
    for (const request of emulator.requests) {
      expect(request.headers["x-security-token"]).toBe(temporary.securityToken);
      expect(request.headers.authorization).toContain("x-security-token");
    }
  });

  it("a wrong secret key is refused once, with the gateway's code", async () => {
    const error = await client({
      kind: "access-key",
      accessKey: "PERMANENTACCESSKEY01",
      secretKey: "wrong-secret-0123456789",
      domainId: emulator.domainId,
    })
      .exportCertificate(certificateId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmApiError);
    expect((error as ScmApiError).errorCode).toBe("APIGW.0301");
    expect(String(error)).not.toContain("wrong-secret");
    expect(emulator.requests).toHaveLength(1);
  });

  it("a wrong secret key is refused by IAM's lookup: a credentials error, nothing sent to SCM, and tried again next time", async () => {
    const wrong: ScmCredentials = {
      kind: "access-key",
      accessKey: "PERMANENTACCESSKEY01",
      secretKey: "wrong-secret-0123456789",
      authUrl: `${emulator.url}/v3`,
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await client(wrong)
        .exportCertificate(certificateId)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ScmCredentialsError);
      expect(String(error)).toMatch(
        /IAM at http:\/\/127\.0\.0\.1:\d+\/v3 refused to name the account of access key PERMANENTACCESSKEY01: 401 .*HW_DOMAIN_ID/,
      );
      expect(String(error)).not.toContain("wrong-secret");
    }
    expect(paths()).toEqual(["GET /v3/auth/domains 401", "GET /v3/auth/domains 401"]);
  });

  it("an access key pair with neither an account id nor an auth URL is refused before anything is sent", () => {
    expect(() =>
      client({
        kind: "access-key",
        accessKey: "PERMANENTACCESSKEY01",
        secretKey: "permanent-secret-0123456789",
      }),
    ).toThrow(/need domainId .* or authUrl/);
    expect(emulator.requests).toHaveLength(0);
  });

  it("a password, exchanged at IAM once for many calls", async () => {
    const scm = client(password());
    for (let i = 0; i < 5; i++) await scm.exportCertificate(certificateId);
    const exchanges = emulator.requests.filter((r) => r.path === "/v3/auth/tokens");
    expect(exchanges).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.path.endsWith("/export") && r.status === 200)).toHaveLength(5);
  });

  it.each([
    ["expired (APIGW.0307)", () => emulator.expireTokens()],
    ["refused as APIGW.0301 (revoked)", () => emulator.setFault({ kind: "status", status: 401, times: 1 })],
  ])("a password whose token is %s: renewed once on the 401, then the call succeeds", async (_, refuse) => {
    const scm = client(password());
    await scm.exportCertificate(certificateId);
    refuse();
    await scm.exportCertificate(certificateId);
    expect(paths()).toEqual([
      "POST /v3/auth/tokens 201",
      `POST /v3/scm/certificates/${certificateId}/export 200`,
      `POST /v3/scm/certificates/${certificateId}/export 401`,
      "POST /v3/auth/tokens 201",
      `POST /v3/scm/certificates/${certificateId}/export 200`,
    ]);
  });

  it("a password whose new token is refused too: one renewal, then the 401 is the error", async () => {
    const scm = client(password());
    emulator.setFault({ kind: "status", status: 401, times: 2 });
    const error = await scm.exportCertificate(certificateId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmApiError);
    expect((error as ScmApiError).errorCode).toBe("APIGW.0301");
    expect(paths()).toEqual([
      "POST /v3/auth/tokens 201",
      `POST /v3/scm/certificates/${certificateId}/export 401`,
      "POST /v3/auth/tokens 201",
      `POST /v3/scm/certificates/${certificateId}/export 401`,
    ]);
  });

  it("a wrong password never borrows the token a right one obtained for the same user", async () => {
    await client(password()).exportCertificate(certificateId);
    const error = await client({ ...password(), password: "not-the-password-43" } as ScmCredentials)
      .exportCertificate(certificateId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect(emulator.requests.filter((r) => r.path === "/v3/auth/tokens").map((r) => r.status)).toEqual([
      201, 401,
    ]);
  });

  it("a wrong password is a credentials error naming the user, never the password", async () => {
    const error = await client({ ...password(), password: "not-the-password-42" } as ScmCredentials)
      .exportCertificate(certificateId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect(String(error)).toContain(emulator.user.userName);
    expect(`${String(error)} ${String((error as Error).cause)}`).not.toContain("not-the-password-42");
    expect(emulator.requests.filter((r) => r.path.endsWith("/export"))).toHaveLength(0);
  });
});
