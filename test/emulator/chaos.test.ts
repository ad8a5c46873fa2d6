import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { certificateOf, exportWithToken, json, passwordBody, send } from "./helpers";

/** What an export request got: its status, or `failed` when no whole answer came back. */
async function outcome(scm: ScmEmulator, id: string): Promise<number | "failed"> {
  try {
    return (await exportWithToken(scm, id)).status;
  } catch {
    return "failed";
  }
}

async function outcomes(scm: ScmEmulator, id: string, count: number): Promise<(number | "failed")[]> {
  const seen: (number | "failed")[] = [];
  for (let i = 0; i < count; i++) seen.push(await outcome(scm, id));
  return seen;
}

describe("chaos", () => {
  let scm: ScmEmulator;
  let id: string;
  beforeAll(async () => {
    scm = await startScmEmulator();
    id = certificateOf(scm, "ec").id;
  });
  afterEach(() => {
    scm.setChaos(undefined);
    scm.clearFaults();
  });
  afterAll(() => scm.stop());

  it("fails about the share asked of SCM's answers, in every kind, and counts them by kind", async () => {
    scm.setChaos({ share: 0.2, seed: 7 });
    const seen = await outcomes(scm, id, 300);
    const failed = seen.filter((status) => status !== 200).length;
    const report = scm.chaos;
    const injected = Object.values(report.injected).reduce((sum, n) => sum + n, 0);
    expect(report).toMatchObject({ enabled: true, share: 0.2, seed: 7, answers: 300 });
    expect(injected).toBe(failed);
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(90);
    for (const count of Object.values(report.injected)) expect(count).toBeGreaterThan(0);
  });

  it("fails the same requests for the same seed, and others for another seed", async () => {
    scm.setChaos({ share: 0.3, seed: 42 });
    const first = await outcomes(scm, id, 40);
    scm.setChaos({ share: 0.3, seed: 42 });
    const again = await outcomes(scm, id, 40);
    scm.setChaos({ share: 0.3, seed: 43 });
    const other = await outcomes(scm, id, 40);
    expect(first.some((status) => status !== 200)).toBe(true);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it("throttles with 429 APIGW.0308 and Retry-After", async () => {
    scm.setChaos({ share: 1, kinds: ["throttled"], retryAfterSeconds: 2 });
    const throttled = await exportWithToken(scm, id);
    expect([throttled.status, throttled.headers["retry-after"], json(throttled).error_code]).toEqual([
      429,
      "2",
      "APIGW.0308",
    ]);
  });

  it("answers 5xx with JSON bodies, and gateway pages as HTML", async () => {
    scm.setChaos({ share: 1, kinds: ["server-error"] });
    const serverErrors = await Promise.all([1, 2, 3, 4, 5, 6].map(() => exportWithToken(scm, id)));
    for (const answer of serverErrors) {
      expect([500, 502, 503, 504]).toContain(answer.status);
      expect(json(answer).error_code).toMatch(/^(SCM|APIGW)\./);
    }
    scm.setChaos({ share: 1, kinds: ["html"] });
    const page = await exportWithToken(scm, id);
    expect([502, 503, 504]).toContain(page.status);
    expect([page.headers["content-type"], page.text]).toEqual([
      "text/html",
      expect.stringContaining("<html>"),
    ]);
  });

  it("resets connections and cuts bodies off", async () => {
    scm.setChaos({ share: 1, kinds: ["reset", "truncated"] });
    expect(await outcomes(scm, id, 6)).toEqual(Array(6).fill("failed"));
    expect(scm.chaos.injected.reset + scm.chaos.injected.truncated).toBe(6);
  });

  it("leaves IAM alone", async () => {
    scm.setChaos({ share: 1 });
    const token = await send(`${scm.url}/v3/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: passwordBody(scm.user),
    });
    expect(token.status).toBe(201);
    expect(scm.chaos.answers).toBe(0);
  });

  it("gives way to a fault set for the request", async () => {
    scm.setChaos({ share: 1, kinds: ["throttled"] });
    scm.setFault({ kind: "status", status: 404, times: 1 }, { certificateId: id });
    expect(await outcomes(scm, id, 2)).toEqual([404, 429]);
  });

  it("refuses a share outside 0 to 1 and unknown kinds", () => {
    expect(() => scm.setChaos({ share: 1.5 })).toThrow(/between 0 and 1/);
    expect(() => scm.setChaos({ share: 0.1, kinds: ["melt" as "reset"] })).toThrow(
      /unknown chaos fault kind melt/,
    );
  });
});
