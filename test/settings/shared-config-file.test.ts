import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ScmCredentialsError } from "../../provider/errors";
import { resolveScmSettings } from "../../provider/settings/resolve-settings";

/** The hcloud CLI's config.json, read as Terraform reads it: profile, else `current`. */

const dir = mkdtempSync(join(tmpdir(), "hcloud-profile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET = "profileSecretKey0123456789abcdefghijklmnop";
const TOKEN = `profile-security-token-${"s".repeat(60)}`;
const OTHER_SECRET = "otherSecretKey0123456789abcdefghijklmnopq";
const profiles = {
  current: "default",
  profiles: [
    {
      name: "default",
      mode: "AKSK",
      accessKeyId: "PROFILEACCESSKEY0001",
      secretAccessKey: SECRET,
      securityToken: TOKEN,
      region: "cn-north-4",
      domainId: "d".repeat(32),
    },
    {
      name: "ci",
      mode: "AKSK",
      accessKeyId: "PROFILEACCESSKEY0002",
      secretAccessKey: OTHER_SECRET,
      region: "ap-southeast-3",
      agencyName: "scm-reader",
      agencyDomainName: "certificates-account",
    },
  ],
};

let files = 0;
function file(content: unknown, name?: string): string {
  files += 1;
  const path = join(dir, name ?? `config-${files}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const resolve = (env: Record<string, string>, config: Record<string, string> = {}, homeDir?: string) =>
  resolveScmSettings({ args: {}, config: (key) => config[key], env, homeDir });

function failure(attempt: () => unknown): ScmCredentialsError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ScmCredentialsError);
    return error as ScmCredentialsError;
  }
  throw new Error("expected a credentials error");
}

describe("the profile used", () => {
  it("is the file's current one, with its security token, account id and region", () => {
    const settings = resolve({ HW_SHARED_CONFIG_FILE: file(profiles) });
    expect(settings.credentials).toEqual({
      kind: "access-key",
      accessKey: "PROFILEACCESSKEY0001",
      secretKey: SECRET,
      securityToken: TOKEN,
      domainId: "d".repeat(32),
    });
    expect(settings.region).toBe("cn-north-4");
  });

  it("is the named one (huaweicloud:profile over HW_PROFILE), with its agency", () => {
    const path = file(profiles);
    const settings = resolve(
      { HW_PROFILE: "default" },
      { "huaweicloud:sharedConfigFile": path, "huaweicloud:profile": "ci" },
    );
    expect(settings.credentials).toMatchObject({
      kind: "assume-role",
      base: { kind: "access-key", accessKey: "PROFILEACCESSKEY0002", secretKey: OTHER_SECRET },
      agencies: [{ agencyName: "scm-reader", domainName: "certificates-account", durationSeconds: 3600 }],
      authUrl: "https://iam.ap-southeast-3.myhuaweicloud.com/v3",
    });
  });

  it("gives way to a configured region, and to any token, key pair or password", () => {
    const path = file(profiles);
    expect(resolve({ HW_SHARED_CONFIG_FILE: path, HW_REGION_NAME: "ap-southeast-1" }).region).toBe(
      "ap-southeast-1",
    );
    const settings = resolve({
      HW_SHARED_CONFIG_FILE: path,
      HW_ACCESS_KEY: "ENVACCESSKEY00000001",
      HW_SECRET_KEY: "env-secret",
      HW_DOMAIN_ID: "e".repeat(32),
    });
    expect(settings.credentials).toMatchObject({ kind: "access-key", accessKey: "ENVACCESSKEY00000001" });
  });

  it("is read from ~/.hcloud/config.json when no file is set and it exists", () => {
    const home = join(dir, "home");
    mkdirSync(join(home, ".hcloud"), { recursive: true });
    file(profiles, "home/.hcloud/config.json");
    expect(resolve({}, {}, home).credentials).toMatchObject({ accessKey: "PROFILEACCESSKEY0001" });
    // Another home without the file: the metadata service comes next.
    expect(resolve({}, {}, join(dir, "empty-home")).credentials.kind).toBe("ecs-metadata");
  });
});

describe("a file that cannot be used gets a clear error quoting no secret", () => {
  const secrets = [SECRET, TOKEN, OTHER_SECRET];
  it.each<[string, () => ScmCredentialsError, RegExp]>([
    [
      "a missing profile",
      () => failure(() => resolve({ HW_SHARED_CONFIG_FILE: file(profiles), HW_PROFILE: "prod" })),
      /has no profile "prod" \(from HW_PROFILE\); it has profiles "default", "ci"/,
    ],
    [
      "a file the CLI encrypted (flag)",
      () => failure(() => resolve({ HW_SHARED_CONFIG_FILE: file({ ...profiles, cliAuthEncrypt: true }) })),
      /holds encrypted credentials.*hcloud configure set --cli-auth-encrypt=false/,
    ],
    [
      "a file the CLI encrypted (ciphertext in place of the key id)",
      () =>
        failure(() =>
          resolve({
            HW_SHARED_CONFIG_FILE: file({
              current: "default",
              profiles: [
                {
                  name: "default",
                  mode: "AKSK",
                  accessKeyId: `${SECRET}/+==`,
                  secretAccessKey: `${TOKEN}==`,
                },
              ],
            }),
          }),
        ),
      /hcloud configure set --cli-auth-encrypt=false/,
    ],
    [
      "malformed JSON",
      () =>
        failure(() =>
          resolve({ HW_SHARED_CONFIG_FILE: file(`{"profiles": [{"secretAccessKey": "${SECRET}" oops}]}`) }),
        ),
      /is not valid JSON \(at character \d+\)/,
    ],
    [
      "JSON that is not an hcloud file",
      () =>
        failure(() => resolve({ HW_SHARED_CONFIG_FILE: file({ profiles: { secretAccessKey: SECRET } }) })),
      /is not an hcloud config file \(profiles: /,
    ],
    [
      "a profile without its secret",
      () =>
        failure(() =>
          resolve({
            HW_SHARED_CONFIG_FILE: file({
              current: "x",
              profiles: [{ name: "x", mode: "AKSK", accessKeyId: "PROFILEACCESSKEY0003" }],
            }),
          }),
        ),
      /profile "x" of .* is incomplete: it needs secretAccessKey/,
    ],
    [
      "a configured file that does not exist",
      () => failure(() => resolve({ HW_SHARED_CONFIG_FILE: join(dir, "absent.json") })),
      /absent\.json \(from HW_SHARED_CONFIG_FILE\) does not exist/,
    ],
  ])("%s", (_, attempt, message) => {
    const error = attempt();
    expect(error.message).toMatch(message);
    for (const secret of secrets) {
      expect(error.message).not.toContain(secret);
      expect(String(error.stack)).not.toContain(secret);
    }
  });
});
