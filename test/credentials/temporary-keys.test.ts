import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { temporaryKeyCache } from "../../provider/auth/temporary-keys";
import {
  ECS_SECURITY_KEY_PATH,
  IAM_SECURITY_TOKENS_PATH,
  SCM_CERTIFICATES_PATH,
} from "../../provider/constants";
import { ScmCredentialsError } from "../../provider/errors";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { ScmClient } from "../../provider/scm/scm-client";
import { resolveScmSettings } from "../../provider/settings/resolve-settings";

/**
 * Temporary keys, from an agency (assumed at IAM, alone or in a chain) and from the ECS metadata
 * service, resolved from settings and used by the client against the emulator.
 */

let emulator: ScmEmulator;
let certificateId: string;
/** How many temporary keys the emulator had issued when the test began. */
let issuedBefore = 0;
const issuedNow = () => emulator.temporaryKeys.slice(issuedBefore);

beforeAll(async () => {
  emulator = await startScmEmulator({
    ecsMetadata: true,
    agencies: [
      { agencyName: "scm-reader", domainName: "emulator-account" },
      { agencyName: "hop", domainName: "middle-account" },
    ],
  });
  certificateId = [...emulator.certificates.keys()][0] as string;
});
beforeEach(() => {
  emulator.resetLog();
  temporaryKeyCache.clear();
  issuedBefore = emulator.temporaryKeys.length;
});
afterAll(async () => {
  await closeConnectionPools();
  await emulator?.stop();
});

/** What a call that must fail rejected with. */
async function rejection(call: Promise<unknown>): Promise<Error> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(Error);
  return outcome as Error;
}

/** A client from settings, as the provider makes one for a call. */
function clientFrom(env: Record<string, string>, config: Record<string, string> = {}): ScmClient {
  const settings = resolveScmSettings({
    args: { endpoint: emulator.url },
    config: (key) => config[key],
    env: { HW_AUTH_URL: `${emulator.url}/v3`, ...env },
  });
  return new ScmClient({ endpoint: settings.endpoint, credentials: settings.credentials, maxRetries: 0 });
}

const accessKeyEnv = () => ({
  HW_ACCESS_KEY: emulator.accessKey.accessKey,
  HW_SECRET_KEY: emulator.accessKey.secretKey,
});
const scmRequests = () => emulator.requests.filter((r) => r.path.startsWith(SCM_CERTIFICATES_PATH));
const assumed = () => emulator.requests.filter((r) => r.path === IAM_SECURITY_TOKENS_PATH);

/** Every SCM request was signed with a temporary key the emulator issued, and carried its security token. */
function signedWithTemporaryKeys(issuedFor: string): void {
  expect(scmRequests().length).toBeGreaterThan(0);
  for (const request of scmRequests()) {
    expect(request.status).toBe(200);
    const accessKey = /Access=(\w+),/.exec(request.headers.authorization ?? "")?.[1];
    const key = emulator.temporaryKeys.find((candidate) => candidate.accessKey === accessKey);
    expect(key?.issuedFor).toBe(issuedFor);
    expect(request.headers["x-security-token"]).toBe(key?.securityToken);
  }
}

