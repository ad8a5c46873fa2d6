import { constants } from "node:os";

/**
 * The benches' child processes (emulators, provider hosts) die with the bench: when it exits, when
 * it fails, and when it is sent SIGINT, SIGTERM or SIGHUP. A child left behind would keep the
 * bench's stdout open, and whoever waits for its output would wait forever.
 */

const kills = new Set<() => void>();
let installed = false;

function killAll(): void {
  for (const kill of kills) {
    try {
      kill();
    } catch {
      // Already gone.
    }
  }
  kills.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  // "exit" listeners run on process.exit(), at the end of the event loop and after an uncaught error.
  process.on("exit", killAll);
  // A signal's default action ends the process without "exit" listeners: exit instead, as the
  // signal would, so they run.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}

/**
 * Runs `kill` (synchronous) when this process ends, unless the returned function is called
 * first, once the child is gone.
 */
export function killOnExit(kill: () => void): () => void {
  install();
  kills.add(kill);
  return () => {
    kills.delete(kill);
  };
}
