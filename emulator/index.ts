/**
 * A local Huawei Cloud SCM: the export, list and show operations behind an API gateway that
 * checks tokens and signatures, IAM's token, account and agency endpoints, an ECS metadata service,
 * real certificates and injectable faults.
 * For tests, benchmarks and demos; never for production credentials.
 */

import { createHash, randomBytes } from "node:crypto";
import { SCM_INTERNAL_ERROR } from "../provider/huawei-codes";
import { CertificateStore } from "./certificate-store";
import { Chaos } from "./chaos";
import { Exchange } from "./exchange";
import { FaultRegistry } from "./faults";
import { accountId, IamTokens } from "./iam";
import { getAuthority, serverCredentials } from "./pki";
import { TokenBucket } from "./rate-limit";
import { type EmulatorState, route } from "./router";
import { listen } from "./server";
import { TemporaryKeys } from "./temporary-keys";
import type {
  CertificateSpec,
  EmulatedAccessKey,
  EmulatedUser,
  RequestLogEntry,
  ScmEmulator,
  ScmEmulatorOptions,
} from "./types";

export type {
  CertificateSpec,
  ChaosFaultKind,
  ChaosOptions,
  ChaosReport,
  EmulatedAccessKey,
  EmulatedAgency,
  EmulatedCertificate,
  EmulatedUser,
  Fault,
  IssuedTemporaryKey,
  RequestLogEntry,
  ScmEmulator,
  ScmEmulatorOptions,
} from "./types";

const DEFAULT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** The metadata service's keys live about an hour on a real server. */
const DEFAULT_METADATA_KEY_TTL_MS = 60 * 60 * 1000;
const DEFAULT_CERTIFICATES: readonly CertificateSpec[] = [
  { keyType: "rsa", domain: "shop.example.com" },
  { keyType: "ec", domain: "api.example.com" },
];

function randomAlphanumeric(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

function generatedAccessKey(): EmulatedAccessKey {
  return { accessKey: randomAlphanumeric(20).toUpperCase(), secretKey: randomAlphanumeric(40) };
}

function generatedUser(): EmulatedUser {
  return { domainName: "emulator-account", userName: "emulator-user", password: randomAlphanumeric(24) };
}

/**
 * Starts an emulator on 127.0.0.1 (a random port unless `port` is given) and resolves once it
 * listens, with its certificates issued. Call {@link ScmEmulator.stop} when done.
 *
 * @example
 * const scm = await startScmEmulator();
 * const [id] = scm.certificates.keys();
 * // POST `${scm.url}/v3/scm/certificates/${id}/export` with `X-Auth-Token: ${scm.token}`
 * await scm.stop();
 */
export async function startScmEmulator(options: ScmEmulatorOptions = {}): Promise<ScmEmulator> {
  const token = options.token ?? randomBytes(32).toString("hex");
  const accessKeys = options.accessKeys?.length ? [...options.accessKeys] : [generatedAccessKey()];
  const users = options.users?.length ? [...options.users] : [generatedUser()];
  const store = new CertificateStore();
  const [authority, tls] = await Promise.all([
    getAuthority(),
    options.https ? serverCredentials() : undefined,
    store.addAll(options.certificates ?? DEFAULT_CERTIFICATES),
  ]);
  const iamTokens = new IamTokens(options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS);
  const [user] = users as [EmulatedUser];
  const account = { name: user.domainName, id: options.domainId ?? accountId(user.domainName) };
  // The project of the account in its region: a signed request may name it instead of the account.
  const projectId = createHash("sha256").update(`project:${account.id}`).digest("hex").slice(0, 32);
  const faults = new FaultRegistry();
  const chaos = new Chaos();
  chaos.configure(options.chaos);
  const temporaryKeys = new TemporaryKeys();
  const log: RequestLogEntry[] = [];
  const state: EmulatorState = {
    store,
    faults,
    chaos,
    accepted: {
      token,
      iamTokens,
      accessKeys,
      scheme: options.https ? "https" : "http",
      domainId: account.id,
      temporaryKeys,
      projectId,
    },
    users,
    account,
    delayMs: options.delayMs ?? 0,
    rateLimit:
      options.rateLimitPerSecond === undefined ? undefined : new TokenBucket(options.rateLimitPerSecond),
    rootPem: authority.root.pem,
    legacySignatureAlgorithmField: options.legacySignatureAlgorithmField ?? false,
    agencies: options.agencies ?? [{ agencyName: "scm-reader", domainName: account.name }],
    temporaryKeys,
    temporaryKeyTtlMs: options.temporaryKeyTtlMs,
    metadata: {
      agencyAttached: options.ecsMetadata ?? false,
      lifetimeMs: options.temporaryKeyTtlMs ?? DEFAULT_METADATA_KEY_TTL_MS,
    },
  };

  const server = await listen(
    (request, response) => {
      const exchange = new Exchange(request, response, log);
      route(exchange, state).catch(() => {
        if (!response.headersSent)
          exchange.json(500, { error_code: SCM_INTERNAL_ERROR, error_msg: "Internal server error." });
        else response.destroy();
      });
    },
    { port: options.port ?? 0, ...(tls ? { tls } : {}) },
  );

  const [accessKey] = accessKeys as [EmulatedAccessKey];
  return {
    url: `${options.https ? "https" : "http"}://127.0.0.1:${server.port}`,
    caCertificate: tls?.ca,
    token,
    accessKey,
    user,
    domainId: account.id,
    projectId,
    certificates: store.certificates,
    addCertificate: (spec) => store.add(spec),
    rotateCertificate: (id) => store.rotate(id),
    renewCertificate: (id) => store.renew(id),
    deleteCertificate: (id) => store.delete(id),
    setStatus: (id, status) => store.setStatus(id, status),
    setFault: (fault, target) => faults.set(fault, target?.certificateId),
    clearFaults: () => faults.clear(),
    setChaos: (chaosOptions) => chaos.configure(chaosOptions),
    get chaos() {
      return chaos.report;
    },
    expireTokens: () => iamTokens.expireAll(),
    get temporaryKeys() {
      return temporaryKeys.all;
    },
    expireTemporaryKeys: () => temporaryKeys.expireAll(),
    requests: log,
    get connections() {
      return server.connections;
    },
    resetLog() {
      log.length = 0;
      server.resetConnectionCount();
    },
    stop: () => server.close(),
  };
}
