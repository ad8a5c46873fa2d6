import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ScmCredentialsError } from "../../provider/errors";
import { resolveScmSettings } from "../../provider/settings/resolve-settings";
import { MAX_SHARED_CONFIG_FILE_BYTES } from "../../provider/settings/shared-config-file-access";

/**
 * What the shared config file may be: a regular file under the size limit, whose profile holds no
 * control character. Anything else is refused with an error naming the path (and the profile and
 * field), never quoting a value, and never blocking the process.
 */

const dir = mkdtempSync(join(tmpdir(), "hcloud-guards-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = "guardSecretKey0123456789abcdefghijklmnopq";
const profile = (fields: Record<string, unknown>) => ({
  current: "default",
  profiles: [
    {
      name: "default",
      mode: "AKSK",
      accessKeyId: "GUARDACCESSKEY000001",
      secretAccessKey: SECRET,
      ...fields,
    },
  ],
});

let files = 0;
function file(content: unknown): string {
  files += 1;
  const path = join(dir, `config-${files}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

/** The error resolving with this file fails with. */
function refusal(path: string): ScmCredentialsError {
  try {
    resolveScmSettings({ args: {}, config: () => undefined, env: { HW_SHARED_CONFIG_FILE: path } });
  } catch (error) {
    expect(error).toBeInstanceOf(ScmCredentialsError);
    return error as ScmCredentialsError;
  }
  throw new Error("expected the file to be refused");
}

describe("a path that is not a regular file", () => {
  const writers: ChildProcess[] = [];
  afterEach(() => {
    for (const writer of writers.splice(0)) writer.kill();
  });

  it("a directory is refused, naming the path", () => {
    const path = join(dir, "a-directory");
    mkdirSync(path);
    expect(refusal(path).message).toBe(
      `The shared config file ${path} (from HW_SHARED_CONFIG_FILE) is a directory; only a regular file is read: point huaweicloud:sharedConfigFile / HW_SHARED_CONFIG_FILE at the hcloud CLI's config.json.`,
    );
  });

  it.skipIf(process.platform === "win32")("a device is refused before a byte is read", () => {
    expect(refusal("/dev/null").message).toMatch(/^The shared config file \/dev\/null .* is a device;/);
  });

  it.skipIf(process.platform === "win32")("a FIFO is refused at once, without waiting for a writer", () => {
    const path = join(dir, "a-fifo");
    execFileSync("mkfifo", [path]);
    // Should the FIFO be opened for reading, this writer lets the read end (with text that is
    // no config) instead of blocking the test forever; it is stopped once the test is over.
    writers.push(spawn("sh", ["-c", 'printf "not a config" > "$0"', path], { stdio: "ignore" }));
    expect(refusal(path).message).toMatch(/ is a FIFO \(named pipe\); only a regular file is read/);
  });
});

describe("a file over the size limit", () => {
  it(`is refused past ${MAX_SHARED_CONFIG_FILE_BYTES} bytes, naming the path and the limit`, () => {
    const padding = "x".repeat(MAX_SHARED_CONFIG_FILE_BYTES);
    const path = file(profile({ padding }));
    const { message } = refusal(path);
    expect(message).toBe(
      `The shared config file ${path} (from HW_SHARED_CONFIG_FILE) is over the ${MAX_SHARED_CONFIG_FILE_BYTES}-byte limit of a shared config file: point huaweicloud:sharedConfigFile / HW_SHARED_CONFIG_FILE at the hcloud CLI's config.json.`,
    );
  });

  it("up to the limit, it is read", () => {
    const path = file(profile({ padding: "x".repeat(MAX_SHARED_CONFIG_FILE_BYTES - 400) }));
    const settings = resolveScmSettings({
      args: {},
      config: () => undefined,
      env: { HW_SHARED_CONFIG_FILE: path },
    });
    expect(settings.credentials).toMatchObject({ accessKey: "GUARDACCESSKEY000001" });
  });
});

describe("a control character in a profile's field", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["the secret key, ending in a line break", { secretAccessKey: `${SECRET}\n` }, "secretAccessKey"],
    ["the access key id", { accessKeyId: "GUARDACCESSKEY000001\r" }, "accessKeyId"],
    ["the security token", { securityToken: `token\u0000${SECRET}` }, "securityToken"],
    ["the region, holding an escape", { region: "ap-southeast-1\u001b[2J" }, "region"],
    ["the agency's name", { agencyName: "scm\treader", agencyDomainName: "acme" }, "agencyName"],
    [
      "the key of an SSO profile",
      {
        mode: "SSO",
        ssoAuth: { stsToken: { accessKeyId: "GUARDSTSACCESSKEY001", secretAccessKey: `${SECRET}\n` } },
      },
      "ssoAuth.stsToken.secretAccessKey",
    ],
  ])("in %s is refused, naming the file, the profile and the field, never the value", (_, fields, field) => {
    const path = file(profile(fields));
    const { message, stack } = refusal(path);
    expect(message).toBe(
      `The profile "default" of ${path} holds a control character in ${field} (a line break, perhaps, from an editor): write the value again without it.`,
    );
    expect(`${message}${stack}`).not.toContain(SECRET);
  });
});
