import { createHash } from "node:crypto";
import { getCACertificates } from "node:tls";
import type { Dispatcher } from "undici";
import { KEEP_ALIVE_TIMEOUT_MS } from "../constants";
import { undici } from "./load-undici";
import { ThrottleGate } from "./throttle-gate";

/** TLS and pool settings that decide which connection pool a client shares. */
export interface PoolSettings {
  /** Origin of the endpoint, e.g. `https://scm.ap-southeast-1.myhuaweicloud.com`. */
  readonly origin: string;
  /** An extra CA (PEM) to trust besides Node's bundle, `NODE_EXTRA_CA_CERTS` and the system store. */
  readonly caCertificate?: string | undefined;
  /** Skip TLS verification. */
  readonly insecure: boolean;
  /** Most TCP connections to the origin at once. */
  readonly connections: number;
}

// One keep-alive pool per endpoint and TLS setting per process, shared by every client: a stack of
// 500 certificates should open a handful of connections, not 500. Its throttle gate goes with it.
const pools = new Map<string, SharedPool>();

/** A shared connection pool and the throttle gate in front of it. */
export interface SharedPool {
  /** An undici `Agent`, or an `EnvHttpProxyAgent` when a proxy is set in the environment. */
  readonly agent: Dispatcher;
  readonly gate: ThrottleGate;
}

/** The proxy variables curl, Go and undici read, in the forms they read them. */
const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"];

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

/** The shared connection pool for these settings, created on first use. */
export function connectionPool(settings: PoolSettings): SharedPool {
  const proxy = proxySettings();
  const key = JSON.stringify([
    settings.origin,
    settings.caCertificate ?? "",
    settings.insecure,
    settings.connections,
    proxy,
  ]);
  let pool = pools.get(key);
  if (!pool) {
    const tls = settings.origin.startsWith("https:")
      ? { ca: trustedCertificates(settings.caCertificate), rejectUnauthorized: !settings.insecure }
      : {};
    const options = {
      connections: settings.connections,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      connect: tls,
    };
    // With HTTPS_PROXY / HTTP_PROXY set, requests go through the proxy (NO_PROXY honoured), TLS to
    // SCM tunnelled through it with the same trust settings.
    const { Agent, EnvHttpProxyAgent } = undici();
    const agent = proxy === "" ? new Agent(options) : new EnvHttpProxyAgent({ ...options, requestTls: tls });
    pool = { agent, gate: new ThrottleGate(settings.connections) };
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every shared pool, for tests and for processes that want to exit promptly. */
export async function closeConnectionPools(): Promise<void> {
  const closing = [...pools.values()].map((pool) => pool.agent.close());
  pools.clear();
  await Promise.allSettled(closing);
}
