import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { type ProviderHost, urnOf } from "../../harness/provider-host";
import { serializedProvider } from "../../harness/run-program";
import { UNKNOWN_VALUE } from "../../provider/constants";
import { failed, settle } from "../support/host-harness";
import { type NamedSecret, secretFindings } from "../support/secret-scan";
import { BAD_ARGUMENTS, BAD_ENDPOINTS, BAD_IDS, BadInputLedger, URL_PASSWORD } from "./bad-input-fixtures";

/**
 * The resource's arguments, through the dynamic-provider host: each invalid one is a `check`
 * failure naming the property, or a clear error from a call that skipped `check`; none sends a
 * request. Credentials and settings read when a call runs are in bad-settings.test.ts.
 */

const urn = urnOf("bad");
const VALID_ID = "scs1627959834994";

let emulator: ScmEmulator;
let providerText: string;
let host: ProviderHost;
const ledger = new BadInputLedger(() => emulator);
const inputs = (props: Record<string, unknown>) => ({ __provider: providerText, ...props });

beforeAll(async () => {
  emulator = await startScmEmulator();
  providerText = await serializedProvider(inject("programDir"));
  host = await ledger.startHost({ HW_AUTH_TOKEN: emulator.token, HW_SCM_ENDPOINT: emulator.url });
});

afterAll(async () => {
  await ledger.stop();
  await emulator?.stop();
});

describe("certificate ids", () => {
  it.each(BAD_IDS)("%s: check fails naming certificateId", async (_, id) => {
    const result = await ledger.sendsNothing(() => host.check(urn, {}, inputs({ certificateId: id })));
    expect(result.failures).toEqual([
      { property: "certificateId", reason: expect.stringContaining("exactly 16 characters") },
    ]);
  });

  it("a create that skipped check still refuses the id, naming it", async () => {
    const error = await ledger.sendsNothing(() =>
      failed(host.create(urn, inputs({ certificateId: "scs/../../../x12" })), ledger.errors),
    );
    expect(error.message).toBe(
      "create: Invalid ScmExportedCertificate inputs: certificateId must be exactly 16 characters of A-Z, a-z, 0-9, '_' or '-' (SCM ids look like scs1627959834994)",
    );
  });

  it("an update that skipped check still refuses the id, naming it", async () => {
    const news = inputs({ certificateId: "scs%2F7959834994" });
    const error = await ledger.sendsNothing(() =>
      failed(host.update(urn, VALID_ID, { certificateId: VALID_ID }, news), ledger.errors),
    );
    expect(error.message).toMatch(
      /^update: Invalid ScmExportedCertificate inputs: certificateId must be exactly 16/,
    );
  });

  it("a get (read by id alone) with a path in the id is a clear error", async () => {
    const error = await ledger.sendsNothing(() =>
      failed(host.read(urn, "scs/../../../x12", undefined, inputs({})), ledger.errors),
    );
    expect(error.message).toMatch(
      /Cannot read ScmExportedCertificate "scs\/\.\.\/\.\.\/\.\.\/x12": certificateId must be exactly 16/,
    );
  });
});

describe("the endpoint argument", () => {
  it.each(BAD_ENDPOINTS)("%s: check fails naming endpoint", async (_, endpoint, reason) => {
    const result = await ledger.sendsNothing(() =>
      host.check(urn, {}, inputs({ certificateId: VALID_ID, endpoint })),
    );
    expect(result.failures).toEqual([{ property: "endpoint", reason: expect.stringMatching(reason) }]);
    expect(JSON.stringify(result.failures)).not.toContain(URL_PASSWORD);
  });

  it.each(BAD_ENDPOINTS)("%s in a create that skipped check: a clear error", async (_, endpoint, reason) => {
    const error = await ledger.sendsNothing(() =>
      failed(host.create(urn, inputs({ certificateId: VALID_ID, endpoint })), ledger.errors),
    );
    expect(error.message).toMatch(
      new RegExp(`Invalid ScmExportedCertificate inputs: endpoint ${reason.source}`),
    );
  });
});

