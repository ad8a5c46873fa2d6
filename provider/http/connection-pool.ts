import { getCACertificates } from "node:tls";
import { Agent } from "undici";
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
  readonly agent: Agent;
  readonly gate: ThrottleGate;
}

function trustedCertificates(extra: string | undefined): string[] {
  // "default" is Node's bundle plus NODE_EXTRA_CA_CERTS; "system" is the operating system's store.
  const trusted = new Set([...getCACertificates("default"), ...getCACertificates("system")]);
  if (extra) trusted.add(extra);
  return [...trusted];
}

/** The shared connection pool for these settings, created on first use. */
export function connectionPool(settings: PoolSettings): SharedPool {
  const key = JSON.stringify([
    settings.origin,
    settings.caCertificate ?? "",
    settings.insecure,
    settings.connections,
  ]);
  let pool = pools.get(key);
  if (!pool) {
    const agent = new Agent({
      connections: settings.connections,
      keepAliveTimeout: 30_000,
      connect: settings.origin.startsWith("https:")
        ? { ca: trustedCertificates(settings.caCertificate), rejectUnauthorized: !settings.insecure }
        : {},
    });
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
