import { spawnSync } from "node:child_process";

/** What a command line tool answered. */
export interface ToolRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the system `openssl` with `input` on stdin. Passwords go through the environment
 * (`-passin env:PASSWORD`), never through the argument list a process listing shows.
 */
export function openssl(args: readonly string[], input: string | Buffer, password?: string): ToolRun {
  const run = spawnSync("openssl", args, {
    input,
    env: { ...process.env, ...(password === undefined ? {} : { PASSWORD: password }) },
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `openssl pkcs12` reading a PFX from stdin with the password given. */
export function readPfx(pfxBase64: string, password: string, args: readonly string[]): ToolRun {
  return openssl(["pkcs12", "-passin", "env:PASSWORD", ...args], Buffer.from(pfxBase64, "base64"), password);
}

/** The PEM blocks of `text` with their labels, in order, bag attributes and other text dropped. */
export function pemBlocksOf(text: string): string[] {
  return (
    text.match(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----\n?/g)?.map((b) => b.trimEnd()) ?? []
  );
}
