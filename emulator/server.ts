/** The HTTP(S) server on 127.0.0.1: keep-alive, a count of TCP connections, and a full stop. */

import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Socket } from "node:net";

/** A listening server. */
export interface ListeningServer {
  readonly port: number;
  /** TCP connections accepted since start or the last {@link ListeningServer.resetConnectionCount}. */
  readonly connections: number;
  resetConnectionCount(): void;
  /** Stops listening and closes every open socket. */
  close(): Promise<void>;
}

/** Idle keep-alive connections stay open longer than any client's idle timeout, as a cloud gateway's do. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  options: { port: number; tls?: { cert: string; key: string } },
): Promise<ListeningServer> {
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, keepAlive: true }, handler)
    : createHttpServer({ keepAlive: true }, handler);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  let connections = 0;
  const sockets = new Set<Socket>();
  // "connection" fires for each raw TCP socket, before any TLS handshake.
  server.on("connection", (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    port,
    get connections() {
      return connections;
    },
    resetConnectionCount() {
      connections = 0;
    },
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
