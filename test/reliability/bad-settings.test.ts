import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { urnOf } from "../../harness/provider-host";
import { serializedProvider } from "../../harness/run-program";
import { ScmInputError } from "../../provider";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { ScmClient } from "../../provider/scm/scm-client";
import { failed } from "../support/host-harness";
import { type NamedSecret, secretFindings } from "../support/secret-scan";
import {
  BAD_ENDPOINT_SETTINGS,
  BAD_ENDPOINTS,
  BAD_IDS,
  BadInputLedger,
  LONG_TOKEN,
  SHORT_TOKEN,
  URL_PASSWORD,
} from "./bad-input-fixtures";

/**
 * Credentials and settings read when a call runs (environment, stack config) and the options of
 * `ScmClient`: each invalid one is a clear error before anything is sent.
 */

const urn = urnOf("bad-settings");

let emulator: ScmEmulator;
let providerText: string;
let certificateId: string;
const ledger = new BadInputLedger(() => emulator);

beforeAll(async () => {
  emulator = await startScmEmulator();
  certificateId = [...emulator.certificates.keys()][0] as string;
  providerText = await serializedProvider(inject("programDir"));
});

afterAll(async () => {
  await ledger.stop();
  await closeConnectionPools();
  await emulator?.stop();
});

/** Creates the resource through a host started with `env` and `config`; the call must fail. */
async function failingCreate(
  env: NodeJS.ProcessEnv,
  config: Record<string, string> = {},
  into: BadInputLedger = ledger,
): Promise<string> {
  const host = await into.startHost(env, config);
  const error = await into.sendsNothing(() =>
    failed(host.create(urn, { __provider: providerText, certificateId }), into.errors),
  );
  return error.message;
}

/** What a synchronous or asynchronous attempt threw, which must be an {@link ScmInputError}. */
async function inputError(attempt: () => unknown, into: BadInputLedger = ledger): Promise<Error> {
  const error = await into.sendsNothing(async () => {
    try {
      await attempt();
    } catch (e) {
      return e;
    }
  });
  into.errors.push(error);
  expect(error).toBeInstanceOf(ScmInputError);
  return error as Error;
}

describe("tokens", () => {
  it("too short in HW_AUTH_TOKEN: create fails naming the variable", async () => {
    const message = await failingCreate({ HW_AUTH_TOKEN: SHORT_TOKEN, HW_SCM_ENDPOINT: emulator.url });
    expect(message).toMatch(
      /The token from HW_AUTH_TOKEN is not an IAM token: an IAM token is at least 32 characters/,
    );
  });

  it("too long in huaweicloud:token (stack config): create fails naming the key", async () => {
    const message = await failingCreate(
      { HW_SCM_ENDPOINT: emulator.url },
      { "huaweicloud:token": LONG_TOKEN },
    );
    expect(message).toMatch(
      /The token from huaweicloud:token is not an IAM token: an IAM token is at most 2,097,152 characters/,
    );
  });

  it.each([
    ["too short", SHORT_TOKEN, /at least 32 characters/],
    ["too long", LONG_TOKEN, /at most 2,097,152 characters/],
  ])("%s in ScmClient credentials: a clear error", async (_, token, reason) => {
    const error = await inputError(
      () => new ScmClient({ endpoint: emulator.url, credentials: { kind: "token", token } }),
    );
    expect(error.message).toMatch(reason);
  });
});

