import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedAccessKey, type ScmEmulator, startScmEmulator } from "../../emulator";
import {
  authorizationHeader,
  canonicalRequest,
  formatSdkDate,
  hmacSignature,
  type SigningCredentials,
  signRequest,
  stringToSign,
} from "../../provider/auth/signing";
import { json, type ReadResponse, send } from "./helpers";

const MINUTE_MS = 60_000;

describe("SDK-HMAC-SHA256 verification", () => {
  const permanent: EmulatedAccessKey = {
    accessKey: "PERMANENTACCESSKEY01",
    secretKey: "permanent-secret-key-0123456789abcdefghij",
  };
  const temporary: EmulatedAccessKey = {
    accessKey: "TEMPORARYACCESSKEY01",
    secretKey: "temporary-secret-key-0123456789abcdefghij",
    securityToken: "security-token-".repeat(8),
  };
  let scm: ScmEmulator;
  let id: string;
  beforeAll(async () => {
    scm = await startScmEmulator({ accessKeys: [permanent, temporary], certificates: [{ keyType: "ec" }] });
    [id] = scm.certificates.keys() as unknown as [string];
  });
  afterAll(() => scm.stop());

  /** Signs a request with the package's signer, then sends it with the signed headers. */
  async function sendSigned(
    credentials: SigningCredentials,
    options: {
      path?: string;
      method?: "GET" | "POST";
      body?: string;
      now?: Date;
      sentPath?: string;
      drop?: string;
      /** Sign without the account id that SCM requires (IAM does not). */
      withoutDomainId?: boolean;
    } = {},
  ): Promise<ReadResponse> {
    const method = options.method ?? "POST";
    const url = new URL(`${scm.url}${options.path ?? `/v3/scm/certificates/${id}/export`}`);
    const headers: Record<string, string> =
      options.body === undefined ? {} : { "content-type": "application/json" };
    const signed = signRequest(
      { method, url, headers, body: options.body },
      options.withoutDomainId ? credentials : { domainId: scm.domainId, ...credentials },
      options.now ?? new Date(),
    );
    const sent = { ...headers, ...signed };
    if (options.drop) delete sent[options.drop];
    return send(`${scm.url}${options.sentPath ?? `${url.pathname}${url.search}`}`, {
      method,
      headers: sent,
      body: options.body,
    });
  }

  const rejection = (response: ReadResponse) => [response.status, json(response).error_code];

  it("accepts a correctly signed export, list and show", async () => {
    expect((await sendSigned(permanent)).status).toBe(200);
    expect((await sendSigned(permanent, { body: "{}" })).status).toBe(200);
    const listed = await sendSigned(permanent, {
      method: "GET",
      path: "/v3/scm/certificates?sort_dir=ASC&limit=20&content=a%20b",
    });
    expect(listed.status).toBe(200);
    expect((await sendSigned(permanent, { method: "GET", path: `/v3/scm/certificates/${id}` })).status).toBe(
      200,
    );
  });

  it("rejects a wrong signature", async () => {
    const response = await sendSigned({ ...permanent, secretKey: "not-the-secret" });
    expect(rejection(response)).toEqual([401, "APIGW.0301"]);
    expect(json(response).error_msg).toMatch(/signature/);
  });

  it("rejects a request changed after signing", async () => {
    const response = await sendSigned(permanent, {
      sentPath: "/v3/scm/certificates/scs0000000000000/export",
    });
    expect(rejection(response)).toEqual([401, "APIGW.0301"]);
  });

  it("rejects an unknown access key", async () => {
    const response = await sendSigned({ ...permanent, accessKey: "UNKNOWNACCESSKEY0001" });
    expect(rejection(response)).toEqual([401, "APIGW.0301"]);
    expect(json(response).error_msg).toMatch(/access key/);
  });

  it("rejects an X-Sdk-Date more than 15 minutes off, either way", async () => {
    for (const offset of [-16 * MINUTE_MS, 16 * MINUTE_MS]) {
      const response = await sendSigned(permanent, { now: new Date(Date.now() + offset) });
      expect(rejection(response)).toEqual([401, "APIGW.0301"]);
      expect(json(response).error_msg).toMatch(/15 minutes/);
    }
    expect((await sendSigned(permanent, { now: new Date(Date.now() - 14 * MINUTE_MS) })).status).toBe(200);
  });

  /** Sends a request signed over exactly `signedHeaders`, as a client that picks its own would. */
  async function sendSignedOver(signedHeaders: string[]): Promise<ReadResponse> {
    const url = new URL(`${scm.url}/v3/scm/certificates/${id}/export`);
    const sdkDate = formatSdkDate(new Date());
    const headers: Record<string, string> = {
      "x-sdk-date": sdkDate,
      "x-domain-id": scm.domainId,
      host: url.host,
    };
    const canonical = canonicalRequest({ method: "POST", url, headers, signedHeaders, body: undefined });
    const signature = hmacSignature(permanent.secretKey, stringToSign(sdkDate, canonical));
    const authorization = authorizationHeader({ accessKey: permanent.accessKey, signedHeaders, signature });
    const { host: _, ...sent } = headers;
    return send(url.href, { method: "POST", headers: { ...sent, authorization } });
  }

  it("accepts a signature that leaves host unsigned, as Huawei's Go SDK signs", async () => {
    const response = await sendSignedOver(["x-domain-id", "x-sdk-date"]);
    expect(response.status).toBe(200);
  });

  it("rejects a signature that leaves X-Sdk-Date unsigned", async () => {
    const response = await sendSignedOver(["host", "x-domain-id"]);
    expect(rejection(response)).toEqual([401, "APIGW.0301"]);
    expect(json(response).error_msg).toMatch(/X-Sdk-Date must be signed/);
  });

  it("requires the right X-Security-Token for a temporary pair", async () => {
    expect((await sendSigned(temporary)).status).toBe(200);
    const missing = await sendSigned(temporary, { drop: "X-Security-Token" });
    expect(rejection(missing)).toEqual([401, "APIGW.0301"]);
    const wrong = await sendSigned({ ...temporary, securityToken: "another-token" });
    expect(rejection(wrong)).toEqual([401, "APIGW.0301"]);
    expect(json(wrong).error_msg).toMatch(/security token/);
  });

  it("requires X-Domain-Id naming the key's account, as a global service does", async () => {
    const missing = await sendSigned(permanent, { withoutDomainId: true });
    expect(rejection(missing)).toEqual([401, "APIGW.0301"]);
    expect(json(missing).error_msg).toMatch(/X-Domain-Id is required/);
    const wrong = await sendSigned({ ...permanent, domainId: "f".repeat(32) });
    expect(rejection(wrong)).toEqual([401, "APIGW.0301"]);
    expect(json(wrong).error_msg).toMatch(/not the access key's account/);
    expect((await sendSigned({ ...permanent, domainId: scm.domainId })).status).toBe(200);
  });

  it("names the account of a signed request at IAM's GET /v3/auth/domains, and refuses a bad signature", async () => {
    const named = await sendSigned(temporary, {
      method: "GET",
      path: "/v3/auth/domains",
      withoutDomainId: true,
    });
    expect(named.status).toBe(200);
    expect(json(named).domains).toEqual([expect.objectContaining({ id: scm.domainId, enabled: true })]);
    const refused = await sendSigned(
      { ...permanent, secretKey: "not-the-secret" },
      { method: "GET", path: "/v3/auth/domains", withoutDomainId: true },
    );
    expect(refused.status).toBe(401);
    expect(json(refused).error).toEqual(expect.objectContaining({ code: 401, title: "Unauthorized" }));
  });

  it("rejects a malformed Authorization header and a request without credentials", async () => {
    const url = `${scm.url}/v3/scm/certificates/${id}/export`;
    const malformed = await send(url, { method: "POST", headers: { authorization: "Basic abc" } });
    expect(rejection(malformed)).toEqual([401, "APIGW.0301"]);
    expect(rejection(await send(url, { method: "POST" }))).toEqual([401, "APIGW.0301"]);
  });
});
