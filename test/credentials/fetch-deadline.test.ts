import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { domainIdCache } from "../../provider/auth/domain-id-lookup";
import { temporaryKeyCache } from "../../provider/auth/temporary-keys";
import { iamTokenCache } from "../../provider/auth/token-cache";
import { SCM_CERTIFICATES_PATH } from "../../provider/constants";
import { ScmCredentialsError } from "../../provider/errors";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { clientFor } from "../../provider/resource/scm-clients";
import { resolveScmSettings } from "../../provider/settings/resolve-settings";
import { startTricklingServer, type TricklingServer } from "../support/trickling-server";

/**
 * Every credential fetch (ECS metadata, an IAM token, an agency, an account id) against a server
 * that trickles its answer: the call ends at the request timeout setting, with an error naming the
 * service that did not answer, and the next call asks afresh instead of waiting on the first.
 */

const TIMEOUT_SECONDS = 0.3;

let emulator: ScmEmulator;
let certificateId: string;
let trickle: TricklingServer;

beforeAll(async () => {
  emulator = await startScmEmulator();
  certificateId = [...emulator.certificates.keys()][0] as string;
});
beforeEach(async () => {
  trickle = await startTricklingServer();
  emulator.resetLog();
  temporaryKeyCache.clear();
  iamTokenCache.clear();
  domainIdCache.clear();
});
afterEach(() => trickle.close());
afterAll(async () => {
  await closeConnectionPools();
  await emulator?.stop();
});

const accessKey = () => ({
  HW_ACCESS_KEY: emulator.accessKey.accessKey,
  HW_SECRET_KEY: emulator.accessKey.secretKey,
});

/** The error an export with these settings fails with, as the provider makes and uses its client. */
async function exportFailure(env: Record<string, string>): Promise<Error> {
  const settings = resolveScmSettings({
    args: { endpoint: emulator.url },
    config: () => undefined,
    env: { HW_REQUEST_TIMEOUT: String(TIMEOUT_SECONDS), ...env },
  });
  const client = await clientFor(settings);
  const outcome = await client.exportCertificate(certificateId).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  expect(outcome, "the export should have failed").toBeInstanceOf(Error);
  return outcome as Error;
}

const url = (path: string) => `${trickle.url.replaceAll(".", "\\.")}${path}`;

describe.each<[string, () => Record<string, string>, () => RegExp]>([
  [
    "the ECS metadata service",
    () => ({ HW_METADATA_URL: trickle.url, HW_DOMAIN_ID: emulator.domainId }),
    () =>
      new RegExp(
        `the ECS metadata service at ${url("/openstack/latest/securitykey")}: did not answer within 300 ms`,
      ),
  ],
  [
    "IAM, for a token",
    () => ({
      HW_USER_NAME: "deploy-bot",
      HW_USER_PASSWORD: "a-password-never-shown",
      HW_DOMAIN_NAME: "acme-account",
      HW_AUTH_URL: `${trickle.url}/v3`,
    }),
    () =>
      new RegExp(
        `^Could not exchange the password of user "deploy-bot" of account "acme-account" for a token: IAM at ${url("/v3")} did not answer within 300 ms`,
      ),
  ],
  [
    "IAM, for an agency's keys",
    () => ({
      ...accessKey(),
      HW_DOMAIN_ID: emulator.domainId,
      HW_AUTH_URL: `${trickle.url}/v3`,
      HW_ASSUME_ROLE_AGENCY_NAME: "scm-reader",
      HW_ASSUME_ROLE_DOMAIN_NAME: "emulator-account",
    }),
    () =>
      new RegExp(
        `^Could not assume agency "scm-reader" of account "emulator-account": IAM at ${url("/v3")} did not answer within 300 ms`,
      ),
  ],
  [
    "IAM, for the account id",
    () => ({ ...accessKey(), HW_AUTH_URL: `${trickle.url}/v3` }),
    () =>
      new RegExp(
        `^Could not look up the account \\(domain\\) id of access key \\w+: IAM at ${url("/v3")} did not answer within 300 ms`,
      ),
  ],
])("%s trickling its answer", (_, env, message) => {
  it("ends the call at the request timeout, naming the service, never SCM", async () => {
    const error = await exportFailure(env());
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect(error.message).toMatch(message());
    expect(error.message).not.toMatch(/\bSCM\b/);
    expect(emulator.requests.filter((r) => r.path.startsWith(SCM_CERTIFICATES_PATH))).toEqual([]);
    expect(trickle.requests).toHaveLength(1);
  });

  it("is not waited on by the next call, which asks afresh", async () => {
    await exportFailure(env());
    await exportFailure(env());
    expect(trickle.requests).toHaveLength(2);
  });
});
