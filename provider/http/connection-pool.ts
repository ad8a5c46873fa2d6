import { createHash } from "node:crypto";
import { getCACertificates } from "node:tls";
import { Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";
import { KEEP_ALIVE_TIMEOUT_MS, MAX_IAM_RESPONSE_BYTES, MAX_RESPONSE_BYTES } from "../constants";
import { checkProxyVariables, PROXY_VARIABLES } from "./proxy-environment";
import { ThrottleGate } from "./throttle-gate";

/** TLS and pool settings that decide which connection pool a client shares. */
export interface PoolSettings {
  /** Origin of the endpoint, e.g. `https://scm.ap-southeast-1.myhuaweicloud.com`. */
  readonly origin: string;
  /** Origins of the IAM endpoints reached through the pool's `iam` dispatcher, when any. */
  readonly iamOrigins?: readonly string[] | undefined;
  /** An extra CA (PEM) to trust besides Node's bundle, `NODE_EXTRA_CA_CERTS` and the system store, towards SCM and IAM. */
  readonly caCertificate?: string | undefined;
  /** Skip TLS verification towards SCM and IAM. */
  readonly insecure: boolean;
  /** Most TCP connections to the origin at once. */
  readonly connections: number;
}

// One keep-alive pool per endpoint and TLS setting per process, shared by every client: a stack of
// 500 certificates should open a handful of connections, not 500. Its throttle gate goes with it.
const pools = new Map<string, SharedPool>();

/** A shared connection pool and the throttle gate in front of it. */
export interface SharedPool {
  /**
   * An undici `Agent`, or an `EnvHttpProxyAgent` when a proxy is set in the environment. It ends
   * any answer longer than {@link MAX_RESPONSE_BYTES}.
   */
  readonly agent: Dispatcher;
  /** The same, for IAM, whose answers may be up to {@link MAX_IAM_RESPONSE_BYTES}. */
  readonly iam: Dispatcher;
  readonly gate: ThrottleGate;
}

/** The proxy settings of the environment, as a digest (a proxy URL may carry a password), or `""` for none. */
function proxySettings(): string {
  const values = PROXY_VARIABLES.map((name) => process.env[name] ?? "");
  if (!values.slice(0, 4).some((value) => value !== "")) return "";
  return createHash("sha256").update(JSON.stringify(values)).digest("hex");
}

function trustedCertificates(extra: string | undefined): string[] {
  // "default" is Node's bundle plus NODE_EXTRA_CA_CERTS; "system" is the operating system's store.
  const trusted = new Set([...getCACertificates("default"), ...getCACertificates("system")]);
  if (extra) trusted.add(extra);
  return [...trusted];
}

/**
 * The shared connection pool for these settings, created on first use. Throws
 * `ScmInputError` naming a proxy variable undici could not use.
 */
export function connectionPool(settings: PoolSettings): SharedPool {
  const proxy = proxySettings();
  if (proxy !== "") checkProxyVariables(process.env);
  // Loading the trusted CAs takes a fifth of a second: done only when something is https://.
  const secure = [settings.origin, ...(settings.iamOrigins ?? [])].some((o) => o.startsWith("https:"));
  const key = JSON.stringify([
    settings.origin,
    secure,
    settings.caCertificate ?? "",
    settings.insecure,
    settings.connections,
    proxy,
  ]);
  let pool = pools.get(key);
  if (!pool) {
    // The same trust for SCM and IAM, whatever SCM's scheme: IAM may be https:// where SCM is a
    // plain loopback endpoint. A plain http:// connection ignores these options.
    const tls = secure
      ? { ca: trustedCertificates(settings.caCertificate), rejectUnauthorized: !settings.insecure }
      : {};
    // With HTTPS_PROXY / HTTP_PROXY set, requests go through the proxy (NO_PROXY honoured), TLS to
    // SCM and IAM tunnelled through it with the same trust settings. undici ends an answer over the cap.
    const agent = (maxResponseSize: number): Dispatcher => {
      const options = {
        connections: settings.connections,
        keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
        connect: tls,
        maxResponseSize,
      };
      return proxy === "" ? new Agent(options) : new EnvHttpProxyAgent({ ...options, requestTls: tls });
    };
    pool = {
      agent: agent(MAX_RESPONSE_BYTES),
      iam: agent(MAX_IAM_RESPONSE_BYTES),
      gate: new ThrottleGate(settings.connections),
    };
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every shared pool, for tests and for processes that want to exit promptly. */
export async function closeConnectionPools(): Promise<void> {
  const closing = [...pools.values()].flatMap((pool) => [pool.agent.close(), pool.iam.close()]);
  pools.clear();
  await Promise.allSettled(closing);
}