describe("endpoints", () => {
  it.each(BAD_ENDPOINT_SETTINGS)(
    "HW_SCM_ENDPOINT with %s, pointing at the emulator: create fails naming the variable",
    async (_, endpointOf, reason) => {
      const message = await failingCreate({
        HW_AUTH_TOKEN: emulator.token,
        HW_SCM_ENDPOINT: endpointOf(emulator.url),
      });
      expect(message).toMatch(/The endpoint from HW_SCM_ENDPOINT is invalid/);
      expect(message).toMatch(reason);
    },
  );

  it("huaweicloud:endpoints that is not a JSON object: create fails naming the key", async () => {
    const message = await failingCreate(
      { HW_AUTH_TOKEN: emulator.token },
      { "huaweicloud:endpoints": emulator.url },
    );
    expect(message).toMatch(/huaweicloud:endpoints must be a JSON object/);
  });

  it.each(BAD_ENDPOINTS)("%s as the ScmClient endpoint: a clear error", async (_, endpoint, reason) => {
    const error = await inputError(
      () => new ScmClient({ endpoint, credentials: { kind: "token", token: emulator.token } }),
    );
    expect(error.message).toMatch(reason);
  });
});

describe("other settings", () => {
  it("HW_MAX_RETRIES that is not a number: create fails naming the variable", async () => {
    const message = await failingCreate({
      HW_AUTH_TOKEN: emulator.token,
      HW_SCM_ENDPOINT: emulator.url,
      HW_MAX_RETRIES: "many",
    });
    expect(message).toMatch(/HW_MAX_RETRIES must be a whole number/);
  });

  it.each(BAD_IDS)("a certificate id %s: ScmClient.exportCertificate refuses it", async (_, id) => {
    const client = new ScmClient({
      endpoint: emulator.url,
      credentials: { kind: "token", token: emulator.token },
    });
    const error = await inputError(() => client.exportCertificate(id));
    expect(error.message).toMatch(/^Invalid certificate id: must be exactly 16 characters/);
  });
});

describe("after every bad setting", () => {
  // Its own emulator and ledger: the bad settings are tried again here, so these checks hold
  // whichever tests ran before them, or none.
  let quiet: ScmEmulator;
  const replay = new BadInputLedger(() => quiet);

  beforeAll(async () => {
    quiet = await startScmEmulator();
    const endpoint = quiet.url;
    await failingCreate({ HW_AUTH_TOKEN: SHORT_TOKEN, HW_SCM_ENDPOINT: endpoint }, {}, replay);
    await failingCreate({ HW_SCM_ENDPOINT: endpoint }, { "huaweicloud:token": LONG_TOKEN }, replay);
    await failingCreate(
      {
        HW_AUTH_TOKEN: quiet.token,
        HW_SCM_ENDPOINT: endpoint.replace("http://", `http://admin:${URL_PASSWORD}@`),
      },
      {},
      replay,
    );
    await failingCreate(
      { HW_AUTH_TOKEN: quiet.token, HW_SCM_ENDPOINT: endpoint, HW_MAX_RETRIES: "many" },
      {},
      replay,
    );
    for (const token of [SHORT_TOKEN, LONG_TOKEN]) {
      await inputError(() => new ScmClient({ endpoint, credentials: { kind: "token", token } }), replay);
    }
    for (const [, bad] of BAD_ENDPOINTS) {
      await inputError(
        () => new ScmClient({ endpoint: bad, credentials: { kind: "token", token: quiet.token } }),
        replay,
      );
    }
    const client = new ScmClient({ endpoint, credentials: { kind: "token", token: quiet.token } });
    for (const [, id] of BAD_IDS) await inputError(() => client.exportCertificate(id), replay);
  });

  afterAll(async () => {
    await replay.stop();
    await quiet?.stop();
  });

  it("tried at least 15, and the emulator saw no request at all", () => {
    expect(replay.tried).toBeGreaterThanOrEqual(15);
    expect(quiet.requests).toEqual([]);
  });

  it("every host still runs, and no message repeats a credential", () => {
    for (const host of replay.hosts) expect(host.alive).toBe(true);
    expect(replay.errors.length).toBeGreaterThan(15);
    const secrets: NamedSecret[] = [
      ["the token", quiet.token],
      ["the short token", SHORT_TOKEN],
      ["the long token's first 64 characters", LONG_TOKEN.slice(0, 64)],
      ["the endpoint's password", URL_PASSWORD],
    ];
    expect(secretFindings(secrets, replay.texts())).toEqual([]);
  });
});
