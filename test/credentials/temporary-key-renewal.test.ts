import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { temporaryKeyCache } from "../../provider/auth/temporary-keys";
import { ECS_SECURITY_KEY_PATH, exportPath, IAM_SECURITY_TOKENS_PATH } from "../../provider/constants";
import { ScmApiError, ScmCredentialsError } from "../../provider/errors";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { ScmClient } from "../../provider/scm/scm-client";
import { resolveScmSettings } from "../../provider/settings/resolve-settings";

/**
 * Temporary keys (the ECS metadata service's, an agency's) that the gateway refuses are fetched
 * once more and the request sent again, as a password's token is; keys handed out already expired
 * are refused with an error that says so.
 */

let emulator: ScmEmulator;
let certificateId: string;

beforeAll(async () => {
  emulator = await startScmEmulator({ ecsMetadata: true });
  certificateId = [...emulator.certificates.keys()][0] as string;
});
beforeEach(() => {
  emulator.resetLog();
  emulator.clearFaults();
  temporaryKeyCache.clear();
});
afterAll(async () => {
  await closeConnectionPools();
  await emulator?.stop();
});

const metadataEnv = (scm: ScmEmulator) => ({ HW_METADATA_URL: scm.url, HW_DOMAIN_ID: scm.domainId });
const agencyEnv = (scm: ScmEmulator) => ({
  HW_ACCESS_KEY: scm.accessKey.accessKey,
  HW_SECRET_KEY: scm.accessKey.secretKey,
  HW_AUTH_URL: `${scm.url}/v3`,
  HW_DOMAIN_ID: scm.domainId,
  HW_ASSUME_ROLE_AGENCY_NAME: "scm-reader",
  HW_ASSUME_ROLE_DOMAIN_NAME: "emulator-account",
});

/** A client from settings, as the provider makes one. */
function clientOf(scm: ScmEmulator, env: Record<string, string>): ScmClient {
  const settings = resolveScmSettings({ args: { endpoint: scm.url }, config: () => undefined, env });
  return new ScmClient({ endpoint: settings.endpoint, credentials: settings.credentials, maxRetries: 0 });
}

const requestsTo = (scm: ScmEmulator, path: string) =>
  scm.requests.filter((r) => r.path === path).map((r) => r.status);

describe.each([
  ["the ECS metadata service", metadataEnv, ECS_SECURITY_KEY_PATH],
  ["an agency", agencyEnv, IAM_SECURITY_TOKENS_PATH],
])("keys from %s that the gateway refuses", (_, env, issuedAt) => {
  it("are fetched once more, and the request sent again", async () => {
    const client = clientOf(emulator, env(emulator));
    await client.exportCertificate(certificateId);
    // Revoked, or expired sooner than they said: the client still holds them as valid.
    emulator.expireTemporaryKeys();
    const exported = await client.exportCertificate(certificateId);
    expect(exported.privateKey).toBe(emulator.certificates.get(certificateId)?.privateKey);
    expect(requestsTo(emulator, exportPath(certificateId))).toEqual([200, 401, 200]);
    expect(requestsTo(emulator, issuedAt)).toHaveLength(2);
  });

  it("are fetched once only: a second 401 is the error", async () => {
    emulator.setFault({ kind: "status", status: 401, times: 2 });
    const error = await clientOf(emulator, env(emulator))
      .exportCertificate(certificateId)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScmApiError);
    expect((error as ScmApiError).status).toBe(401);
    expect(requestsTo(emulator, exportPath(certificateId))).toEqual([401, 401]);
    expect(requestsTo(emulator, issuedAt)).toHaveLength(2);
  });
});

describe.each([
  [
    "the ECS metadata service",
    metadataEnv,
    ECS_SECURITY_KEY_PATH,
    /^The ECS metadata service at http:\/\/127\.0\.0\.1:\d+\/openstack\/latest\/securitykey returned temporary keys that had already expired, at (\S+) /,
  ],
  [
    "IAM, for an agency",
    agencyEnv,
    IAM_SECURITY_TOKENS_PATH,
    /^IAM at http:\/\/127\.0\.0\.1:\d+\/v3, assuming agency "scm-reader" of account "emulator-account", returned temporary keys that had already expired, at (\S+) /,
  ],
])("keys %s hands out already expired", (_, env, issuedAt, message) => {
  it("are refused with an error that says so and when they expired, and asked for again next time", async () => {
    const stale = await startScmEmulator({ ecsMetadata: true, temporaryKeyTtlMs: -60_000 });
    try {
      const client = clientOf(stale, env(stale));
      const id = [...stale.certificates.keys()][0] as string;
      const error = await client.exportCertificate(id).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ScmCredentialsError);
      const expiredAt = message.exec((error as Error).message)?.[1];
      expect(expiredAt, (error as Error).message).toBe(stale.temporaryKeys[0]?.expiresAt.toISOString());
      expect((error as Error).message).toContain("Check this machine's clock");
      expect((error as Error).message).not.toMatch(/IAM token/);
      expect(stale.requests.filter((r) => r.path.startsWith("/v3/scm"))).toEqual([]);

      await client.exportCertificate(id).catch(() => undefined);
      expect(requestsTo(stale, issuedAt)).toHaveLength(2);
    } finally {
      await stale.stop();
    }
  });
});
