// First: on a Node too old for undici, say so before undici fails to load.
import "../node-version";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { reportThrough } from "../resource/diagnostics";
import { engineAddressIn } from "../resource/engine-address";
import { pluginEngineLog } from "./engine-log";
import { watchEngine } from "./engine-watch";
import { loadSchema } from "./plugin-schema";
import { providerService } from "./provider-service";

// The provider plugin's entry point. The engine starts it with its own address as an argument,
// reads the port from the first line the plugin prints, and calls it over gRPC.

const engine = engineAddressIn(process.argv.slice(2));
if (!engine) {
  process.stderr.write(
    "pulumi-resource-huaweicloud-scm is a Pulumi provider plugin: the Pulumi engine starts it with its address.\n",
  );
  process.exit(1);
}
reportThrough(pluginEngineLog(engine));

// Requests as large as the engine sends and Pulumi's own provider servers take: 400 MB, not
// grpc-js's 4 MB (the inputs and state of a resource travel in each call).
const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(ResourceProviderService, providerService(loadSchema()));
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`pulumi-resource-huaweicloud-scm could not listen: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
// An engine that is gone (its pulumi killed) never says so: the plugin ends itself.
watchEngine(engine, () => process.exit(0));