describe("an agency", () => {
  it("from HW_ASSUME_ROLE_*: the key pair assumes it, and its keys export the certificate", async () => {
    const client = clientFrom({
      ...accessKeyEnv(),
      HW_ASSUME_ROLE_AGENCY_NAME: "scm-reader",
      HW_ASSUME_ROLE_DOMAIN_NAME: "emulator-account",
    });
    const exported = await client.exportCertificate(certificateId);
    expect(exported.privateKey).toBe(emulator.certificates.get(certificateId)?.privateKey);
    expect(assumed().map((r) => r.status)).toEqual([201]);
    expect(assumed()[0]?.headers.authorization).toContain(`Access=${emulator.accessKey.accessKey},`);
    signedWithTemporaryKeys("agency:emulator-account/scm-reader");
  });

  it("as a chain in huaweicloud:assumeRole: each hop is assumed with the keys of the one before", async () => {
    const client = clientFrom(accessKeyEnv(), {
      "huaweicloud:assumeRole": JSON.stringify([
        { agencyName: "hop", domainName: "middle-account" },
        { agencyName: "scm-reader", domainName: "emulator-account", durationSeconds: 900 },
      ]),
    });
    await client.exportCertificate(certificateId);
    expect(assumed().map((r) => r.status)).toEqual([201, 201]);
    const [first, second] = issuedNow();
    expect(first?.issuedFor).toBe("agency:middle-account/hop");
    expect(assumed()[1]?.headers.authorization).toContain(`Access=${first?.accessKey},`);
    expect(assumed()[1]?.headers["x-security-token"]).toBe(first?.securityToken);
    expect(second?.issuedFor).toBe("agency:emulator-account/scm-reader");
    signedWithTemporaryKeys("agency:emulator-account/scm-reader");
  });

  it("with a token: IAM is called with the token", async () => {
    await clientFrom({
      HW_AUTH_TOKEN: emulator.token,
      HW_ASSUME_ROLE_AGENCY_NAME: "scm-reader",
      HW_ASSUME_ROLE_DOMAIN_NAME: "emulator-account",
    }).exportCertificate(certificateId);
    expect(assumed()[0]?.headers["x-auth-token"]).toBe(emulator.token);
    signedWithTemporaryKeys("agency:emulator-account/scm-reader");
  });

  it("keys are reused by every client with the same settings until shortly before they expire", async () => {
    const env = {
      ...accessKeyEnv(),
      HW_ASSUME_ROLE_AGENCY_NAME: "scm-reader",
      HW_ASSUME_ROLE_DOMAIN_NAME: "emulator-account",
    };
    await clientFrom(env).exportCertificate(certificateId);
    await clientFrom(env).exportCertificate(certificateId);
    expect(assumed()).toHaveLength(1);
    // Another agency is another cache entry.
    await clientFrom(env, {
      "huaweicloud:assumeRole": JSON.stringify({ agencyName: "hop", domainName: "middle-account" }),
    })
      .listCertificates()
      .catch(() => undefined);
    expect(assumed()).toHaveLength(2);
  });

  it("refused by IAM: a clear error quoting no secret", async () => {
    const error = await rejection(
      clientFrom({
        ...accessKeyEnv(),
        HW_ASSUME_ROLE_AGENCY_NAME: "unknown-agency",
        HW_ASSUME_ROLE_DOMAIN_NAME: "emulator-account",
      }).exportCertificate(certificateId),
    );
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect(error.message).toMatch(
      /refused to let the credentials found assume agency "unknown-agency" of account "emulator-account": 403/,
    );
    expect(error.message).not.toContain(emulator.accessKey.secretKey);
    expect(scmRequests()).toEqual([]);
  });

  it.each<[string, Record<string, string>, Record<string, string>, RegExp]>([
    [
      "an agency name alone",
      { HW_ASSUME_ROLE_AGENCY_NAME: "a" },
      {},
      /an agency also needs HW_ASSUME_ROLE_DOMAIN_NAME/,
    ],
    [
      "a domain name alone",
      { HW_ASSUME_ROLE_DOMAIN_NAME: "d" },
      {},
      /an agency also needs HW_ASSUME_ROLE_AGENCY_NAME/,
    ],
    [
      "an object without domainName",
      {},
      { "huaweicloud:assumeRole": '{"agencyName":"a"}' },
      /huaweicloud:assumeRole\.domainName is required/,
    ],
    [
      "a chain whose second hop is too short-lived",
      {},
      {
        "huaweicloud:assumeRole":
          '[{"agencyName":"a","domainName":"d"},{"agencyName":"b","domainName":"d","durationSeconds":60}]',
      },
      /huaweicloud:assumeRole\[1\]\.durationSeconds must be at least 900/,
    ],
    [
      "text that is not JSON",
      {},
      { "huaweicloud:assumeRole": "scm-reader" },
      /huaweicloud:assumeRole is not JSON/,
    ],
  ])("%s: refused before anything is sent", (_, env, config, message) => {
    expect(() => clientFrom({ ...accessKeyEnv(), ...env }, config)).toThrow(message);
    expect(emulator.requests).toEqual([]);
  });
});

