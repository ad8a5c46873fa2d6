import { describe, expect, it } from "vitest";
import { ScmCredentialsError, ScmInputError } from "../../provider/errors";
import { PROXY_VARIABLES } from "../../provider/http/proxy-environment";
import { resolveScmSettings } from "../../provider/settings/resolve-settings";
import { ENVIRONMENT_ONLY_SETTINGS, SETTING_SOURCES } from "../../provider/settings/setting-sources";

type Layers = {
  args?: { region?: string; endpoint?: string };
  config?: Record<string, string>;
  env?: Record<string, string>;
};

const resolve = ({ args = {}, config = {}, env = {} }: Layers) =>
  resolveScmSettings({ args, config: (key) => config[key], env });

// IAM tokens are 32 characters or more; the resolver refuses shorter ones.
const CONFIG_TOKEN = `config-token-${"c".repeat(40)}`;
const ENV_TOKEN = `env-token-${"e".repeat(40)}`;
const TOKEN = { "huaweicloud:token": CONFIG_TOKEN };

describe("where each setting comes from: arguments, then stack config, then HW_*, then OS_*", () => {
  it.each<[string, Layers, string]>([
    [
      "argument over config and env",
      {
        args: { region: "cn-north-4" },
        config: { ...TOKEN, "huaweicloud:region": "eu-west-101" },
        env: { HW_REGION_NAME: "ap-southeast-3" },
      },
      "cn-north-4",
    ],
    [
      "config over env",
      {
        config: { ...TOKEN, "huaweicloud:region": "eu-west-101" },
        env: { HW_REGION_NAME: "ap-southeast-3" },
      },
      "eu-west-101",
    ],
    [
      "HW_REGION_NAME over OS_REGION_NAME",
      { config: TOKEN, env: { HW_REGION_NAME: "ap-southeast-3", OS_REGION_NAME: "cn-east-3" } },
      "ap-southeast-3",
    ],
    ["OS_REGION_NAME alone", { config: TOKEN, env: { OS_REGION_NAME: "cn-east-3" } }, "cn-east-3"],
    [
      "blank values are not set",
      {
        args: { region: "" },
        config: { ...TOKEN, "huaweicloud:region": "  " },
        env: { HW_REGION_NAME: "cn-east-3" },
      },
      "cn-east-3",
    ],
    ["nothing: the default region", { config: TOKEN }, "ap-southeast-1"],
  ])("region: %s", (_, layers, region) => {
    expect(resolve(layers).region).toBe(region);
  });

  it.each<[string, Layers, string]>([
    [
      "argument first",
      {
        args: { endpoint: "https://arg.example.com/" },
        config: { ...TOKEN, "huaweicloud:endpoints": '{"scm":"https://config.example.com"}' },
        env: { HW_SCM_ENDPOINT: "https://env.example.com" },
      },
      "https://arg.example.com",
    ],
    [
      "then huaweicloud:endpoints.scm",
      {
        config: { ...TOKEN, "huaweicloud:endpoints": '{"scm":"https://config.example.com","ecs":"x"}' },
        env: { HW_SCM_ENDPOINT: "https://env.example.com" },
      },
      "https://config.example.com",
    ],
    [
      "then HW_SCM_ENDPOINT",
      {
        config: { ...TOKEN, "huaweicloud:endpoints": '{"ecs":"https://ecs.example.com"}' },
        env: { HW_SCM_ENDPOINT: "http://127.0.0.1:8080/" },
      },
      "http://127.0.0.1:8080",
    ],
    [
      "then the region's host",
      { config: { ...TOKEN, "huaweicloud:region": "cn-south-1" } },
      "https://scm.cn-north-4.myhuaweicloud.com",
    ],
  ])("endpoint: %s", (_, layers, endpoint) => {
    expect(resolve(layers).endpoint).toBe(endpoint);
  });

  it.each<[string, Layers, Record<string, unknown>]>([
    [
      "a token over a key pair and a password",
      {
        config: { ...TOKEN, "huaweicloud:accessKey": "AK", "huaweicloud:secretKey": "SK" },
        env: { HW_USER_NAME: "u", HW_USER_PASSWORD: "p", HW_DOMAIN_NAME: "d" },
      },
      { kind: "token", token: CONFIG_TOKEN },
    ],
    [
      "an env token over a config key pair (kinds before layers, as Terraform)",
      {
        config: { "huaweicloud:accessKey": "AK", "huaweicloud:secretKey": "SK" },
        env: { HW_AUTH_TOKEN: ENV_TOKEN },
      },
      { kind: "token", token: ENV_TOKEN },
    ],
    [
      "a config token over an env token",
      { config: TOKEN, env: { HW_AUTH_TOKEN: ENV_TOKEN } },
      { kind: "token", token: CONFIG_TOKEN },
    ],
    [
      "a key pair over a password",
      {
        env: {
          HW_ACCESS_KEY: "AK",
          HW_SECRET_KEY: "SK",
          HW_USER_NAME: "u",
          HW_USER_PASSWORD: "p",
          HW_DOMAIN_NAME: "d",
        },
      },
      { kind: "access-key", accessKey: "AK", secretKey: "SK" },
    ],
    [
      "a temporary key pair with its domain id",
      {
        config: {
          "huaweicloud:accessKey": "AK",
          "huaweicloud:secretKey": "SK",
          "huaweicloud:securityToken": "ST",
          "huaweicloud:domainId": "DID",
        },
      },
      { kind: "access-key", accessKey: "AK", secretKey: "SK", securityToken: "ST", domainId: "DID" },
    ],
    [
      "HW_ACCESS_KEY over OS_ACCESS_KEY",
      {
        env: {
          HW_ACCESS_KEY: "HW-AK",
          OS_ACCESS_KEY: "OS-AK",
          HW_SECRET_KEY: "HW-SK",
          OS_SECRET_KEY: "OS-SK",
          HW_SECURITY_TOKEN: "ST",
          HW_DOMAIN_ID: "DID",
        },
      },
      { kind: "access-key", accessKey: "HW-AK", secretKey: "HW-SK", securityToken: "ST", domainId: "DID" },
    ],
    [
      "OS_* keys alone",
      { env: { OS_ACCESS_KEY: "OS-AK", OS_SECRET_KEY: "OS-SK" } },
      { kind: "access-key", accessKey: "OS-AK", secretKey: "OS-SK" },
    ],
    [
      "a secret is kept exactly as given",
      { env: { HW_ACCESS_KEY: "AK", HW_SECRET_KEY: " SK " } },
      { kind: "access-key", accessKey: "AK", secretKey: " SK " },
    ],
    [
      "a key pair without a domain id: the account is looked up at IAM of the region",
      { config: { "huaweicloud:region": "cn-east-3" }, env: { HW_ACCESS_KEY: "AK", HW_SECRET_KEY: "SK" } },
      {
        kind: "access-key",
        accessKey: "AK",
        secretKey: "SK",
        authUrl: "https://iam.cn-east-3.myhuaweicloud.com/v3",
      },
    ],
    [
      "a key pair without a domain id, with an auth URL from the environment",
      { env: { HW_ACCESS_KEY: "AK", HW_SECRET_KEY: "SK", HW_AUTH_URL: "http://127.0.0.1:9000/v3/" } },
      { kind: "access-key", accessKey: "AK", secretKey: "SK", authUrl: "http://127.0.0.1:9000/v3" },
    ],
    [
      "a password, with IAM's default auth URL for the region",
      {
        config: { "huaweicloud:region": "cn-east-3" },
        env: { HW_USER_NAME: "u", HW_USER_PASSWORD: "p", HW_DOMAIN_NAME: "d" },
      },
      {
        kind: "password",
        userName: "u",
        password: "p",
        domainName: "d",
        authUrl: "https://iam.cn-east-3.myhuaweicloud.com/v3",
        region: "cn-east-3",
      },
    ],
    [
      "a password from config with an auth URL from the environment",
      {
        config: { "huaweicloud:userName": "u", "huaweicloud:password": "p", "huaweicloud:domainName": "d" },
        env: { HW_AUTH_URL: "http://127.0.0.1:9000/v3/" },
      },
      {
        kind: "password",
        userName: "u",
        password: "p",
        domainName: "d",
        authUrl: "http://127.0.0.1:9000/v3",
        region: "ap-southeast-1",
      },
    ],
    [
      "a password in Europe: IAM on myhuaweicloud.eu",
      {
        args: { region: "eu-west-101" },
        env: { HW_USER_NAME: "u", HW_USER_PASSWORD: "p", HW_DOMAIN_NAME: "d" },
      },
      { kind: "password", authUrl: "https://iam.eu-west-101.myhuaweicloud.eu/v3" },
    ],
  ])("credentials: %s", (_, layers, credentials) => {
    expect(resolve(layers).credentials).toMatchObject(credentials);
  });

  it.each<[Record<string, string>, boolean | undefined, number | undefined]>([
    [{}, false, undefined],
    [{ HW_INSECURE: "true", HW_MAX_RETRIES: "5" }, true, 5],
    [{ HW_INSECURE: "0", HW_MAX_RETRIES: "0" }, false, 0],
  ])("insecure and maxRetries from %j", (env, insecure, maxRetries) => {
    const settings = resolve({ config: TOKEN, env });
    expect(settings.insecure).toBe(insecure);
    expect(settings.maxRetries).toBe(maxRetries);
  });

  it("prefers config to the environment for insecure and maxRetries", () => {
    const settings = resolve({
      config: { ...TOKEN, "huaweicloud:insecure": "false", "huaweicloud:maxRetries": "2" },
      env: { HW_INSECURE: "true", HW_MAX_RETRIES: "7" },
    });
    expect(settings).toMatchObject({ insecure: false, maxRetries: 2 });
  });

  it.each([
    [{ HW_INSECURE: "maybe" }, "HW_INSECURE"],
    [{ HW_MAX_RETRIES: "many" }, "HW_MAX_RETRIES"],
    [{ HW_MAX_RETRIES: "99" }, "HW_MAX_RETRIES"],
  ])("refuses %j naming the variable", (env, name) => {
    expect(() => resolve({ config: TOKEN, env })).toThrow(ScmInputError);
    expect(() => resolve({ config: TOKEN, env })).toThrow(name);
  });
});

