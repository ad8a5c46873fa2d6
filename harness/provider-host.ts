// biome-ignore-all lint/suspicious/noExplicitAny: Pulumi's generated gRPC stubs and messages are untyped JavaScript.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type ChildOutput, collectOutput, firstLine } from "./child-output";

/** A failed gRPC call: the message the engine would show. */
export class HostCallError extends Error {
  constructor(
    readonly method: string,
    message: string,
    readonly grpcCode: number | undefined,
  ) {
    super(`${method}: ${message}`);
  }
}

export type Props = Record<string, unknown>;

/** A diagnostic the provider reported through the engine's `Log` call. */
export interface Diagnostic {
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
  readonly urn: string;
}

const SEVERITIES = ["debug", "info", "warning", "error"] as const;

/**
 * The engine's side of the `Log` call: the address the host is started with, as the engine
 * starts every plugin, so diagnostics arrive here as they would at `pulumi up`.
 */
async function startEngine(
  grpc: any,
  services: any,
  empty: any,
  onLog: (diagnostic: Diagnostic) => void,
): Promise<{ address: string; stop: () => void }> {
  const server = new grpc.Server();
  const unimplemented = (_call: unknown, callback: (error: unknown) => void) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: "not an engine call the provider makes" });
  server.addService(services.EngineService, {
    log(call: any, callback: (error: null, value: unknown) => void) {
      const request = call.request;
      onLog({
        severity: SEVERITIES[request.getSeverity()] ?? "error",
        message: request.getMessage(),
        urn: request.getUrn(),
      });
      callback(null, new empty.Empty());
    },
    getRootResource: unimplemented,
    setRootResource: unimplemented,
    startDebugging: unimplemented,
    requirePulumiVersion: unimplemented,
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      "127.0.0.1:0",
      grpc.ServerCredentials.createInsecure(),
      (error: Error | null, p: number) => (error ? reject(error) : resolve(p)),
    ),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

/** The largest gRPC message Pulumi's engine and its provider servers take (grpc-js's default is 4 MB). */
const PULUMI_MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/** Struct.fromJavaScript rejects `undefined`: drop it, as the engine's marshalling does. */
function plain(value: Props): Props {
  return JSON.parse(JSON.stringify(value)) as Props;
}

/**
 * Pulumi's own dynamic-provider host, started from the program folder as the engine starts it,
 * and called over gRPC with the engine's messages.
 */
export class ProviderHost {
  /** Every diagnostic the provider reported to the engine, in order. */
  readonly diagnostics: Diagnostic[];
  readonly #child: ChildProcess;
  readonly #output: ChildOutput;
  readonly #client: any;
  protected readonly proto: any;
  readonly #structs: any;
  readonly #stopEngine: () => void;

  protected constructor(
    child: ChildProcess,
    output: ChildOutput,
    client: unknown,
    proto: unknown,
    struct: unknown,
    engine: { diagnostics: Diagnostic[]; stop: () => void },
  ) {
    this.#child = child;
    this.#output = output;
    this.diagnostics = engine.diagnostics;
    this.#stopEngine = engine.stop;
    this.#client = client;
    this.proto = proto;
    this.#structs = struct;
  }

  /** All the host has written on its standard output, the port it printed first included. */
  get stdout(): string {
    return this.#output.stdout();
  }

  /** All the host has written on its standard error, from its start. */
  get stderr(): string {
    return this.#output.stderr();
  }

  /** Every diagnostic's message, one a line: for scans of what the user was shown. */
  get diagnosticText(): string {
    return this.diagnostics.map((d) => `${d.severity}: ${d.message}`).join("\n");
  }

  /** The diagnostics reported from index `from` on, with this severity. */
  diagnosticsFrom(from: number, severity?: Diagnostic["severity"]): Diagnostic[] {
    return this.diagnostics.slice(from).filter((d) => severity === undefined || d.severity === severity);
  }

  /** Starts the host in `programDir` (where the package is installed) with this environment. */
  static async start(programDir: string, env: NodeJS.ProcessEnv = {}): Promise<ProviderHost> {
    const load = createRequire(join(programDir, "package.json"));
    const hostMain = load.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
    // gRPC and protobuf as @pulumi/pulumi loads them: the generated client needs that very copy.
    const fromPulumi = createRequire(hostMain);
    return ProviderHost.launch(
      { load, fromPulumi },
      { command: process.execPath, args: [hostMain], home: programDir },
      env,
    );
  }

  /** Starts `started.command` with the engine's address, as the engine starts a plugin, and connects to it. */
  protected static async launch(
    { load, fromPulumi }: { load: NodeJS.Require; fromPulumi: NodeJS.Require },
    started: { command: string; args: string[]; home: string },
    env: NodeJS.ProcessEnv,
  ): Promise<ProviderHost> {
    const grpc = fromPulumi("@grpc/grpc-js");
    const services = load("@pulumi/pulumi/proto/provider_grpc_pb.js");
    const proto = load("@pulumi/pulumi/proto/provider_pb.js");
    const struct = fromPulumi("google-protobuf/google/protobuf/struct_pb.js");
    const empty = fromPulumi("google-protobuf/google/protobuf/empty_pb.js");
    const diagnostics: Diagnostic[] = [];
    const engine = await startEngine(
      grpc,
      load("@pulumi/pulumi/proto/engine_grpc_pb.js"),
      empty,
      (diagnostic) => diagnostics.push(diagnostic),
    );
    const child = spawn(started.command, [...started.args, engine.address], {
      cwd: started.home,
      // HW_METADATA_URL: the tests' loopback address (vitest.config.mts), never the real service.
      // HOME: the program's (or plugin's) folder, where no ~/.hcloud/config.json of the developer's is found.
      env: {
        PATH: process.env.PATH,
        HOME: started.home,
        HW_METADATA_URL: process.env.HW_METADATA_URL,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = collectOutput(child);
    const port = await firstLine(child, output, "provider host");
    // The engine takes answers as large as its own limit (`rpcutil.GrpcChannelOptions`).
    const client = new services.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
      {
        "grpc.max_receive_message_length": PULUMI_MAX_MESSAGE_BYTES,
      },
    );
    return new this(child, output, client, proto, struct, { diagnostics, stop: engine.stop });
  }

  protected call(method: string, request: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
      this.#client[method](
        request,
        (error: { code?: number; details?: string; message: string } | null, response: unknown) =>
          error
            ? reject(new HostCallError(method, error.details ?? error.message, error.code))
            : resolve(response),
      );
    });
  }

  protected struct(props: Props) {
    return this.#structs.Struct.fromJavaScript(plain(props));
  }

  /**
   * `Configure`, with the config as the engine sends it: to the dynamic-provider host the stack
   * config (`namespace:key` → string), to a plugin its own keys without the namespace.
   */
  async configure(config: Props = {}): Promise<void> {
    const request = new this.proto.ConfigureRequest();
    request.setArgs(this.struct(config));
    request.setAcceptsecrets(true);
    await this.call("configure", request);
  }

  check(
    urn: string,
    olds: Props,
    news: Props,
  ): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    return this.checkWith("check", urn, olds, news);
  }

  /** `Check`, or `CheckConfig` of a provider resource, which takes and answers the same messages. */
  protected async checkWith(
    method: "check" | "checkConfig",
    urn: string,
    olds: Props,
    news: Props,
  ): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const request = new this.proto.CheckRequest();
    request.setUrn(urn);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    const response = await this.call(method, request);
    return {
      inputs: response.getInputs().toJavaScript(),
      failures: response
        .getFailuresList()
        .map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(
    urn: string,
    id: string,
    olds: Props,
    news: Props,
  ): Promise<{ changes: "none" | "some" | "unknown"; replaces: string[] }> {
    const request = new this.proto.DiffRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    const response = await this.call("diff", request);
    const kinds = this.proto.DiffResponse.DiffChanges;
    const changes = response.getChanges();
    return {
      changes: changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
      replaces: response.getReplacesList(),
    };
  }

  async create(urn: string, props: Props): Promise<{ id: string; outputs: Props }> {
    const request = new this.proto.CreateRequest();
    request.setUrn(urn);
    request.setProperties(this.struct(props));
    const response = await this.call("create", request);
    return { id: response.getId(), outputs: response.getProperties().toJavaScript() };
  }

  /** `Read`: on refresh with the stored outputs; on `get` with no properties, only inputs. */
  async read(
    urn: string,
    id: string,
    properties: Props | undefined,
    inputs?: Props,
  ): Promise<{ id: string; outputs: Props; inputs: Props | undefined }> {
    const request = new this.proto.ReadRequest();
    request.setUrn(urn);
    request.setId(id);
    if (properties) request.setProperties(this.struct(properties));
    if (inputs) request.setInputs(this.struct(inputs));
    const response = await this.call("read", request);
    return {
      id: response.getId(),
      outputs: response.getProperties()?.toJavaScript() ?? {},
      inputs: response.getInputs()?.toJavaScript(),
    };
  }

  async update(urn: string, id: string, olds: Props, news: Props): Promise<{ outputs: Props }> {
    const request = new this.proto.UpdateRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(this.struct(olds));
    request.setNews(this.struct(news));
    const response = await this.call("update", request);
    return { outputs: response.getProperties().toJavaScript() };
  }

  async delete(urn: string, id: string, props: Props): Promise<void> {
    const request = new this.proto.DeleteRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(this.struct(props));
    await this.call("delete", request);
  }

  /** True while the host process runs. */
  get alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Peak resident set size is read by the benchmarks; tests only need the pid. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Stops the host and waits for its pipes to close, so `stdout` and `stderr` hold all it wrote. */
  async stop(): Promise<void> {
    this.#client.close();
    if (this.alive) {
      const closed = new Promise((resolve) => this.#child.once("close", resolve));
      this.#child.kill("SIGTERM");
      await closed;
    }
    this.#stopEngine();
  }
}

/** The URN the engine would give a resource of this package. */
export function urnOf(name: string): string {
  return `urn:pulumi:dev::scm-test::pulumi-nodejs:dynamic:ScmExportedCertificate::${name}`;
}
