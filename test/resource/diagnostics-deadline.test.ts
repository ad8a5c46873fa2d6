import { once } from "node:events";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

/**
 * A diagnostic raised during a provider call is awaited before the call answers, so it must never
 * wait without end. Here the engine's address is a server that accepts connections and never says
 * a word: neither the engine's `Log` nor `pulumi.log` (which has no deadline of its own) answers.
 */

const sockets = new Set<Socket>();
const silentEngine = createServer((socket) => {
  sockets.add(socket);
  socket.on("close", () => sockets.delete(socket));
});

beforeAll(async () => {
  silentEngine.listen(0, "127.0.0.1");
  await once(silentEngine, "listening");
  // Read by the engine connection and by @pulumi/pulumi's own, both loaded below.
  vi.stubEnv("PULUMI_NODEJS_ENGINE", `127.0.0.1:${(silentEngine.address() as AddressInfo).port}`);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  for (const socket of sockets) socket.destroy();
  silentEngine.close();
  await once(silentEngine, "close");
});

it("a warning to an engine that never answers ends the call, and reaches stderr", async () => {
  const printed: unknown[] = [];
  const stderr = vi
    .spyOn(console, "error")
    .mockImplementation((...args) => void printed.push(args.join(" ")));
  const { forResource, warn } = await import("../../provider/resource/diagnostics.js");
  try {
    const answer = await forResource("urn:pulumi:dev::p::t::shop", async () => {
      warn("SCM answered slowly");
      return "answered";
    });
    expect(answer).toBe("answered");
    expect(printed).toEqual(["warning: SCM answered slowly"]);
    expect(sockets.size, "the engine's address was tried").toBeGreaterThan(0);
  } finally {
    stderr.mockRestore();
  }
}, 30_000);
