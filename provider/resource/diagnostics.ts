import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { engineAddressIn } from "./engine-address";

// The dynamic-provider host never connects `pulumi.log` to the engine: its messages would reach
// the user as `[runtime]` lines under the stack, never counted as warnings. Every plugin is
// started with the engine's address as its first argument, and the engine's `Log` call is how
// providers report diagnostics, so this module makes that call itself, on the resource's URN.

/** Severity of a diagnostic, as the engine counts it. */
export type Severity = "info" | "warning";

interface CallContext {
  readonly urn: string;
  readonly pending: Promise<void>[];
}

const currentCall = new AsyncLocalStorage<CallContext>();

/**
 * Runs one provider call with its resource's URN, so that every diagnostic raised inside it, at
 * any depth, is attached to that resource; resolves once they have all reached the engine.
 */
export async function forResource<T>(urn: unknown, call: () => Promise<T>): Promise<T> {
  const context: CallContext = { urn: typeof urn === "string" ? urn : "", pending: [] };
  try {
    return await currentCall.run(context, call);
  } finally {
    // Diagnostics first, then the answer: the engine shows them with the step they belong to.
    await Promise.all(context.pending);
  }
}

/** Reports a warning on the resource of the current call (counted in the update's summary). */
export function warn(message: string): void {
  report("warning", message);
}

/** Reports an informational message on the resource of the current call. */
export function info(message: string): void {
  report("info", message);
}

function report(severity: Severity, message: string): void {
  const context = currentCall.getStore();
  const delivered = deliver(severity, message, context?.urn ?? "");
  context?.pending.push(delivered);
}

/** How a diagnostic reaches the engine: its `Log` call on the resource's URN, answered by `deadline`. */
export type EngineLog = (severity: Severity, message: string, urn: string, deadline: number) => Promise<void>;
let engineLog: EngineLog | null | undefined;

/**
 * Sends every later diagnostic through `log`: a provider plugin makes its own connection to the
 * engine, whose address it is started with too.
 */
export function reportThrough(log: EngineLog): void {
  engineLog = log;
}

/**
 * Delivers a diagnostic within {@link LOG_DEADLINE_MS} in all, wherever the engine is: the
 * engine's `Log` (its deadline covers connecting), else `pulumi.log`, else the process's stderr.
 * A provider call waits for its diagnostics, so none may wait without end.
 */
async function deliver(severity: Severity, message: string, urn: string): Promise<void> {
  const deadline = Date.now() + LOG_DEADLINE_MS;
  if (engineLog === undefined) {
    try {
      engineLog = connectToEngine();
    } catch {
      // The engine's stubs could not be loaded: the message still reaches the user below.
      engineLog = null;
    }
  }
  if (engineLog) {
    try {
      await engineLog(severity, message, urn, deadline);
      return;
    } catch {
      // The engine went away, or did not answer in time; the message still reaches the user below.
    }
  }
  // Loaded here only: a provider plugin reports through its own connection and never needs it.
  const { log } = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const logged = severity === "warning" ? log.warn(message) : log.info(message);
  if (await settledBy(logged, deadline)) return;
  console.error(`${severity}: ${message}`);
}

/** Whether `promise` settles by `deadline` (a time in milliseconds); the timer keeps no process alive. */
function settledBy(promise: Promise<unknown>, deadline: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
    timer.unref();
    promise
      .then(
        () => resolve(true),
        () => resolve(true),
      )
      .finally(() => clearTimeout(timer));
  });
}

/**
 * The engine's address: Pulumi's own variable where it is set, else among the arguments of the
 * dynamic-provider host, which the engine starts with its address.
 */
export function engineAddress(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
  mainFile: string | undefined = require.main?.filename,
): string | undefined {
  if (env.PULUMI_NODEJS_ENGINE) return env.PULUMI_NODEJS_ENGINE;
  const hosted = mainFile !== undefined && /[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/.test(mainFile);
  return hosted ? engineAddressIn(argv.slice(2)) : undefined;
}

/** How long one diagnostic may take to reach the engine, in all, before it is printed instead. */
const LOG_DEADLINE_MS = 5_000;

function connectToEngine(): EngineLog | null {
  const address = engineAddress();
  if (!address) return null;
  // The gRPC stubs and grpc-js exactly as @pulumi/pulumi loads them: the stubs need that copy.
  const stubsPath = require.resolve("@pulumi/pulumi/proto/engine_grpc_pb.js");
  const fromPulumi = createRequire(stubsPath);
  return engineLogAt(address, {
    grpc: fromPulumi("@grpc/grpc-js") as typeof import("@grpc/grpc-js"),
    services: fromPulumi(stubsPath) as typeof import("@pulumi/pulumi/proto/engine_grpc_pb"),
    messages: fromPulumi(
      "@pulumi/pulumi/proto/engine_pb.js",
    ) as typeof import("@pulumi/pulumi/proto/engine_pb"),
  });
}

/** grpc-js and Pulumi's engine stubs, the stubs loaded with that very copy of grpc-js. */
export interface EngineStubs {
  readonly grpc: typeof import("@grpc/grpc-js");
  readonly services: typeof import("@pulumi/pulumi/proto/engine_grpc_pb");
  readonly messages: typeof import("@pulumi/pulumi/proto/engine_pb");
}

/** The engine's `Log` call at `address`. */
export function engineLogAt(address: string, { grpc, services, messages }: EngineStubs): EngineLog {
  // Straight to the engine on loopback, never through a proxy of the environment (grpc-js's default).
  const client = new services.EngineClient(address, grpc.credentials.createInsecure(), {
    "grpc.enable_http_proxy": 0,
  });
  const severities = {
    info: messages.LogSeverity.INFO,
    warning: messages.LogSeverity.WARNING,
  } as const;
  return (severity, message, urn, deadline) =>
    new Promise((resolve, reject) => {
      const request = new messages.LogRequest();
      request.setSeverity(severities[severity]);
      request.setMessage(message);
      request.setUrn(urn);
      client.log(request, new grpc.Metadata(), { deadline }, (error) => (error ? reject(error) : resolve()));
    });
}
