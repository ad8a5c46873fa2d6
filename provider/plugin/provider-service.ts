import * as grpc from "@grpc/grpc-js";
import { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import type { IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as rpc from "@pulumi/pulumi/proto/provider_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { CertificateOperations } from "../resource/certificate-operations";
import { SettingsResolver } from "../settings/settings-resolver";
import type { InputFailure } from "../validation";
import { CertificateResource } from "./certificate-resource";
import { invoke } from "./invoke";
import {
  checkedConfig,
  configLookup,
  inPluginNamespace,
  RESOURCE_TOKEN,
  unknownConfigKeys,
} from "./plugin-config";
import type { PluginSchema } from "./plugin-schema";
import type { PropertyDiff } from "./property-diff";

type Properties = Record<string, unknown>;

/** The calls the plugin serves. */
export type ServedCalls = Pick<
  IResourceProviderServer,
  | "getPluginInfo"
  | "getSchema"
  | "checkConfig"
  | "configure"
  | "check"
  | "diff"
  | "create"
  | "read"
  | "update"
  | "delete"
  | "invoke"
  | "cancel"
>;

/**
 * The provider's gRPC service, as the engine calls it: the schema, the configuration, the resource
 * and the function. What it leaves out (`DiffConfig`, `Handshake`, `Construct`, ...) answers
 * UNIMPLEMENTED, which the engine takes as "fall back to the default".
 */
export function providerService(schema: PluginSchema): ServedCalls {
  const operations = new CertificateOperations();
  const resource = new CertificateResource(operations);
  let settings = new SettingsResolver();
  return {
    getPluginInfo: unary(async () => new PluginInfo().setVersion(schema.version)),
    getSchema: unary(async (request: rpc.GetSchemaRequest) => {
      if (request.getVersion() !== 0) throw new Error(`Unsupported schema version ${request.getVersion()}`);
      return new rpc.GetSchemaResponse().setSchema(schema.text);
    }),
    // Settings are checked where they are used, on the resource, as the dynamic provider does.
    checkConfig: unary(async (request: rpc.CheckRequest) => {
      const news = properties(request.getNews());
      return new rpc.CheckResponse()
        .setInputs(struct(checkedConfig(news)))
        .setFailuresList(checkFailures(unknownConfigKeys(news)));
    }),
    configure: unary(async (request: rpc.ConfigureRequest) => {
      settings = new SettingsResolver(configLookup(properties(request.getArgs())));
      operations.configure(settings);
      return new rpc.ConfigureResponse().setAcceptsecrets(true);
    }),
    check: unary(async (request: rpc.CheckRequest) => {
      const urn = resourceUrn(request.getUrn());
      const checked = await resource.check(urn, properties(request.getOlds()), properties(request.getNews()));
      return new rpc.CheckResponse()
        .setInputs(struct(checked.inputs))
        .setFailuresList(checkFailures(checked.failures));
    }),
    diff: unary(async (request: rpc.DiffRequest) => {
      const urn = resourceUrn(request.getUrn());
      const diff = await resource.diff(
        urn,
        request.getId(),
        properties(request.getOlds()),
        properties(request.getOldInputs()),
        properties(request.getNews()),
      );
      const response = new rpc.DiffResponse()
        .setChanges(
          diff.changes ? rpc.DiffResponse.DiffChanges.DIFF_SOME : rpc.DiffResponse.DiffChanges.DIFF_NONE,
        )
        .setReplacesList([...diff.replaces])
        .setDeletebeforereplace(diff.deleteBeforeReplace)
        .setDiffsList(Object.keys(diff.properties));
      const detailed = response.getDetaileddiffMap();
      for (const [key, change] of Object.entries(diff.properties)) detailed.set(key, propertyDiff(change));
      return response.setHasdetaileddiff(Object.keys(diff.properties).length > 0);
    }),
    create: unary(async (request: rpc.CreateRequest) => {
      const urn = resourceUrn(request.getUrn());
      const created = await resource.create(urn, properties(request.getProperties()));
      return new rpc.CreateResponse().setId(created.id).setProperties(struct(created.outputs));
    }),
    read: unary(async (request: rpc.ReadRequest) => {
      const urn = resourceUrn(request.getUrn());
      const read = await resource.read(
        urn,
        request.getId(),
        properties(request.getProperties()),
        properties(request.getInputs()),
      );
      const response = new rpc.ReadResponse().setId(read.id);
      if (read.outputs) response.setProperties(struct(read.outputs));
      if (read.inputs) response.setInputs(struct(read.inputs));
      return response;
    }),
    update: unary(async (request: rpc.UpdateRequest) => {
      const urn = resourceUrn(request.getUrn());
      const outputs = await resource.update(
        urn,
        request.getId(),
        properties(request.getOlds()),
        properties(request.getNews()),
      );
      return new rpc.UpdateResponse().setProperties(struct(outputs));
    }),
    // The export made nothing in SCM: forgetting it is all there is to do.
    delete: unary(async (request: rpc.DeleteRequest) => {
      resourceUrn(request.getUrn());
      return new Empty();
    }),
    invoke: unary(async (request: rpc.InvokeRequest) => {
      const result = await invoke(request.getTok(), properties(request.getArgs()), settings);
      const response = new rpc.InvokeResponse();
      return "failures" in result
        ? response.setFailuresList(checkFailures(result.failures))
        : response.setReturn(struct(result.outputs));
    }),
    cancel: unary(async () => new Empty()),
  };
}

/**
 * A unary handler that answers with what `handle` resolves to, or with its error's message, config
 * keys named in the plugin's namespace.
 */
function unary<Request, Response>(
  handle: (request: Request) => Promise<Response>,
): grpc.handleUnaryCall<Request, Response> {
  return (call, callback) => {
    handle(call.request).then(
      (response) => callback(null, response),
      (error: unknown) =>
        callback({
          code: grpc.status.UNKNOWN,
          details: inPluginNamespace(error instanceof Error ? error.message : String(error)),
        }),
    );
  };
}

function properties(value: Struct | undefined): Properties {
  return (value?.toJavaScript() ?? {}) as Properties;
}

function struct(value: Properties): Struct {
  return Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** The URN of a call about a resource, which must be of this package's one resource type. */
function resourceUrn(urn: string): string {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== RESOURCE_TOKEN) throw new Error(`Unknown resource type ${type ?? urn}`);
  return urn;
}

function checkFailures(failures: readonly InputFailure[]): rpc.CheckFailure[] {
  return failures.map((f) =>
    new rpc.CheckFailure().setProperty(inPluginNamespace(f.property)).setReason(inPluginNamespace(f.reason)),
  );
}

const KINDS = {
  add: [rpc.PropertyDiff.Kind.ADD, rpc.PropertyDiff.Kind.ADD_REPLACE],
  delete: [rpc.PropertyDiff.Kind.DELETE, rpc.PropertyDiff.Kind.DELETE_REPLACE],
  update: [rpc.PropertyDiff.Kind.UPDATE, rpc.PropertyDiff.Kind.UPDATE_REPLACE],
} as const;

function propertyDiff({ change, replaces }: PropertyDiff): rpc.PropertyDiff {
  return new rpc.PropertyDiff().setKind(KINDS[change][replaces ? 1 : 0]).setInputdiff(true);
}
