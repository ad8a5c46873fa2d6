import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { ScmApiError, ScmClient, type ScmCredentials, ScmCredentialsError } from "../../provider";
import { iamTokenCache } from "../../provider/auth/token-cache";
import { closeConnectionPools } from "../../provider/http/connection-pool";

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

  it("an access key pair: every attempt signed", async () => {
    emulator.setFault({ kind: "status", status: 503, times: 1 });
    const scm = new ScmClient({
      endpoint: emulator.url,
      credentials: {
        kind: "access-key",
        accessKey: emulator.accessKey.accessKey,
        secretKey: emulator.accessKey.secretKey,
      },
      maxRetries: 1,
    });
    await scm.exportCertificate(certificateId);
    emulator.clearFaults();
    expect(paths()).toEqual([
      `POST /v3/scm/certificates/${certificateId}/export 503`,
      `POST /v3/scm/certificates/${certificateId}/export 200`,
    ]);
    for (const request of emulator.requests) {
      expect(request.headers.authorization).toMatch(
        /^SDK-HMAC-SHA256 Access=PERMANENTACCESSKEY01, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
      );
    }
  });

  it("a temporary access key pair with its security token", async () => {
    await client({ kind: "access-key", ...temporary }).exportCertificate(certificateId);
    expect(emulator.requests[0]?.headers["x-security-token"]).toBe(temporary.securityToken);
    expect(emulator.requests[0]?.headers.authorization).toContain("x-security-token");
  });

  it("a wrong secret key is refused once, with the gateway's code", async () => {
    const error = await client({
      kind: "access-key",
      accessKey: "PERMANENTACCESSKEY01",
      secretKey: "wrong-secret-0123456789",
    })
      .exportCertificate(certificateId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmApiError);
    expect((error as ScmApiError).errorCode).toBe("APIGW.0301");
    expect(String(error)).not.toContain("wrong-secret");
    expect(emulator.requests).toHaveLength(1);
  });

  it("a password, exchanged at IAM once for many calls", async () => {
    const scm = client(password());
    for (let i = 0; i < 5; i++) await scm.exportCertificate(certificateId);
    const exchanges = emulator.requests.filter((r) => r.path === "/v3/auth/tokens");
    expect(exchanges).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.path.endsWith("/export") && r.status === 200)).toHaveLength(5);
  });

  it("a password whose token expired: renewed once on the 401, then the call succeeds", async () => {
    const scm = client(password());
    await scm.exportCertificate(certificateId);
    emulator.expireTokens();
    await scm.exportCertificate(certificateId);
    expect(paths()).toEqual([
      "POST /v3/auth/tokens 201",
      `POST /v3/scm/certificates/${certificateId}/export 200`,
      `POST /v3/scm/certificates/${certificateId}/export 401`,
      "POST /v3/auth/tokens 201",
      `POST /v3/scm/certificates/${certificateId}/export 200`,
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