describe("triggers and other arguments", () => {
  it.each(BAD_ARGUMENTS)("%s: check fails naming the property", async (_, props, property) => {
    const result = await ledger.sendsNothing(() =>
      host.check(urn, {}, inputs({ certificateId: VALID_ID, ...props })),
    );
    expect(result.failures.map((f) => f.property)).toEqual([property]);
  });

  it("both certificateId and domain: check fails", async () => {
    const result = await ledger.sendsNothing(() =>
      host.check(urn, {}, inputs({ certificateId: VALID_ID, domain: "shop.example.com" })),
    );
    expect(result.failures).toEqual([
      { property: "domain", reason: "set certificateId or domain, not both" },
    ]);
  });

  it("triggers holding nested values of any JSON type pass check unchanged", async () => {
    const triggers = [{ deep: [1, "two", null, { three: [true] }] }];
    const result = await ledger.sendsNothing(() =>
      host.check(urn, {}, inputs({ certificateId: VALID_ID, triggers })),
    );
    expect(result).toEqual({ inputs: inputs({ certificateId: VALID_ID, triggers }), failures: [] });
  });

  it("triggers holding a value unknown during a preview pass check as they are, and diff reports a change", async () => {
    const news = inputs({ certificateId: VALID_ID, triggers: [{ nested: [UNKNOWN_VALUE] }] });
    const result = await ledger.sendsNothing(() => host.check(urn, {}, news));
    expect(result).toEqual({ inputs: news, failures: [] });
    const olds = inputs({ certificateId: VALID_ID, triggers: [] });
    const diff = await ledger.sendsNothing(() => host.diff(urn, VALID_ID, olds, news));
    expect(diff).toEqual({ changes: "some", replaces: [] });
  });

  it("a trigger of 5 MB passes check (Pulumi's provider server takes messages up to 400 MB)", async () => {
    const news = inputs({ certificateId: VALID_ID, triggers: ["x".repeat(5 * 1024 * 1024)] });
    const result = await ledger.sendsNothing(() => host.check(urn, {}, news));
    expect(result).toEqual({ inputs: news, failures: [] });
  });
});

describe("after every bad argument", () => {
  // Its own emulator, host and ledger: every bad id and endpoint is tried again here, so these
  // checks hold whichever tests ran before them, or none.
  let quiet: ScmEmulator;
  let quietHost: ProviderHost;
  const replay = new BadInputLedger(() => quiet);
  /** What the emulator saw during the replay, before any test here makes a valid call. */
  let seenDuringReplay: unknown[] = [];

  beforeAll(async () => {
    quiet = await startScmEmulator();
    quietHost = await replay.startHost({ HW_AUTH_TOKEN: quiet.token, HW_SCM_ENDPOINT: quiet.url });
    for (const [, id] of BAD_IDS) {
      await replay.sendsNothing(() => quietHost.check(urn, {}, inputs({ certificateId: id })));
      await replay.sendsNothing(() =>
        settle(quietHost.create(urn, inputs({ certificateId: id })), replay.errors),
      );
    }
    for (const [, endpoint] of BAD_ENDPOINTS) {
      await replay.sendsNothing(() =>
        quietHost.check(urn, {}, inputs({ certificateId: VALID_ID, endpoint })),
      );
      await replay.sendsNothing(() =>
        settle(quietHost.create(urn, inputs({ certificateId: VALID_ID, endpoint })), replay.errors),
      );
    }
    seenDuringReplay = [...quiet.requests];
  });

  afterAll(async () => {
    await replay.stop();
    await quiet?.stop();
  });

  it("tried at least 15, and the emulator saw no request at all", () => {
    expect(replay.tried).toBeGreaterThanOrEqual(15);
    expect(seenDuringReplay).toEqual([]);
  });

  it("the host still serves, and no message repeats a credential", async () => {
    expect(quietHost.alive).toBe(true);
    const id = [...quiet.certificates.keys()][0] as string;
    expect((await quietHost.create(urn, inputs({ certificateId: id }))).id).toBe(id);
    expect(replay.errors.length).toBeGreaterThan(5);
    const secrets: NamedSecret[] = [
      ["the token", quiet.token],
      ["the endpoint's password", URL_PASSWORD],
    ];
    expect(secretFindings(secrets, replay.texts())).toEqual([]);
  });
});
