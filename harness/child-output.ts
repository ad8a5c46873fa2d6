import type { ChildProcess } from "node:child_process";

/** What a child process has written so far on its piped stdout and stderr. */
export interface ChildOutput {
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** Collects a child's piped stdout and stderr as text, from now on. */
export function collectOutput(child: ChildProcess): ChildOutput {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  return { stdout: () => stdout, stderr: () => stderr };
}
