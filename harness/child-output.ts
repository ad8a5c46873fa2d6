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

/**
 * The first line `child` prints on its stdout, trimmed, once the line is whole (a provider's port);
 * rejects when the child exits before, with what it wrote on stderr. `output` collects that child.
 */
export function firstLine(child: ChildProcess, output: ChildOutput, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // After collectOutput's own listener: the text read here holds this chunk already.
    child.stdout?.on("data", () => {
      const [line] = output.stdout().split("\n");
      if (output.stdout().includes("\n") && line) resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}: ${output.stderr()}`)));
  });
}
