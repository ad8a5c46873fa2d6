import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import {
  ScmApiError,
  type ScmClientOptions,
  ScmError,
  ScmInputError,
  ScmNetworkError,
  ScmResponseError,
  ScmTimeoutError,
} from "../../provider";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import {
  APIGW_API_NOT_FOUND,
  APIGW_AUTH_FAILED,
  APIGW_NOT_AUTHORIZED,
  SCM_ABNORMAL_CERTIFICATE_ID,
  SCM_INCORRECT_CERTIFICATE_ID,
  SCM_STATUS_FORBIDS,
  SCM_TENANT_NO_PRIVILEGE,
} from "../../provider/huawei-codes";
import { ScmClient } from "../../provider/scm/scm-client";
import { certificateOf } from "../emulator/helpers";
import { unknownIdFault } from "../support/scm-faults";
import { type NamedText, named, secretFindings } from "../support/secret-scan";

let emulator: ScmEmulator;
let rsaId: string;
const errors: unknown[] = [];

/** Every error a test sees is kept, then scanned for secrets at the end. */
async function failure(promise: Promise<unknown>): Promise<ScmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  errors.push(error);
  expect(error).toBeInstanceOf(ScmError);
  return error as ScmError;
}

function client(options: Partial<ScmClientOptions> = {}): ScmClient {
  return new ScmClient({
    endpoint: emulator.url,
    credentials: { kind: "token", token: emulator.token },
    maxRetries: 3,
    onWarning: () => {},
    ...options,
  });
}

const exportsOf = (id: string) => emulator.requests.filter((r) => r.path.endsWith(`/${id}/export`));

beforeAll(async () => {
  emulator = await startScmEmulator();
  rsaId = certificateOf(emulator, "rsa").id;
});
afterEach(() => {
  emulator.clearFaults();
  emulator.resetLog();
});
afterAll(async () => {
  await closeConnectionPools();
  await emulator.stop();
});

