import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { pluginUrnOf } from "../../harness/plugin-host";
import {
  BAD_ENDPOINT_SETTINGS,
  BadInputLedger,
  LONG_TOKEN,
  SHORT_TOKEN,
  URL_PASSWORD,
} from "../reliability/bad-input-fixtures";
import { failed } from "../support/host-harness";
import { type NamedSecret, secretFindings } from "../support/secret-scan";
import { PluginHosts } from "./plugin-fixture";

/**
 * Credentials and settings through the provider plugin, as through the dynamic provider
 * (test/reliability/bad-settings.test.ts): each invalid one is a clear error before anything is
 * sent, naming the place it came from; a config key as a user of the plugin sets it,
 * `huaweicloud-scm:<key>`.
 */

const urn = pluginUrnOf("bad-settings");

let emulator: ScmEmulator;
let certificateId: string;
const hosts = new PluginHosts();
const ledger = new BadInputLedger(
  () => emulator,
  (env) => hosts.launch(env),
);

beforeAll(async () => {
  emulator = await startScmEmulator();
  certificateId = [...emulator.certificates.keys()][0] as string;
});

afterAll(async () => {
  await hosts.stop();
  await emulator?.stop();
});

/** Creates the resource through a plugin started with `env` and configured with `config`; the call must fail. */
async function failingCreate(env: NodeJS.ProcessEnv, config: Record<string, unknown> = {}): Promise<string> {
  const host = await ledger.startHost(env, config);
  const error = await ledger.sendsNothing(() => failed(host.create(urn, { certificateId }), ledger.errors));
  return error.message;
}

describe("tokens", () => {
  it("too short in HW_AUTH_TOKEN: create fails naming the variable", async () => {
    const message = await failingCreate({ HW_AUTH_TOKEN: SHORT_TOKEN, HW_SCM_ENDPOINT: emulator.url });
    expect(message).toMatch(
      /The token from HW_AUTH_TOKEN is not an IAM token: an IAM token is at least 32 characters/,
    );
  });

  it("too long in huaweicloud-scm:token: create fails naming the key", async () => {
    const message = await failingCreate({ HW_SCM_ENDPOINT: emulator.url }, { token: LONG_TOKEN });
    expect(message).toMatch(
      /The token from huaweicloud-scm:token is not an IAM token: an IAM token is at most 2,097,152 characters/,
    );
  });
});

describe("endpoints", () => {
  it.each(BAD_ENDPOINT_SETTINGS)(
    "HW_SCM_ENDPOINT with %s: create fails naming the variable",
    async (_, endpointOf, reason) => {
      const message = await failingCreate({
        HW_AUTH_TOKEN: emulator.token,
        HW_SCM_ENDPOINT: endpointOf(emulator.url),
      });
      expect(message).toMatch(/The endpoint from HW_SCM_ENDPOINT is invalid/);
      expect(message).toMatch(reason);
    },
  );

  it("huaweicloud-scm:endpoints that is not an object: create fails naming the key", async () => {
    const message = await failingCreate({ HW_AUTH_TOKEN: emulator.token }, { endpoints: emulator.url });
    expect(message).toMatch(/huaweicloud-scm:endpoints must be a JSON object/);
  });

  it("huaweicloud-scm:endpoints.scm with credentials in it: check fails naming the key, quoting no password", async () => {
    const host = await ledger.startHost(
      { HW_AUTH_TOKEN: emulator.token },
      { endpoints: { scm: emulator.url.replace("http://", `http://admin:${URL_PASSWORD}@`) } },
    );
    const result = await ledger.sendsNothing(() => host.check(urn, {}, { certificateId }));
    expect(result.failures).toEqual([
      {
        property: "huaweicloud-scm:endpoints.scm",
        reason: expect.stringMatching(/must not carry credentials/),
      },
    ]);
  });
});

describe("credentials and other settings", () => {
  it("half an access key pair: check fails on credentials, naming the missing key in the plugin's namespace", async () => {
    const host = await ledger.startHost({ HW_SCM_ENDPOINT: emulator.url }, { accessKey: "AK-VALUE-1" });
    const result = await ledger.sendsNothing(() => host.check(urn, {}, { certificateId }));
    expect(result.failures).toEqual([
      {
        property: "credentials",
        reason: expect.stringContaining("huaweicloud-scm:secretKey / HW_SECRET_KEY"),
      },
    ]);
    expect(result.failures[0]?.reason).not.toMatch(/\bhuaweicloud:/);
  });

  it("HW_MAX_RETRIES that is not a number: create fails naming the variable", async () => {
    const message = await failingCreate({
      HW_AUTH_TOKEN: emulator.token,
      HW_SCM_ENDPOINT: emulator.url,
      HW_MAX_RETRIES: "many",
    });
    expect(message).toMatch(/HW_MAX_RETRIES must be a whole number/);
  });

  it("huaweicloud-scm:maxRetries as a number out of range: create fails naming the key", async () => {
    const message = await failingCreate(
      { HW_AUTH_TOKEN: emulator.token, HW_SCM_ENDPOINT: emulator.url },
      { maxRetries: 11 },
    );
    expect(message).toMatch(/huaweicloud-scm:maxRetries must be at most 10/);
  });
});

describe("after every bad setting", () => {
  // Its own emulator and ledger: the bad settings are tried again here, so these checks hold
  // whichever tests ran before them, or none.
  let quiet: ScmEmulator;
  const replay = new BadInputLedger(
    () => quiet,
    (env) => hosts.launch(env),
  );

  beforeAll(async () => {
    quiet = await startScmEmulator();
    const id = [...quiet.certificates.keys()][0] as string;
    const attempts: [NodeJS.ProcessEnv, Record<string, unknown>][] = [
      [{ HW_AUTH_TOKEN: SHORT_TOKEN, HW_SCM_ENDPOINT: quiet.url }, {}],
      [{ HW_SCM_ENDPOINT: quiet.url }, { token: LONG_TOKEN }],
      [
        {
          HW_AUTH_TOKEN: quiet.token,
          HW_SCM_ENDPOINT: quiet.url.replace("http://", `http://admin:${URL_PASSWORD}@`),
        },
        {},
      ],
      [
        { HW_AUTH_TOKEN: quiet.token },
        { endpoints: { scm: quiet.url.replace("http://", `http://admin:${URL_PASSWORD}@`) } },
      ],
      [{ HW_AUTH_TOKEN: quiet.token, HW_SCM_ENDPOINT: quiet.url }, { maxRetries: 11 }],
    ];
    for (const [env, config] of attempts) {
      const host = await replay.startHost(env, config);
      await replay.sendsNothing(() => host.check(urn, {}, { certificateId: id }));
      await replay.sendsNothing(() => failed(host.create(urn, { certificateId: id }), replay.errors));
    }
  });

  afterAll(async () => {
    await quiet?.stop();
  });

  it("nothing was sent, every plugin still runs, and no message repeats a credential", () => {
    expect(replay.tried).toBe(10);
    expect(quiet.requests).toEqual([]);
    for (const host of replay.hosts) expect(host.alive).toBe(true);
    const secrets: NamedSecret[] = [
      ["the token", quiet.token],
      ["the short token", SHORT_TOKEN],
      ["the long token's first 64 characters", LONG_TOKEN.slice(0, 64)],
      ["the endpoint's password", URL_PASSWORD],
    ];
    expect(secretFindings(secrets, replay.texts())).toEqual([]);
  });
});
