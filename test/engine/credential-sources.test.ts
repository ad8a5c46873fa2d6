import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ProviderHost, urnOf } from "../../harness/provider-host";
import { ECS_SECURITY_KEY_PATH, IAM_SECURITY_TOKENS_PATH } from "../../provider/constants";
import { type HostFixture, startHostFixture } from "../support/host-fixture";

/**
 * Each new place credentials come from, through Pulumi's dynamic-provider host: a create that
 * reaches the emulator, and a `check` (preview) that refuses incomplete settings before anything is sent.
 */

const dir = mkdtempSync(join(tmpdir(), "credential-sources-"));
const fixtures: HostFixture[] = [];
afterAll(async () => {
  await Promise.all(fixtures.map((fixture) => fixture.stop()));
  rmSync(dir, { recursive: true, force: true });
});

/** A host with only these settings: no token (the fixture's default is blanked out). */
async function hostWith(env: Record<string, string>, config: Record<string, string> = {}, emulator = {}) {
  const fixture = await startHostFixture({ env: { HW_AUTH_TOKEN: "", ...env }, config, emulator });
  fixtures.push(fixture);
  return fixture;
}

async function creates(fixture: HostFixture): Promise<void> {
  const certificateId = [...fixture.emulator.certificates.keys()][0] as string;
  const inputs = { __provider: fixture.providerText, certificateId };
  const { failures } = await fixture.host.check(urnOf("source"), {}, inputs);
  expect(failures).toEqual([]);
  const created = await fixture.host.create(urnOf("source"), inputs);
  expect(created.outputs.privateKey).toBe(fixture.emulator.certificates.get(certificateId)?.privateKey);
}

describe("create through the host", () => {
  it("with the default ~/.hcloud/config.json of the host's home", async () => {
    const home = join(dir, "home");
    const fixture = await hostWith({ HOME: home });
    const { accessKey } = fixture.emulator;
    mkdirSync(join(home, ".hcloud"), { recursive: true });
    writeFileSync(
      join(home, ".hcloud", "config.json"),
      JSON.stringify({
        current: "default",
        profiles: [
          {
            name: "default",
            mode: "AKSK",
            accessKeyId: accessKey.accessKey,
            secretAccessKey: accessKey.secretKey,
            domainId: fixture.emulator.domainId,
          },
        ],
      }),
    );
    await creates(fixture);
  });

  it("with an agency assumed by stack config keys", async () => {
    const fixture = await hostWith({ HW_AUTH_URL: "" });
    // The emulator's URL is known once it runs: configure again, as the engine would with new config.
    await fixture.host.configure({
      "huaweicloud:accessKey": fixture.emulator.accessKey.accessKey,
      "huaweicloud:secretKey": fixture.emulator.accessKey.secretKey,
      "huaweicloud:authUrl": `${fixture.emulator.url}/v3`,
      "huaweicloud:assumeRole": JSON.stringify({ agencyName: "scm-reader", domainName: "emulator-account" }),
    });
    await creates(fixture);
    expect(fixture.emulator.requests.filter((r) => r.path === IAM_SECURITY_TOKENS_PATH)).toHaveLength(1);
  });

  it("with the ECS metadata service, no secret stored anywhere", async () => {
    const fixture = await hostWith({}, {}, { ecsMetadata: true, domainId: "f".repeat(32) });
    await fixture.host.stop();
    // A second host, now that the emulator's address is known.
    const host = await ProviderHost.start(inject("programDir"), {
      HW_SCM_ENDPOINT: fixture.emulator.url,
      HW_METADATA_URL: fixture.emulator.url,
      HW_DOMAIN_ID: fixture.emulator.domainId,
    });
    await host.configure();
    try {
      await creates({ ...fixture, host });
      expect(fixture.emulator.requests.filter((r) => r.path === ECS_SECURITY_KEY_PATH)).toHaveLength(1);
    } finally {
      await host.stop();
    }
  });
});

describe("check (preview) refuses incomplete settings before anything is sent", () => {
  it.each<[string, Record<string, string>, Record<string, string>, RegExp]>([
    [
      "an agency without its account",
      { HW_ASSUME_ROLE_AGENCY_NAME: "scm-reader" },
      {},
      /HW_ASSUME_ROLE_DOMAIN_NAME/,
    ],
    [
      "a malformed agency in stack config",
      {},
      { "huaweicloud:assumeRole": '{"agencyName": 1}' },
      /huaweicloud:assumeRole\.agencyName/,
    ],
    [
      "a missing shared config file",
      { HW_SHARED_CONFIG_FILE: join(dir, "absent.json") },
      {},
      /does not exist/,
    ],
    [
      "a missing profile",
      { HW_SHARED_CONFIG_FILE: join(dir, "profiles.json"), HW_PROFILE: "prod" },
      {},
      /has no profile "prod"/,
    ],
    [
      "a line break in a profile's secret key",
      { HW_SHARED_CONFIG_FILE: join(dir, "line-break.json") },
      {},
      /^The profile "default" of .*line-break\.json holds a control character in secretAccessKey/,
    ],
    [
      "a directory for the shared config file",
      { HW_SHARED_CONFIG_FILE: dir },
      {},
      /^The shared config file .* \(from HW_SHARED_CONFIG_FILE\) is a directory; only a regular file is read/,
    ],
  ])("%s", async (_, env, config, reason) => {
    writeFileSync(join(dir, "profiles.json"), JSON.stringify({ current: "a", profiles: [] }));
    writeFileSync(
      join(dir, "line-break.json"),
      JSON.stringify({
        current: "default",
        profiles: [{ name: "default", accessKeyId: "PROFILEACCESSKEY0001", secretAccessKey: "secret\n" }],
      }),
    );
    const fixture = await hostWith(env, config);
    const certificateId = [...fixture.emulator.certificates.keys()][0] as string;
    const { failures } = await fixture.host.check(
      urnOf("check"),
      {},
      { __provider: fixture.providerText, certificateId },
    );
    expect(failures).toEqual([{ property: "credentials", reason: expect.stringMatching(reason) }]);
    expect(fixture.emulator.requests).toEqual([]);
  });
});

describe.skipIf(process.platform === "win32")(
  "a FIFO as the shared config file never blocks the host",
  () => {
    // Before a fix, opening it for reading waited for a writer forever: these calls never returned.
    const fifo = join(dir, "config-fifo.json");
    beforeAll(() => execFileSync("mkfifo", [fifo]));

    it("with a token set, it is not even opened: preview and create work", async () => {
      const fixture = await startHostFixture({ env: { HW_SHARED_CONFIG_FILE: fifo } });
      fixtures.push(fixture);
      await creates(fixture);
    }, 30_000);

    it("without other credentials, preview refuses it, naming the path", async () => {
      const fixture = await hostWith({ HW_SHARED_CONFIG_FILE: fifo });
      const certificateId = [...fixture.emulator.certificates.keys()][0] as string;
      const { failures } = await fixture.host.check(
        urnOf("fifo"),
        {},
        { __provider: fixture.providerText, certificateId },
      );
      expect(failures).toEqual([
        {
          property: "credentials",
          reason: expect.stringContaining(`${fifo} (from HW_SHARED_CONFIG_FILE) is a FIFO`),
        },
      ]);
    }, 30_000);
  },
);
