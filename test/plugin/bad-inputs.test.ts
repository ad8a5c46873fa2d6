import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import type { PluginHost } from "../../harness/plugin-host";
import { pluginUrnOf } from "../../harness/plugin-host";
import { UNKNOWN_VALUE } from "../../provider/constants";
import {
  BAD_ARGUMENTS,
  BAD_ENDPOINTS,
  BAD_IDS,
  BadInputLedger,
  URL_PASSWORD,
} from "../reliability/bad-input-fixtures";
import { failed, settle } from "../support/host-harness";
import { type NamedSecret, secretFindings } from "../support/secret-scan";
import { PluginHosts } from "./plugin-fixture";

/**
 * The resource's arguments through the provider plugin, as through the dynamic provider
 * (test/reliability/bad-inputs.test.ts): each invalid one is a `check` failure naming the property,
 * or a clear error from a call that skipped `check`; none sends a request.
 */

const urn = pluginUrnOf("bad");
const VALID_ID = "scs1627959834994";

let emulator: ScmEmulator;
let host: PluginHost;
const hosts = new PluginHosts();
const ledger = new BadInputLedger(
  () => emulator,
  (env) => hosts.launch(env),
);

beforeAll(async () => {
  emulator = await startScmEmulator();
  host = (await ledger.startHost({
    HW_AUTH_TOKEN: emulator.token,
    HW_SCM_ENDPOINT: emulator.url,
  })) as PluginHost;
});

afterAll(async () => {
  await hosts.stop();
  await emulator?.stop();
});

describe("certificate ids", () => {
  it.each(BAD_IDS)("%s: check fails naming certificateId", async (_, id) => {
    const result = await ledger.sendsNothing(() => host.check(urn, {}, { certificateId: id }));
    expect(result.failures).toEqual([
      { property: "certificateId", reason: expect.stringContaining("exactly 16 characters") },
    ]);
  });

  it("a create that skipped check still refuses the id, naming it", async () => {
    const error = await ledger.sendsNothing(() =>
      failed(host.create(urn, { certificateId: "scs/../../../x12" }), ledger.errors),
    );
    expect(error.message).toBe(
      "create: Invalid ScmExportedCertificate inputs: certificateId must be exactly 16 characters of A-Z, a-z, 0-9, '_' or '-' (SCM ids look like scs1627959834994)",
    );
  });

  it("an update that skipped check still refuses the id, naming it", async () => {
    const error = await ledger.sendsNothing(() =>
      failed(
        host.update(urn, VALID_ID, { certificateId: VALID_ID }, { certificateId: "scs%2F7959834994" }),
        ledger.errors,
      ),
    );
    expect(error.message).toMatch(
      /^update: Invalid ScmExportedCertificate inputs: certificateId must be exactly 16/,
    );
  });

  it("an import of an id with a path in it is a clear error", async () => {
    const error = await ledger.sendsNothing(() =>
      failed(host.readForImport(urn, "scs/../../../x12"), ledger.errors),
    );
    expect(error.message).toMatch(
      /Cannot read ScmExportedCertificate "scs\/\.\.\/\.\.\/\.\.\/x12": certificateId must be exactly 16/,
    );
  });
});

describe("the endpoint argument", () => {
  it.each(BAD_ENDPOINTS)("%s: check fails naming endpoint", async (_, endpoint, reason) => {
    const result = await ledger.sendsNothing(() =>
      host.check(urn, {}, { certificateId: VALID_ID, endpoint }),
    );
    expect(result.failures).toEqual([{ property: "endpoint", reason: expect.stringMatching(reason) }]);
    expect(JSON.stringify(result.failures)).not.toContain(URL_PASSWORD);
  });

  it.each(BAD_ENDPOINTS)("%s in a create that skipped check: a clear error", async (_, endpoint, reason) => {
    const error = await ledger.sendsNothing(() =>
      failed(host.create(urn, { certificateId: VALID_ID, endpoint }), ledger.errors),
    );
    expect(error.message).toMatch(
      new RegExp(`Invalid ScmExportedCertificate inputs: endpoint ${reason.source}`),
    );
  });
});