describe("temporary keys at the gateway", () => {
  it("are refused without their security token", async () => {
    await clientFrom({
      ...accessKeyEnv(),
      HW_ASSUME_ROLE_AGENCY_NAME: "scm-reader",
      HW_ASSUME_ROLE_DOMAIN_NAME: "emulator-account",
    }).exportCertificate(certificateId);
    const [key] = emulator.temporaryKeys.slice(-1);
    const withoutToken = new ScmClient({
      endpoint: emulator.url,
      credentials: {
        kind: "access-key",
        accessKey: key?.accessKey ?? "",
        secretKey: key?.secretKey ?? "",
        domainId: emulator.domainId,
      },
      maxRetries: 0,
    });
    await expect(withoutToken.exportCertificate(certificateId)).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/the security token is missing or wrong/),
    });
  });
});

describe("the ECS metadata service", () => {
  it("is asked when nothing else is set, and its keys export the certificate", async () => {
    const client = clientFrom({ HW_METADATA_URL: emulator.url });
    await client.exportCertificate(certificateId);
    await client.exportCertificate(certificateId);
    expect(emulator.requests.filter((r) => r.path === ECS_SECURITY_KEY_PATH)).toHaveLength(1);
    signedWithTemporaryKeys("metadata");
  });

  it("keys are fetched again once they are within the renewal margin of their expiry", async () => {
    const shortLived = await startScmEmulator({ ecsMetadata: true, temporaryKeyTtlMs: 5 * 60 * 1000 });
    try {
      const settings = resolveScmSettings({
        args: { endpoint: shortLived.url },
        config: () => undefined,
        env: { HW_METADATA_URL: shortLived.url, HW_DOMAIN_ID: shortLived.domainId },
      });
      const client = new ScmClient({ endpoint: settings.endpoint, credentials: settings.credentials });
      const id = [...shortLived.certificates.keys()][0] as string;
      await client.exportCertificate(id);
      await client.exportCertificate(id);
      // Five minutes left is inside the ten-minute margin: each call renews.
      expect(shortLived.requests.filter((r) => r.path === ECS_SECURITY_KEY_PATH)).toHaveLength(2);
      expect(new Set(shortLived.temporaryKeys.map((k) => k.accessKey)).size).toBe(2);
    } finally {
      await shortLived.stop();
    }
  });

  it("under an agency: the metadata keys assume it", async () => {
    await clientFrom({
      HW_METADATA_URL: emulator.url,
      HW_ASSUME_ROLE_AGENCY_NAME: "scm-reader",
      HW_ASSUME_ROLE_DOMAIN_NAME: "emulator-account",
    }).exportCertificate(certificateId);
    const metadataKey = issuedNow().find((k) => k.issuedFor === "metadata");
    expect(assumed()[0]?.headers["x-security-token"]).toBe(metadataKey?.securityToken);
    signedWithTemporaryKeys("agency:emulator-account/scm-reader");
  });

  it("on a server without an agency (404): the usual no-credentials error, listing every place", async () => {
    const bare = await startScmEmulator();
    try {
      const error = await rejection(
        clientFrom({ HW_METADATA_URL: bare.url }).exportCertificate(certificateId),
      );
      expect(error).toBeInstanceOf(ScmCredentialsError);
      expect(error.message).toMatch(/^No Huawei Cloud credentials were found/);
      expect(error.message).toContain("HW_SHARED_CONFIG_FILE");
      expect(error.message).toMatch(
        /- the ECS metadata service at http:\/\/127\.0\.0\.1:\d+\/openstack\/latest\/securitykey: no agency is attached to this server \(404\)\.$/,
      );
    } finally {
      await bare.stop();
    }
  });

  it("where nothing listens: the same error, without a wait", async () => {
    const error = await rejection(
      clientFrom({ HW_METADATA_URL: "http://127.0.0.1:9" }).exportCertificate(certificateId),
    );
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect(error.message).toMatch(/^No Huawei Cloud credentials were found/);
    expect(error.message).toMatch(
      /ECS metadata service at http:\/\/127\.0\.0\.1:9\/openstack\/latest\/securitykey: could not be reached \(ECONNREFUSED\)/,
    );
  });
});
