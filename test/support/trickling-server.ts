import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A server on 127.0.0.1 that answers every request with 200 and a body (under every size cap) it
 * sends a byte at a time and never finishes: no idle timer ever trips, only a deadline on the
 * whole answer ends it.
 */
export interface TricklingServer {
  /** `http://127.0.0.1:{port}`. */
  readonly url: string;
  /** `METHOD /path` of every request received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts a {@link TricklingServer} that sends a byte every `intervalMs`. */
export async function startTricklingServer(intervalMs = 20): Promise<TricklingServer> {
  const requests: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { "content-type": "application/json", "content-length": "60000" });
    const timer = setInterval(() => response.write(" "), intervalMs);
    timers.add(timer);
    response.on("close", () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async close() {
      for (const timer of timers) clearInterval(timer);
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
