import { readFileSync } from "node:fs";
import type { ScmEmulatorOptions } from "../emulator";
import { createPackedProgram } from "../harness/packed-program";
import { ProviderHost } from "../harness/provider-host";
import { serializedProvider } from "../harness/run-program";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process";
import { killOnExit } from "./kill-on-exit";

/** The package installed from its tarball into a program folder, as a user installs it. */
export interface BenchProgram {
  readonly dir: string;
  /** The `__provider` text a real program stores in the state of each resource. */
  readonly providerText: string;
  /** Starts Pulumi's dynamic-provider host in the program folder with this environment. */
  startHost(env: NodeJS.ProcessEnv): Promise<ProviderHost>;
  remove(): void;
}

/** Packs and installs the package once, and captures the serialized provider from a real program. */
export async function prepareProgram(): Promise<BenchProgram> {
  const program = createPackedProgram();
  try {
    const providerText = await serializedProvider(program.dir);
    return {
      dir: program.dir,
      providerText,
      startHost: async (env) => {
        const host = await ProviderHost.start(program.dir, env);
        // A pid is not reused before its process is reaped, and a reaped host is no longer alive.
        killOnExit(() => host.alive && process.kill(host.pid as number, "SIGKILL"));
        return host;
      },
      remove: program.remove,
    };
  } catch (error) {
    program.remove();
    throw error;
  }
}

/**
 * Starts an emulator process and a provider host that uses it (with a token), runs `use`, and
 * stops both, whatever happens.
 */
export async function withEmulatorAndHost<T>(
  program: BenchProgram,
  options: ScmEmulatorOptions,
  use: (emulator: EmulatorProcess, host: ProviderHost) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulatorProcess(options);
  try {
    const host = await program.startHost({ HW_AUTH_TOKEN: emulator.token, HW_SCM_ENDPOINT: emulator.url });
    try {
      return await use(emulator, host);
    } finally {
      await host.stop();
    }
  } finally {
    await emulator.stop();
  }
}

/** A process's peak resident set size in MiB (`VmHWM`), read from Linux's `/proc`. */
export function peakRssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kib)) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return kib / 1024;
}

/** CPU time (user + system) a process has used so far, in seconds, from Linux's `/proc/<pid>/stat`. */
export function cpuSeconds(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  // Linux reports CPU time in USER_HZ ticks, 100 per second on every architecture it runs on.
  return ticks / 100;
}
