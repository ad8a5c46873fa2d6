/** One request and its answer: reading the body, logging, and the ways of answering. */

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { HEADER_REQUEST_ID } from "../provider/constants";
import type { RequestLogEntry } from "./types";

/** Requests larger than this are cut off: the emulator never needs big bodies. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** A gateway's error page, as sent by `html` status faults and `non-json` faults. */
export function gatewayHtmlPage(status: number): string {
  const title = `${status} ${status === 502 ? "Bad Gateway" : "Error"}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function headerRecord(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/** A request being answered. Every answer carries a fresh `X-Request-Id`. */
export class Exchange {
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly requestId = randomBytes(16).toString("hex");
  /** The body as text, `undefined` when none was sent. */
  body: string | undefined;
  readonly #entry: { -readonly [K in keyof RequestLogEntry]: RequestLogEntry[K] };
  /** Aborted once the response is over, answered or not (the client left, or the server stopped). */
  readonly #closed = new AbortController();

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    log: RequestLogEntry[],
  ) {
    this.url = new URL(request.url ?? "/", "http://emulator.invalid");
    this.headers = headerRecord(request);
    this.#entry = {
      method: request.method ?? "GET",
      path: this.url.pathname,
      query: this.url.search.replace(/^\?/, ""),
      headers: this.headers,
      status: 0,
      at: Date.now(),
    };
    log.push(this.#entry);
    response.setHeader(HEADER_REQUEST_ID, this.requestId);
    response.on("close", () => this.#closed.abort());
  }

  /** Waits `ms` milliseconds; resolves `false` early when the connection went away meanwhile. */
  async wait(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.#closed.signal });
      return true;
    } catch {
      return false;
    }
  }

  get method(): string {
    return this.#entry.method;
  }

  /** Records the certificate the path names. */
  set certificateId(id: string) {
    this.#entry.certificateId = id;
  }

  async readBody(): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    }
    this.body = size === 0 ? undefined : Buffer.concat(chunks).toString("utf8");
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.send(status, JSON.stringify(body), { "Content-Type": "application/json", ...headers });
  }

  html(status: number, page: string, headers: Record<string, string> = {}): void {
    this.send(status, page, { "Content-Type": "text/html", ...headers });
  }

  send(status: number, text: string, headers: Record<string, string>): void {
    if (this.response.destroyed) return;
    this.#entry.status = status;
    const body = Buffer.from(text, "utf8");
    this.response.writeHead(status, { ...headers, "Content-Length": String(body.length) });
    this.response.end(body);
  }

  /** Announces the whole body's length, sends half of it, then closes the connection. */
  truncated(status: number, text: string, headers: Record<string, string>): void {
    if (this.response.destroyed) return;
    this.#entry.status = status;
    const body = Buffer.from(text, "utf8");
    this.response.writeHead(status, { ...headers, "Content-Length": String(body.length) });
    this.response.write(body.subarray(0, Math.floor(body.length / 2)), () => this.request.socket.destroy());
  }

  /** Announces the whole body, then sends it one byte every `intervalMs` while the client stays. */
  async drip(
    status: number,
    text: string,
    headers: Record<string, string>,
    intervalMs: number,
  ): Promise<void> {
    if (this.response.destroyed) return;
    this.#entry.status = status;
    const body = Buffer.from(text, "utf8");
    this.response.writeHead(status, { ...headers, "Content-Length": String(body.length) });
    for (let i = 0; i < body.length; i++) {
      if (!(await this.wait(intervalMs))) return;
      this.response.write(body.subarray(i, i + 1));
    }
    this.response.end();
  }

  /** An answer whose body never ends: `chunk` again and again, until the client leaves. */
  async endless(status: number, chunk: string, headers: Record<string, string>): Promise<void> {
    if (this.response.destroyed) return;
    this.#entry.status = status;
    this.response.writeHead(status, headers);
    while (await this.wait(5)) this.response.write(chunk);
  }

  /** Drops the connection without an answer: a TCP reset where possible (not on TLS sockets). */
  reset(): void {
    this.#entry.status = 0;
    const socket = this.request.socket;
    try {
      socket.resetAndDestroy();
    } catch {
      socket.destroy();
    }
  }
}
