import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A password an IAM test server accepts. */
export interface IamTestUser {
  readonly userName: string;
  readonly password: string;
  readonly domainName: string;
}

/** A tiny IAM on 127.0.0.1: `POST /v3/auth/tokens` only, answering as IAM does. */
export interface IamTestServer {
  /** The auth URL, ending in `/v3`. */
  readonly authUrl: string;
  /** Bodies of every token request received, parsed. */
  readonly exchanges: unknown[];
  /** Paths (with query) of every request received. */
  readonly paths: string[];
  /** The `expires_at` the next tokens carry. */
  expiresAt: Date;
  /** Leave out `X-Subject-Token` from answers. */
  omitToken: boolean;
  /** Hold every answer until {@link IamTestServer.release} is called. */
  hold(): void;
  release(): void;
  /** Resolves once `count` token requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startIamTestServer(user: IamTestUser): Promise<IamTestServer> {
  let issued = 0;
  let held: Promise<void> | undefined;
  let releaseHeld: () => void = () => {};
  const waiters: { count: number; resolve: () => void }[] = [];

  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    state.paths.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "POST" || url.pathname !== "/v3/auth/tokens") {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    state.exchanges.push(body);
    for (const waiter of waiters) if (state.exchanges.length >= waiter.count) waiter.resolve();
    if (held) await held;

    const given = body?.auth?.identity?.password?.user;
    if (
      given?.name !== user.userName ||
      given?.password !== user.password ||
      given?.domain?.name !== user.domainName
    ) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" },
        }),
      );
      return;
    }
    issued++;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (!state.omitToken) headers["X-Subject-Token"] = `token-${issued}-${"x".repeat(40)}`;
    res.writeHead(201, headers);
    res.end(
      JSON.stringify({
        token: { expires_at: state.expiresAt.toISOString().replace("Z", "000Z"), methods: ["password"] },
      }),
    );
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  const state: IamTestServer = {
    authUrl: `http://127.0.0.1:${port}/v3`,
    exchanges: [],
    paths: [],
    expiresAt: new Date(Date.now() + 24 * 3600 * 1000),
    omitToken: false,
    hold() {
      held = new Promise((resolve) => {
        releaseHeld = resolve;
      });
    },
    release() {
      held = undefined;
      releaseHeld();
    },
    received(count) {
      if (state.exchanges.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
  return state;
}