describe("exportCertificate", () => {
  it("exports the certificate, chain and key the emulator holds", async () => {
    const held = emulator.certificates.get(rsaId);
    const exported = await client().exportCertificate(rsaId);
    expect(exported.certificateId).toBe(rsaId);
    expect(exported.certificate).toBe(held?.certificate);
    expect(exported.certificateChain).toBe(held?.certificateChain);
    expect(exported.privateKey).toBe(held?.privateKey);
    expect(exported.entireCertificate).toContain(held?.certificate.trim());
    expect(exported.requestId).toMatch(/^[0-9a-f]+$/);
    const [request] = exportsOf(rsaId);
    expect(request?.method).toBe("POST");
    expect(request?.headers["x-auth-token"]).toBe(emulator.token);
  });

  it("rejects an invalid id before any request is sent", async () => {
    for (const id of ["short", "scs1627959834994x", "scs/62795983499", "..%2F7959834994a", ""]) {
      const error = await failure(client().exportCertificate(id));
      expect(error).toBeInstanceOf(ScmInputError);
    }
    expect(emulator.requests).toHaveLength(0);
  });

  it.each([
    [400, SCM_STATUS_FORBIDS, "SCM rejected the request"],
    [400, SCM_TENANT_NO_PRIVILEGE, "belongs to another account"],
    [400, SCM_INCORRECT_CERTIFICATE_ID, "SCM does not know this certificate id"],
    [404, SCM_ABNORMAL_CERTIFICATE_ID, "SCM does not know this certificate id"],
    [401, APIGW_AUTH_FAILED, "renew the credentials"],
    [403, APIGW_NOT_AUTHORIZED, "scm:cert:export"],
    [404, APIGW_API_NOT_FOUND, "not SCM saying the certificate does not exist"],
  ])("answers %i %s once, with its hint, and never retries it", async (status, errorCode, hint) => {
    emulator.setFault({ kind: "status", status, errorCode, errorMessage: "Tenant has no privilege" });
    const error = (await failure(client().exportCertificate(rsaId))) as ScmApiError;
    expect(error).toBeInstanceOf(ScmApiError);
    expect(error.status).toBe(status);
    expect(error.errorCode).toBe(errorCode);
    expect(error.certificateId).toBe(rsaId);
    expect(error.requestId).toBeTruthy();
    expect(error.message).toContain(
      `SCM export of ${rsaId} failed: ${status} ${errorCode} Tenant has no privilege (request id ${error.requestId})`,
    );
    expect(error.message).toContain(hint);
    expect(exportsOf(rsaId)).toHaveLength(1);
  });

  it("takes SCM's documented answer for an id it does not hold as an unknown certificate, in one request", async () => {
    const error = (await failure(client().exportCertificate("scs0000000000001"))) as ScmApiError;
    expect([error.status, error.errorCode, error.certificateUnknown]).toEqual([
      400,
      SCM_INCORRECT_CERTIFICATE_ID,
      true,
    ]);
    // No lookup of its status follows: an id SCM does not know has none.
    expect(emulator.requests).toHaveLength(1);
  });

  it("takes neither another account's certificate, the gateway's 404, nor a 5xx with SCM.0020 as an unknown certificate", async () => {
    const foreign = await emulator.addCertificate({ otherAccount: true });
    const refused = (await failure(client().exportCertificate(foreign.id))) as ScmApiError;
    emulator.deleteCertificate(foreign.id);
    expect([refused.status, refused.errorCode, refused.certificateUnknown]).toEqual([
      400,
      SCM_TENANT_NO_PRIVILEGE,
      false,
    ]);
    emulator.setFault({ kind: "status", status: 404 });
    const gateway = (await failure(client().exportCertificate(rsaId))) as ScmApiError;
    expect([gateway.errorCode, gateway.certificateUnknown]).toEqual([APIGW_API_NOT_FOUND, false]);
    // Huawei documents the unknown-id codes with 400 only (404 is tolerated): a failing SCM is no proof.
    emulator.setFault(unknownIdFault(500));
    const failing = (await failure(client({ maxRetries: 0 }).exportCertificate(rsaId))) as ScmApiError;
    expect([failing.status, failing.errorCode, failing.certificateUnknown]).toEqual([
      500,
      SCM_INCORRECT_CERTIFICATE_ID,
      false,
    ]);
  });

  it.each([429, 500, 502, 503, 504])(
    "retries %i: two failures then success takes three attempts",
    async (status) => {
      emulator.setFault({
        kind: "status",
        status,
        times: 2,
        retryAfterSeconds: status === 429 ? 0 : undefined,
      });
      await client().exportCertificate(rsaId);
      expect(exportsOf(rsaId).map((r) => r.status)).toEqual([status, status, 200]);
    },
  );

  it("gives up after maxRetries more attempts and reports the last answer", async () => {
    emulator.setFault({
      kind: "status",
      status: 503,
      errorCode: "APIGW.0613",
      errorMessage: "IAM unavailable",
    });
    const error = (await failure(client({ maxRetries: 2 }).exportCertificate(rsaId))) as ScmApiError;
    expect(error.status).toBe(503);
    expect(error.errorCode).toBe("APIGW.0613");
    expect(exportsOf(rsaId)).toHaveLength(3);
  });

  it("makes 4 attempts by default", async () => {
    emulator.setFault({ kind: "status", status: 500 });
    const scm = new ScmClient({
      endpoint: emulator.url,
      credentials: { kind: "token", token: emulator.token },
    });
    await failure(scm.exportCertificate(rsaId));
    expect(exportsOf(rsaId)).toHaveLength(4);
  });

  it("waits as long as Retry-After says", async () => {
    emulator.setFault({
      kind: "status",
      status: 429,
      errorCode: "APIGW.0308",
      retryAfterSeconds: 1,
      times: 1,
    });
    await client().exportCertificate(rsaId);
    const [first, second] = exportsOf(rsaId);
    expect(second?.status).toBe(200);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("holds every request to the endpoint after a 429 until Retry-After has passed", async () => {
    const ecId = certificateOf(emulator, "ec").id;
    emulator.setFault(
      { kind: "status", status: 429, retryAfterSeconds: 1, times: 1 },
      { certificateId: rsaId },
    );
    // One connection: the second request waits for the first one's slot, which is given back
    // only once the 429 has closed the gate, however slowly this machine reads the answer.
    const scm = client({ connections: 1 });
    const throttled = scm.exportCertificate(rsaId);
    // Another certificate, not throttled itself: it still waits, since SCM throttles the account.
    const other = scm.exportCertificate(ecId);
    await Promise.all([throttled, other]);
    const [first, ...rest] = emulator.requests;
    expect(first?.status).toBe(429);
    expect(rest.map((r) => `${r.certificateId} ${r.status}`).sort()).toEqual(
      [`${ecId} 200`, `${rsaId} 200`].sort(),
    );
    for (const request of rest) expect(request.at - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("retries a reset connection, then succeeds", async () => {
    emulator.setFault({ kind: "reset", times: 2 });
    await client().exportCertificate(rsaId);
    expect(exportsOf(rsaId)).toHaveLength(3);
  });

  it("reports a connection reset on every attempt as a network error", async () => {
    emulator.setFault({ kind: "reset" });
    const error = await failure(client({ maxRetries: 1 }).exportCertificate(rsaId));
    expect(error).toBeInstanceOf(ScmNetworkError);
    expect(exportsOf(rsaId)).toHaveLength(2);
  });

  it("times out an attempt that takes too long", async () => {
    emulator.setFault({ kind: "delay", ms: 3_000 });
    const error = await failure(client({ timeoutMs: 200, maxRetries: 0 }).exportCertificate(rsaId));
    expect(error).toBeInstanceOf(ScmTimeoutError);
    expect(error.message).toContain("200 ms");
  });

  it("is cancelled by an AbortSignal, during a request and during a backoff", async () => {
    emulator.setFault({ kind: "delay", ms: 3_000 });
    const during = client().exportCertificate(rsaId, { signal: AbortSignal.timeout(100) });
    await expect(during).rejects.toMatchObject({ name: "TimeoutError" });
    emulator.setFault({ kind: "status", status: 429, retryAfterSeconds: 10 });
    const backoff = client().exportCertificate(rsaId, { signal: AbortSignal.timeout(300) });
    await expect(backoff).rejects.toMatchObject({ name: "TimeoutError" });
    expect(exportsOf(rsaId)).toHaveLength(2);
  });

  it.each([
    [{ kind: "truncated" } as const, ScmResponseError, "cut off"],
    [{ kind: "oversized" } as const, ScmResponseError, "bytes, over the 65536-byte cap"],
    [{ kind: "oversized", streamed: true } as const, ScmResponseError, "exceeds the 65536-byte cap"],
    [{ kind: "missing-field", field: "certificate_chain" } as const, ScmResponseError, "certificate_chain"],
  ])("turns a broken answer (%o) into a clear error", async (fault, type, text) => {
    emulator.setFault(fault);
    const error = await failure(client({ maxRetries: 0 }).exportCertificate(rsaId));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain(text);
  });

  it("asks again for an answer cut off mid-way, within the retry budget", async () => {
    emulator.setFault({ kind: "truncated", times: 1 });
    const exported = await client({ maxRetries: 1 }).exportCertificate(rsaId);
    expect(exported.certificate).toContain("-----BEGIN CERTIFICATE-----");
    // The first answer is cut off; the request is sent again whole (SCM serves no Range).
    expect(exportsOf(rsaId)).toHaveLength(2);
  });

  it("sends at most maxRetries + 1 requests when every answer is cut off", async () => {
    emulator.setFault({ kind: "truncated" });
    const error = await failure(client({ maxRetries: 4 }).exportCertificate(rsaId));
    expect(String(error)).toMatch(/the response body was cut off after \d+ bytes/);
    expect(exportsOf(rsaId)).toHaveLength(5);
  });

  it("a body dripping in slower than the deadline fails each attempt at its deadline", async () => {
    emulator.setFault({ kind: "drip", intervalMs: 50 });
    const error = await failure(client({ timeoutMs: 400, maxRetries: 1 }).exportCertificate(rsaId));
    expect(error).toBeInstanceOf(ScmTimeoutError);
    expect(error.message).toMatch(/timed out: no answer from .* within 400 ms/);
    expect(exportsOf(rsaId)).toHaveLength(2);
  });

  it("an error body that never ends is dropped once its cap is read", async () => {
    // The deadline is far beyond the test's own timeout: only the cap can end this call.
    emulator.setFault({ kind: "endless-error", status: 500 });
    const error = (await failure(
      client({ timeoutMs: 300_000, maxRetries: 1 }).exportCertificate(rsaId),
    )) as ScmApiError;
    expect(error).toBeInstanceOf(ScmApiError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/failed: 500 unexpected body/);
    expect(exportsOf(rsaId)).toHaveLength(2);
  });

  it("quotes only a short, secret-free excerpt of a gateway's HTML page", async () => {
    emulator.setFault({ kind: "non-json" });
    const error = (await failure(client({ maxRetries: 0 }).exportCertificate(rsaId))) as ScmApiError;
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/unexpected body: .*html/i);
    expect(error.errorMessage?.length ?? 0).toBeLessThan(160);
  });

  it("accepts a field over its documented maximum, with a warning", async () => {
    emulator.setFault({ kind: "field-over-limit", field: "certificate_chain" });
    const warnings: string[] = [];
    const exported = await client({ onWarning: (w) => warnings.push(w) }).exportCertificate(rsaId);
    expect(exported.certificateChain.length).toBeGreaterThan(8192);
    expect(warnings).toEqual([expect.stringContaining("certificate_chain is")]);
  });

  it("keeps one connection alive for 200 sequential exports", async () => {
    const scm = client();
    for (let i = 0; i < 200; i++) await scm.exportCertificate(rsaId);
    expect(exportsOf(rsaId)).toHaveLength(200);
    expect(emulator.connections).toBeLessThanOrEqual(2);
  });
});

describe("over HTTPS", () => {
  let secure: ScmEmulator;
  beforeAll(async () => {
    secure = await startScmEmulator({ https: true });
  });
  afterAll(() => secure.stop());

  it("exports when the emulator's CA is trusted", async () => {
    const [held] = secure.certificates.values();
    const scm = new ScmClient({
      endpoint: secure.url,
      credentials: { kind: "token", token: secure.token },
      caCertificate: secure.caCertificate as string,
    });
    expect((await scm.exportCertificate(held?.id as string)).privateKey).toBe(held?.privateKey);
  });

  it("refuses an untrusted server with a TLS hint, and no retry", async () => {
    const [held] = secure.certificates.values();
    const scm = new ScmClient({ endpoint: secure.url, credentials: { kind: "token", token: secure.token } });
    secure.resetLog();
    const error = await failure(scm.exportCertificate(held?.id as string));
    expect(error).toBeInstanceOf(ScmNetworkError);
    expect(error.message).toContain("caCertificate or NODE_EXTRA_CA_CERTS");
    expect(secure.requests).toHaveLength(0);
  });

  it("skips verification with insecure, and warns", async () => {
    const [held] = secure.certificates.values();
    const warnings: string[] = [];
    const scm = new ScmClient({
      endpoint: secure.url,
      credentials: { kind: "token", token: secure.token },
      insecure: true,
      onWarning: (w) => warnings.push(w),
    });
    await scm.exportCertificate(held?.id as string);
    expect(warnings.join()).toContain("TLS verification is off");
  });
});

describe("options", () => {
  it.each([
    [{ endpoint: "not a url" }, "endpoint"],
    [{ endpoint: "ftp://scm.example.com" }, "endpoint"],
    [{ endpoint: "https://user:pass@scm.example.com" }, "endpoint"],
    [{ timeoutMs: -1 }, "timeoutMs"],
    [{ maxRetries: 100 }, "maxRetries"],
  ])("rejects %o naming the option", (options, name) => {
    expect(() => client(options as Partial<ScmClientOptions>)).toThrow(name);
  });
});

describe("secrets", () => {
  it("never puts the token or a private key in an error, its cause, or its properties", async () => {
    // Failures of its own, whatever ran before: every error status, SCM's words echoing the
    // token, an HTML page, and a missing certificate.
    const before = errors.length;
    for (const status of [400, 401, 403, 404, 429, 500, 502, 503]) {
      emulator.setFault({
        kind: "status",
        status,
        errorCode: "SCM.0001",
        errorMessage: `bad ${emulator.token}`,
      });
      await failure(client({ maxRetries: 0 }).exportCertificate(rsaId));
    }
    emulator.setFault({ kind: "status", status: 502, html: true });
    await failure(client({ maxRetries: 0 }).exportCertificate(rsaId));
    emulator.clearFaults();
    await failure(client().exportCertificate("scs0000000000001"));
    expect(errors.length - before).toBe(10);
    const keys = [...emulator.certificates.values()].map((c) => c.privateKey.split("\n")[1] as string);
    const seen = errors.map(
      (error, i): NamedText => [
        `error ${i + 1}`,
        [String(error), (error as Error).stack, JSON.stringify(error), String((error as Error).cause)].join(
          "\n",
        ),
      ],
    );
    expect(
      secretFindings([["the token", emulator.token], ...named("a private key's first line", keys)], seen),
    ).toEqual([]);
  });
});
