import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, send } from "./helpers";

/**
 * The emulator's command takes `renew <domain or id>` on its standard input, so a renewal can be
 * tried against a stack from a terminal: SCM issues the renewed certificate under a new id.
 */

const repo = resolve(__dirname, "../..");

/** SCM's times, `2027-11-30 09:30:23.0`, are UTC without a zone. */
const utc = (scmTime: string) => Date.parse(`${scmTime.replace(" ", "T")}Z`);

interface Listed {
  id: string;
  domain: string;
  expire_time: string;
}

describe("the emulator's command, on its standard input", () => {
  let child: ChildProcessWithoutNullStreams;
  let output = "";
  let scm: { url: string; token: string };

  /** Waits until the command's output matches, past what it printed before. */
  const printed = async (pattern: RegExp, from = 0): Promise<RegExpMatchArray> => {
    for (;;) {
      const match = output.slice(from).match(pattern);
      if (match) return match;
      const exited = once(child, "exit").then(() => {
        throw new Error(`the emulator exited; it printed:\n${output}`);
      });
      await Promise.race([once(child.stdout, "data"), exited]);
    }
  };

  /** Writes one command line and returns the line the emulator printed for it. */
  const command = async (line: string): Promise<string> => {
    const from = output.length;
    child.stdin.write(`${line}\n`);
    return (await printed(/^(.+)\n/m, from))[1] as string;
  };

  /** `GET` an SCM path of the emulator the command started, with its token. */
  const get = (pathAndQuery: string) =>
    send(`${scm.url}${pathAndQuery}`, { headers: { "x-auth-token": scm.token } });

  const listed = async (domain: string): Promise<Listed[]> => {
    const answer = await get("/v3/scm/certificates?limit=50");
    return json<{ certificates: Listed[] }>(answer).certificates.filter((c) => c.domain === domain);
  };

  beforeAll(async () => {
    child = spawn(join(repo, "node_modules/.bin/tsx"), ["emulator/cli.ts"], { cwd: repo });
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    const [, url] = await printed(/^export HW_SCM_ENDPOINT=(\S+)$/m);
    const [, token] = await printed(/^export HW_AUTH_TOKEN=(\S+)$/m);
    scm = { url: url as string, token: token as string };
    await printed(/Press Ctrl\+C to stop\./);
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });

  it("says in its banner how to renew a certificate", () => {
    expect(output).toContain("Type `renew <domain or certificate id>` and Enter");
  });

  it("renews a domain's certificate under a new id that expires later, the old one kept", async () => {
    const [before] = await listed("shop.example.com");
    const said = await command("renew shop.example.com");
    const after = await listed("shop.example.com");
    expect(after).toHaveLength(2);
    const renewed = after.find((c) => c.id !== before?.id) as Listed;
    const [, newId, oldId] =
      /^Renewed shop\.example\.com: (\S+) \(expires [^)]+\) beside (\S+) \(expires [^)]+\)\.$/.exec(said) ??
      [];
    expect([newId, oldId]).toEqual([renewed.id, before?.id]);
    expect(utc(renewed.expire_time)).toBeGreaterThan(utc(before?.expire_time as string));
  });

  it("renews by certificate id too", async () => {
    const [certificate] = await listed("api.example.com");
    expect(await command(`renew ${certificate?.id}`)).toMatch(/^Renewed api\.example\.com: scs\d{13} /);
    expect(await listed("api.example.com")).toHaveLength(2);
  });

  it("answers a name it does not know, or another command, and keeps serving", async () => {
    expect(await command("renew nothing.example.com")).toBe(
      "No certificate has the id or domain nothing.example.com.",
    );
    expect(await command("delete shop.example.com")).toMatch(/^Type `renew <domain or certificate id>`/);
    expect((await get("/v3/scm/certificates")).status).toBe(200);
  });
});
