import * as grpc from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { watchEngine } from "../../provider/plugin/engine-watch";
import { withProxyEnvironment } from "../support/proxy-environment";

// The plugin's watch on the engine that started it, against a real gRPC server on loopback that
// serves no health service (it answers UNIMPLEMENTED), then stops listening as a killed engine does.

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

async function engineServer(): Promise<{ server: grpc.Server; address: string }> {
  const server = new grpc.Server();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  stops.push(() => server.forceShutdown());
  return { server, address: `127.0.0.1:${port}` };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("the watch on the engine", () => {
  it("keeps the plugin while the engine answers, even UNIMPLEMENTED", async () => {
    const { address } = await engineServer();
    let gone = false;
    stops.push(watchEngine(address, () => (gone = true), 50));
    await sleep(400);
    expect(gone).toBe(false);
  });

  it("goes straight to the engine on loopback, not through a proxy set in the environment", async () => {
    const { address } = await engineServer();
    let gone = false;
    // A proxy nothing listens on: a check sent through it would be refused, the engine seeming gone.
    await withProxyEnvironment("http://127.0.0.1:9", async () => {
      stops.push(watchEngine(address, () => (gone = true), 50));
    });
    await sleep(400);
    expect(gone).toBe(false);
  });

  it("ends it once the engine's address refuses connections, twice in a row", async () => {
    const { server, address } = await engineServer();
    let gone = 0;
    stops.push(watchEngine(address, () => gone++, 50));
    await sleep(200);
    expect(gone).toBe(0);
    server.forceShutdown();
    const deadline = Date.now() + 5_000;
    while (gone === 0 && Date.now() < deadline) await sleep(20);
    expect(gone).toBe(1);
    await sleep(300);
    expect(gone).toBe(1);
  });

  it("stops watching when asked", async () => {
    const { server, address } = await engineServer();
    let gone = false;
    watchEngine(address, () => (gone = true), 50)();
    server.forceShutdown();
    await sleep(400);
    expect(gone).toBe(false);
  });
});
