import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { collectOutput } from "../../harness/child-output";

/**
 * A command run in a process group of its own, with a marker in its environment, so that every
 * process it starts can be found after it exits: by the group (children that replace their
 * environment keep it), or by the marker (children that start a group of their own keep it).
 */
export interface TrackedRun {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once the command's own process exits. */
  readonly exited: Promise<number | string>;
  /** Resolves once every holder of its stdout and stderr closed them: what a caller reading its output waits for. */
  readonly closed: Promise<void>;
  /** The processes of this run still alive, as "pid command". */
  leftovers(): string[];
  /** Kills every leftover (for a test's cleanup). */
  killLeftovers(): void;
}

const MARKER_VARIABLE = "PROCESS_TREE_MARKER";

/** Linux's `/proc/<pid>/stat`: the state and the process group, read after the command name. */
function statOf(pid: string): { state: string; group: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] as string, group: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

function readable(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Runs `command` with `args`, tracked (see {@link TrackedRun}). */
export function runTracked(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): TrackedRun {
  const marker = `${MARKER_VARIABLE}=${randomBytes(8).toString("hex")}`;
  const child = spawn(command, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, [MARKER_VARIABLE]: marker.split("=")[1] },
  });
  const output = collectOutput(child);
  const exited = new Promise<number | string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  const group = child.pid as number;
  const alive = (): string[] =>
    readdirSync("/proc")
      .filter((pid) => /^\d+$/.test(pid) && Number(pid) !== process.pid)
      .filter((pid) => {
        const stat = statOf(pid);
        // A zombie has ended; it only waits to be reaped.
        if (!stat || stat.state === "Z") return false;
        return stat.group === group || readable(`/proc/${pid}/environ`).split("\0").includes(marker);
      });
  return {
    child,
    stdout: output.stdout,
    stderr: output.stderr,
    exited,
    closed,
    leftovers: () =>
      alive().map((pid) => `${pid} ${readable(`/proc/${pid}/cmdline`).split("\0").join(" ").trim()}`),
    killLeftovers: () => {
      for (const pid of alive()) {
        try {
          process.kill(Number(pid), "SIGKILL");
        } catch {
          // Gone meanwhile.
        }
      }
    },
  };
}

/**
 * The run's leftovers once they had `graceMs` to end: children told to stop at their parent's
 * exit may take a moment. Empty when none is left.
 */
export async function leftoversAfter(run: TrackedRun, graceMs = 5_000): Promise<string[]> {
  const deadline = Date.now() + graceMs;
  while (run.leftovers().length > 0 && Date.now() < deadline) await sleep(100);
  return run.leftovers();
}
