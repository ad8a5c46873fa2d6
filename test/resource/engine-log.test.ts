import * as grpc from "@grpc/grpc-js";
import * as services from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as messages from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { afterEach, describe, expect, it } from "vitest";
import { engineAddress, engineLogAt } from "../../provider/resource/diagnostics";
import { withProxyEnvironment } from "../support/proxy-environment";

// Diagnostics through the engine's `Log` call, against a real gRPC server on loopback standing in
// for the engine.

const servers: grpc.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.forceShutdown();
});

async function fakeEngine(): Promise<{ address: string; logged: string[] }> {
  const logged: string[] = [];
  const server = new grpc.Server();
  server.addService(services.EngineService, {
    log: (call: grpc.ServerUnaryCall<messages.LogRequest, Empty>, done: grpc.sendUnaryData<Empty>) => {
      logged.push(`${call.request.getUrn()}: ${call.request.getMessage()}`);
      done(null, new Empty());
    },
  } as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  servers.push(server);
  return { address: `127.0.0.1:${port}`, logged };
}

describe("the engine's Log call", () => {
  it("delivers a diagnostic on its resource", async () => {
    const engine = await fakeEngine();
    const log = engineLogAt(engine.address, { grpc, services, messages });
    await log("warning", "expires in 3 days", "urn:pulumi:dev::p::t::shop", Date.now() + 5_000);
    expect(engine.logged).toEqual(["urn:pulumi:dev::p::t::shop: expires in 3 days"]);
  });

  it("reaches the engine on loopback even with a proxy set in the environment", async () => {
    const engine = await fakeEngine();
    await withProxyEnvironment("http://127.0.0.1:9", async () => {
      const log = engineLogAt(engine.address, { grpc, services, messages });
      await log("info", "selected scs1", "urn:pulumi:dev::p::t::shop", Date.now() + 5_000);
    });
    expect(engine.logged).toEqual(["urn:pulumi:dev::p::t::shop: selected scs1"]);
  });
});

describe("the engine's address in Pulumi's dynamic-provider host", () => {
  const host = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
  const argv = (...args: string[]) => ["/usr/bin/node", host, ...args];

  it.each([
    [["127.0.0.1:4000"]],
    [["--logtostderr", "-v=9", "127.0.0.1:4000"]],
    [["--logtostderr", "-v=3", "--tracing", "127.0.0.1:5000", "127.0.0.1:4000"]],
  ])("is found after the flags `pulumi --logflow` and `--tracing` put before it: %j", (args) => {
    expect(engineAddress({}, argv(...args), host)).toBe("127.0.0.1:4000");
  });

  it("is Pulumi's variable where it is set, and none outside the host", () => {
    expect(engineAddress({ PULUMI_NODEJS_ENGINE: "127.0.0.1:7000" }, argv("127.0.0.1:4000"), host)).toBe(
      "127.0.0.1:7000",
    );
    expect(
      engineAddress({}, ["/usr/bin/node", "/p/index.js", "127.0.0.1:4000"], "/p/index.js"),
    ).toBeUndefined();
  });
});