describe("when credentials are missing or incomplete", () => {
  const noise = {
    HW_REGION_NAME: "cn-north-4",
    HW_CLOUD: "myhuaweicloud.com",
    HW_SCM_ENDPOINT: "https://scm.example.com",
  };

  it("leaves the metadata service last, with a message naming every place looked at, and no value", () => {
    const { credentials } = resolve({ config: { "huaweicloud:region": "ap-southeast-2" }, env: noise });
    expect(credentials.kind).toBe("ecs-metadata");
    const message = credentials.kind === "ecs-metadata" ? (credentials.lookedFor ?? "") : "";
    expect(message).toMatch(/^No Huawei Cloud credentials were found/);
    for (const name of [
      "token",
      "accessKey",
      "secretKey",
      "securityToken",
      "domainId",
      "userName",
      "password",
      "domainName",
      "sharedConfigFile",
      "profile",
    ] as const) {
      for (const place of [SETTING_SOURCES[name].config, ...SETTING_SOURCES[name].env])
        expect(message).toContain(place);
    }
    expect(message).toContain("~/.hcloud/config.json");
    for (const value of [...Object.values(noise), "ap-southeast-2"]) expect(message).not.toContain(value);
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      "an access key without its secret",
      { HW_ACCESS_KEY: "AK-VALUE-1" },
      ["huaweicloud:secretKey", "HW_SECRET_KEY"],
    ],
    [
      "a secret key without its access key",
      { HW_SECRET_KEY: "SK-VALUE-1" },
      ["huaweicloud:accessKey", "HW_ACCESS_KEY"],
    ],
    [
      "a password without the account",
      { HW_USER_NAME: "user-1", HW_USER_PASSWORD: "PASSWORD-VALUE-1" },
      ["huaweicloud:domainName", "HW_DOMAIN_NAME"],
    ],
    [
      "a user name alone",
      { HW_USER_NAME: "user-1" },
      ["huaweicloud:password", "HW_USER_PASSWORD", "HW_DOMAIN_NAME"],
    ],
  ])("says what is missing for %s, quoting no value", (_, env, places) => {
    let message = "";
    try {
      resolve({ env });
    } catch (error) {
      expect(error).toBeInstanceOf(ScmCredentialsError);
      message = (error as Error).message;
    }
    for (const place of places) expect(message).toContain(place);
    for (const value of Object.values(env)) expect(message).not.toContain(value);
  });
});

