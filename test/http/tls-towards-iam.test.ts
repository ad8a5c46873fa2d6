import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { domainIdCache } from "../../provider/auth/domain-id-lookup";
import { IAM_AUTH_DOMAINS_PATH } from "../../provider/constants";
import { ScmCredentialsError } from "../../provider/errors";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { ScmClient, type ScmClientOptions } from "../../provider/scm/scm-client";

/**
 * The TLS settings (`insecure`, `caCertificate`) apply to IAM as they do to SCM, whatever SCM's
 * scheme: here SCM is plain HTTP on loopback and IAM is HTTPS under the emulator's own CA. The
 * access key's account id is looked up at IAM, which names the same account as SCM's.
 */

const accessKey = { accessKey: "SHAREDACCESSKEY00001", secretKey: "shared-secret-key-0123456789abcdef" };
const domainId = "a".repeat(32);
let scm: ScmEmulator;
let iam: ScmEmulator;
let certificateId: string;

beforeAll(async () => {
  [scm, iam] = await Promise.all([
    startScmEmulator({ accessKeys: [accessKey], domainId }),
    startScmEmulator({ accessKeys: [accessKey], domainId, https: true }),
  ]);
  certificateId = [...scm.certificates.keys()][0] as string;
});
beforeEach(() => {
  scm.resetLog();
  iam.resetLog();
  domainIdCache.clear();
});
afterEach(() => closeConnectionPools());
afterAll(async () => {
  await Promise.all([scm?.stop(), iam?.stop()]);
});

function client(options: Partial<ScmClientOptions>, warnings: string[] = []): ScmClient {
  return new ScmClient({
    endpoint: scm.url,
    credentials: { kind: "access-key", ...accessKey, authUrl: `${iam.url}/v3` },
    maxRetries: 0,
    onWarning: (warning) => warnings.push(warning),
    ...options,
  });
}

const lookups = () => iam.requests.filter((r) => r.path === IAM_AUTH_DOMAINS_PATH).map((r) => r.status);

describe("TLS towards IAM", () => {
  it("insecure skips verification of IAM too, and the warning names SCM and IAM", async () => {
    const warnings: string[] = [];
    await client({ insecure: true }, warnings).exportCertificate(certificateId);
    expect(lookups()).toEqual([200]);
    expect(warnings).toEqual([
      `TLS verification is off for SCM at ${scm.url} and IAM at ${iam.url}: anyone on the path can read the private keys and credentials.`,
    ]);
  });

  it("the CA given trusts IAM too", async () => {
    await client({ caCertificate: iam.caCertificate }).exportCertificate(certificateId);
    expect(lookups()).toEqual([200]);
  });

  it("without either, IAM's certificate is refused by an error naming IAM, and SCM is not asked", async () => {
    const error = await client({})
      .exportCertificate(certificateId)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScmCredentialsError);
    expect((error as Error).message).toMatch(
      /^Could not look up the account \(domain\) id of access key SHAREDACCESSKEY00001: IAM at https:\/\/127\.0\.0\.1:\d+\/v3 failed TLS verification \([A-Z_]+\): trust its CA with caCertificate or NODE_EXTRA_CA_CERTS/,
    );
    expect(scm.requests).toEqual([]);
  });
});

describe("the insecure warning", () => {
  it("names SCM alone when the credentials never call IAM", () => {
    const warnings: string[] = [];
    new ScmClient({
      endpoint: scm.url,
      credentials: { kind: "access-key", ...accessKey, domainId, authUrl: `${iam.url}/v3` },
      insecure: true,
      onWarning: (warning) => warnings.push(warning),
    });
    expect(warnings).toEqual([
      `TLS verification is off for SCM at ${scm.url}: anyone on the path can read the private keys and credentials.`,
    ]);
  });
});
