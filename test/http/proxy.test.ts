import { once } from "node:events";
import { createServer, request as httpRequest, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { ScmInputError, ScmNetworkError } from "../../provider";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { ScmClient } from "../../provider/scm/scm-client";
import { resolveScmSettings } from "../../provider/settings/resolve-settings";

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"];
const saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
const PROXY_PASSWORD = "proxy-password-that-must-not-show";

/** A forward proxy on 127.0.0.1: CONNECT tunnels for https, absolute-form requests for http. */
interface TestProxy {
  url: string;
  /** `CONNECT host:port`, or `GET http://…`, for every request it received. */
  readonly seen: string[];
  /** When set, requests without this `Proxy-Authorization` get 407. */
  requiredAuthorization?: string;
  close(): Promise<void>;
}

async function startProxy(): Promise<TestProxy> {
  const proxy: TestProxy = {
    url: "",
    seen: [],
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
  const refused = (authorization: string | undefined) =>
    proxy.requiredAuthorization !== undefined && authorization !== proxy.requiredAuthorization;
  const server: Server = createServer((req, res) => {
    proxy.seen.push(`${req.method} ${req.url}`);
    if (refused(req.headers["proxy-authorization"])) {
      res.writeHead(407).end();
      return;
    }
    const target = new URL(req.url ?? "");
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connect", (req, socket, head) => {
    proxy.seen.push(`CONNECT ${req.url}`);
    if (refused(req.headers["proxy-authorization"])) {
      socket.end("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
      return;
    }
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

function useProxyEnvironment(variables: Record<string, string>): void {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, variables);
}

let secure: ScmEmulator;
let plain: ScmEmulator;
let proxy: TestProxy;

beforeAll(async () => {
  [secure, plain, proxy] = await Promise.all([
    startScmEmulator({ https: true }),
    startScmEmulator(),
    startProxy(),
  ]);
});
afterEach(async () => {
  useProxyEnvironment(
    Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)) as Record<string, string>,
  );
  proxy.seen.length = 0;
  proxy.requiredAuthorization = undefined;
  await closeConnectionPools();
});
afterAll(async () => {
  await Promise.all([secure?.stop(), plain?.stop(), proxy?.close()]);
});

const firstId = (emulator: ScmEmulator) => [...emulator.certificates.keys()][0] as string;
const clientOf = (emulator: ScmEmulator) =>
  new ScmClient({
    endpoint: emulator.url,
    caCertificate: emulator.caCertificate,
    credentials: { kind: "token", token: emulator.token },
    maxRetries: 0,
  });

describe("through a proxy set in the environment", () => {
  it("tunnels HTTPS through HTTPS_PROXY with CONNECT, still verifying SCM's certificate", async () => {
    useProxyEnvironment({ HTTPS_PROXY: proxy.url });
    const id = firstId(secure);
    const exported = await clientOf(secure).exportCertificate(id);
    expect(exported.certificateId).toBe(id);
    expect(proxy.seen).toEqual([`CONNECT ${new URL(secure.url).host}`]);

    // The tunnel ends at SCM: a certificate SCM's CA did not sign is still refused.
    await closeConnectionPools();
    const untrusted = new ScmClient({
      endpoint: secure.url,
      credentials: { kind: "token", token: secure.token },
      maxRetries: 0,
    });
    await expect(untrusted.exportCertificate(id)).rejects.toThrow(
      /TLS verification of https:\/\/127\.0\.0\.1/,
    );
  });

  it("sends plain HTTP through HTTP_PROXY, in absolute form", async () => {
    useProxyEnvironment({ HTTP_PROXY: proxy.url });
    const id = firstId(plain);
    await clientOf(plain).exportCertificate(id);
    expect(proxy.seen).toEqual([`POST ${plain.url}/v3/scm/certificates/${id}/export`]);
  });

  it("goes straight to hosts NO_PROXY names", async () => {
    useProxyEnvironment({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" });
    await clientOf(plain).exportCertificate(firstId(plain));
    expect(proxy.seen).toEqual([]);
  });

  it("authenticates to the proxy with the URL's credentials, and never quotes the password", async () => {
    proxy.requiredAuthorization = `Basic ${Buffer.from(`ci:${PROXY_PASSWORD}`).toString("base64")}`;
    const withCredentials = (password: string) => proxy.url.replace("http://", `http://ci:${password}@`);
    useProxyEnvironment({ HTTPS_PROXY: withCredentials(PROXY_PASSWORD) });
    await clientOf(secure).exportCertificate(firstId(secure));

    await closeConnectionPools();
    useProxyEnvironment({ HTTPS_PROXY: withCredentials(`${PROXY_PASSWORD}-wrong`) });
    const error = await clientOf(secure)
      .exportCertificate(firstId(secure))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScmNetworkError);
    expect(String(error)).toMatch(/Proxy response \(407\).*The proxy refused: check HTTPS_PROXY/);
    const text = `${String(error)} ${(error as Error).stack} ${String((error as Error).cause)}`;
    expect(text).not.toContain(PROXY_PASSWORD);
    expect(proxy.seen.filter((line) => line.startsWith("CONNECT"))).toHaveLength(2);
  });
});

describe("a malformed proxy variable", () => {
  /** What constructing a client, as the provider does at create, threw. */
  function refusal(): Error {
    try {
      clientOf(plain);
    } catch (error) {
      return error as Error;
    }
    throw new Error("expected the client to be refused");
  }

  it.each<[string, Record<string, string>, string]>([
    ["a URL without a host", { HTTPS_PROXY: `http://ci:${PROXY_PASSWORD}@:8080` }, "HTTPS_PROXY"],
    ["a host and port without a scheme", { HTTP_PROXY: "proxy.corp:3128" }, "HTTP_PROXY"],
    [
      "the lower-case form, which undici reads first",
      { https_proxy: "ftp://proxy", HTTPS_PROXY: "http://127.0.0.1:3128" },
      "https_proxy",
    ],
  ])("%s: names the variable, never its value", (_, variables, name) => {
    useProxyEnvironment(variables);
    const error = refusal();
    expect(error).toBeInstanceOf(ScmInputError);
    expect(error.message).toMatch(new RegExp(`^${name} is not a proxy URL: it .*\\. Set it as http://`));
    expect((error as ScmInputError).failures).toEqual([{ property: name, reason: expect.any(String) }]);
    expect(inspect(error, { depth: 5, showHidden: true })).not.toContain(PROXY_PASSWORD);
  });

  it("fails the settings at preview, on the variable", () => {
    const error = (() => {
      try {
        resolveScmSettings({
          args: { endpoint: plain.url },
          config: () => undefined,
          env: { HW_AUTH_TOKEN: plain.token, HTTPS_PROXY: `http://ci:${PROXY_PASSWORD}@:8080` },
        });
      } catch (caught) {
        return caught as ScmInputError;
      }
      throw new Error("expected the settings to be refused");
    })();
    expect(error).toBeInstanceOf(ScmInputError);
    expect(error.failures).toEqual([
      { property: "HTTPS_PROXY", reason: expect.stringMatching(/^is not a proxy URL/) },
    ]);
    expect(error.message).not.toContain(PROXY_PASSWORD);
  });

  it("NO_PROXY is never refused: undici takes any list", async () => {
    useProxyEnvironment({ HTTP_PROXY: proxy.url, NO_PROXY: "::: not, a [valid] list,127.0.0.1" });
    await clientOf(plain).exportCertificate(firstId(plain));
    expect(proxy.seen).toEqual([]);
  });
});
