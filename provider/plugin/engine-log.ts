import * as grpc from "@grpc/grpc-js";
import * as services from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as messages from "@pulumi/pulumi/proto/engine_pb";
import { type EngineLog, engineLogAt } from "../resource/diagnostics";
import { inPluginNamespace } from "./plugin-config";

/**
 * Diagnostics through the engine's `Log` call at `address`, config keys named in the plugin's
 * namespace. When the engine cannot be reached, the message goes to standard error, which the
 * engine shows too.
 */
export function pluginEngineLog(address: string): EngineLog {
  const log = engineLogAt(address, { grpc, services, messages });
  return async (severity, message, urn, deadline) => {
    const text = inPluginNamespace(message);
    try {
      await log(severity, text, urn, deadline);
    } catch {
      process.stderr.write(`${severity}: ${text}\n`);
    }
  };
}
