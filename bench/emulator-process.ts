import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { ScmEmulatorOptions } from "../emulator";
import { killOnExit } from "./kill-on-exit";

/** What the emulator counted since it started (or since the last reset). */
export interface EmulatorStats {
  /** TCP connections accepted. */
  readonly connections: number;
  readonly requests: number;
  /** Requests by the status answered (0: reset without an answer). */
  readonly statuses: Readonly<Record<string, number>>;
  /** CPU milliseconds the emulator process spent (user and system). */
  readonly cpuMs: number;
}

/** A message to the emulator process. */
export type EmulatorRequest = { id: number; op: "stats" | "reset" | "stop" };

/** A message from the emulator process. */
export type EmulatorReply =
  | { ready: { url: string; token: string; certificates: { id: string; keyType: "rsa" | "ec" }[] } }
  | StatsReply;

/** The answer to a request: the stats when asked for them. */
type StatsReply = { id: number; stats?: EmulatorStats };

/** An emulator running in a child process. */
export interface EmulatorProcess {
  readonly url: string;
  readonly token: string;
  readonly certificates: readonly { id: string; keyType: "rsa" | "ec" }[];
  stats(): Promise<EmulatorStats>;
  /** Clears the request log and the connection count. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts an SCM emulator in a child process (options must be plain JSON) and resolves once it
 * listens. The child inherits this process's loader, so it runs the TypeScript sources. It ends
 * with this process however this one ends: killed on exit, error or signal, and ending itself
 * when its IPC channel closes (this process was killed outright).
 */
export async function startEmulatorProcess(options: ScmEmulatorOptions = {}): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(join(__dirname, "emulator-child.ts"), [JSON.stringify(options)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const release = killOnExit(() => child.kill("SIGKILL"));
  child.once("exit", release);
  const pending = new Map<number, (reply: StatsReply) => void>();
  let nextId = 0;
  const ready = new Promise<Extract<EmulatorReply, { ready: unknown }>["ready"]>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the emulator process exited with ${code}`)));
    child.on("message", (message: EmulatorReply) => {
      if ("ready" in message) resolve(message.ready);
      else pending.get(message.id)?.(message);
    });
  });
  const ask = (op: EmulatorRequest["op"]) =>
    new Promise<StatsReply>((resolve) => {
      const id = nextId++;
      pending.set(id, (reply) => {
        pending.delete(id);
        resolve(reply);
      });
      child.send({ id, op } satisfies EmulatorRequest);
    });
  const started = await ready;
  return {
    ...started,
    stats: async () => (await ask("stats")).stats as EmulatorStats,
    reset: async () => {
      await ask("reset");
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      await ask("stop");
      await exited;
    },
  };
}
