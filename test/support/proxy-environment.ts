/**
 * Runs `body` with every proxy variable grpc-js and undici read pointing at `proxy`, and no
 * `no_proxy` (the test configuration sets one for loopback), restoring them after.
 */
export async function withProxyEnvironment<T>(proxy: string, body: () => Promise<T>): Promise<T> {
  const names = ["grpc_proxy", "https_proxy", "http_proxy", "HTTPS_PROXY", "HTTP_PROXY"];
  const cleared = ["no_proxy", "NO_PROXY"];
  const saved = Object.fromEntries([...names, ...cleared].map((name) => [name, process.env[name]]));
  for (const name of names) process.env[name] = proxy;
  for (const name of cleared) delete process.env[name];
  try {
    return await body();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