describe("a token outside SCM's limits", () => {
  it.each([
    ["too short", "t".repeat(31)],
    ["too long", "t".repeat(2_097_153)],
  ])("is refused when %s, naming where it came from and never its value", (_, token) => {
    const resolving = () => resolve({ env: { HW_AUTH_TOKEN: token } });
    expect(resolving).toThrow(ScmCredentialsError);
    expect(resolving).toThrow(/token from HW_AUTH_TOKEN is not an IAM token/);
    try {
      resolving();
    } catch (error) {
      expect(String(error)).not.toContain(token.slice(0, 31));
    }
  });
});

describe("the places settings are read from", () => {
  // clientForCall reuses a client while the values at these places are unchanged, so resolving
  // must read nothing else.
  it("are only the config keys and variables SETTING_SOURCES, ENVIRONMENT_ONLY_SETTINGS and PROXY_VARIABLES list, whatever the credential kind", () => {
    const places = new Set<string>([
      ...Object.values(SETTING_SOURCES).flatMap((source) => [source.config, ...source.env]),
      ...ENVIRONMENT_ONLY_SETTINGS,
      ...PROXY_VARIABLES,
    ]);
    const layers: Record<string, string>[] = [
      { HW_AUTH_TOKEN: ENV_TOKEN },
      { HW_ACCESS_KEY: "AK", HW_SECRET_KEY: "SK", HW_SECURITY_TOKEN: "ST", HW_DOMAIN_ID: "d" },
      {
        HW_USER_NAME: "u",
        HW_USER_PASSWORD: "p",
        HW_DOMAIN_NAME: "d",
        HW_AUTH_URL: "https://iam.example/v3",
      },
      { HW_AUTH_TOKEN: ENV_TOKEN, HW_CLOUD: "example.com", HW_INSECURE: "true", HW_MAX_RETRIES: "2" },
      { HW_AUTH_TOKEN: ENV_TOKEN, HW_SCM_ENDPOINT: "http://127.0.0.1:1" },
    ];
    for (const values of layers) {
      const read = new Set<string>();
      const env = new Proxy(values, {
        get: (target, name) => {
          read.add(String(name));
          return target[String(name)];
        },
      });
      resolveScmSettings({
        args: {},
        config: (key) => {
          read.add(key);
          return undefined;
        },
        env,
      });
      expect(read.size).toBeGreaterThan(3);
      expect([...read].filter((name) => !places.has(name))).toEqual([]);
    }
  });
});