describe("triggers and other arguments", () => {
  it.each(BAD_ARGUMENTS)("%s: check fails naming the property", async (_, props, property) => {
    const result = await ledger.sendsNothing(() =>
      host.check(urn, {}, { certificateId: VALID_ID, ...props }),
    );
    expect(result.failures.map((f) => f.property)).toEqual([property]);
  });

  it("both certificateId and domain: check fails", async () => {
    const result = await ledger.sendsNothing(() =>
      host.check(urn, {}, { certificateId: VALID_ID, domain: "shop.example.com" }),
    );
    expect(result.failures).toEqual([
      { property: "domain", reason: "set certificateId or domain, not both" },
    ]);
  });

  it("triggers holding a value unknown during a preview pass check as they are, and diff reports a change", async () => {
    const news = { certificateId: VALID_ID, triggers: [{ nested: [UNKNOWN_VALUE] }] };
    const result = await ledger.sendsNothing(() => host.check(urn, {}, news));
    expect(result).toEqual({ inputs: news, failures: [] });
    const olds = { certificateId: VALID_ID, triggers: [] };
    const diff = await ledger.sendsNothing(() => host.diffInDetail(urn, VALID_ID, olds, olds, news));
    expect(diff).toEqual({ changes: "some", replaces: [], detailed: { triggers: "UPDATE" } });
  });

  it("a trigger of 5 MB passes check, as it does through Pulumi's own provider server", async () => {
    const news = { certificateId: VALID_ID, triggers: ["x".repeat(5 * 1024 * 1024)] };
    const result = await ledger.sendsNothing(() => host.check(urn, {}, news));
    expect(result).toEqual({ inputs: news, failures: [] });
  });

  it("getScmCertificates refuses an argument of the wrong type or an unknown one, naming it", async () => {
    const result = await ledger.sendsNothing(() =>
      host.invoke("huaweicloud-scm:index:getScmCertificates", { domain: 5, status: "SHINY", colour: "red" }),
    );
    expect(result.failures.map((f) => f.property).sort()).toEqual(["(input)", "domain", "status"]);
    expect(result.failures.find((f) => f.property === "status")?.reason).toMatch(/must be one of .*ISSUED/);
  });
});

describe("after every bad argument", () => {
  let quiet: ScmEmulator;
  let quietHost: PluginHost;
  const replay = new BadInputLedger(
    () => quiet,
    (env) => hosts.launch(env),
  );
  let seenDuringReplay: unknown[] = [];

  beforeAll(async () => {
    quiet = await startScmEmulator();
    quietHost = (await replay.startHost({
      HW_AUTH_TOKEN: quiet.token,
      HW_SCM_ENDPOINT: quiet.url,
    })) as PluginHost;
    for (const [, id] of BAD_IDS) {
      await replay.sendsNothing(() => quietHost.check(urn, {}, { certificateId: id }));
      await replay.sendsNothing(() => settle(quietHost.create(urn, { certificateId: id }), replay.errors));
    }
    for (const [, endpoint] of BAD_ENDPOINTS) {
      await replay.sendsNothing(() => quietHost.check(urn, {}, { certificateId: VALID_ID, endpoint }));
      await replay.sendsNothing(() =>
        settle(quietHost.create(urn, { certificateId: VALID_ID, endpoint }), replay.errors),
      );
    }
    seenDuringReplay = [...quiet.requests];
  });

  afterAll(async () => {
    await quiet?.stop();
  });

  it("tried at least 15, and the emulator saw no request at all", () => {
    expect(replay.tried).toBeGreaterThanOrEqual(15);
    expect(seenDuringReplay).toEqual([]);
  });

  it("the plugin still serves, and no message repeats a credential", async () => {
    expect(quietHost.alive).toBe(true);
    const id = [...quiet.certificates.keys()][0] as string;
    expect((await quietHost.create(urn, { certificateId: id })).id).toBe(id);
    expect(replay.errors.length).toBeGreaterThan(5);
    const secrets: NamedSecret[] = [
      ["the token", quiet.token],
      ["the endpoint's password", URL_PASSWORD],
    ];
    expect(secretFindings(secrets, replay.texts())).toEqual([]);
  });
});
