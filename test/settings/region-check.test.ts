import { afterEach, describe, expect, it } from "vitest";
import { SettingsResolver } from "../../provider/settings/settings-resolver";

const settingVariables = () => Object.keys(process.env).filter((name) => /^(HW|OS)_/.test(name));
const saved = Object.fromEntries(settingVariables().map((name) => [name, process.env[name]]));

let resolver = new SettingsResolver();

/** Only these settings, in stack config and the environment. */
function settings(config: Record<string, string>, env: Record<string, string> = {}) {
  for (const name of settingVariables()) delete process.env[name];
  Object.assign(process.env, env);
  resolver = new SettingsResolver((key) => config[key]);
}

/** The failure `check` reports on `region`, if any. */
function regionFailure(region: string, endpoint: string | undefined) {
  return resolver.failures({ region, endpoint }).find((failure) => failure.property === "region");
}

afterEach(() => {
  settings({}, saved as Record<string, string>);
});

const ENDPOINT = "https://scm.private.example";

describe("regionArgumentFailure: a region SCM has no host for, judged at preview", () => {
  it("passes a known region, and fails an unknown one without an endpoint", () => {
    settings({ "huaweicloud:token": "t".repeat(40) });
    expect(regionFailure("ap-southeast-3", undefined)).toBeUndefined();
    expect(regionFailure("xx-private-1", undefined)?.reason).toMatch(/valid regions: af-north-1/);
  });

  it("passes an unknown region with an endpoint when the credentials need nothing from IAM", () => {
    for (const config of <Record<string, string>[]>[
      { "huaweicloud:token": "t".repeat(40) },
      {
        "huaweicloud:accessKey": "AK",
        "huaweicloud:secretKey": "SK",
        "huaweicloud:domainId": "d".repeat(32),
      },
      {
        "huaweicloud:accessKey": "AK",
        "huaweicloud:secretKey": "SK",
        "huaweicloud:authUrl": `${ENDPOINT}/v3`,
      },
    ]) {
      settings(config);
      expect(regionFailure("xx-private-1", ENDPOINT)).toBeUndefined();
    }
    settings({ "huaweicloud:token": "t".repeat(40) }, { HW_SCM_ENDPOINT: ENDPOINT });
    expect(regionFailure("xx-private-1", undefined)).toBeUndefined();
  });

  it("fails an unknown region, even with an endpoint, when IAM's URL would come from it", () => {
    for (const env of <Record<string, string>[]>[
      { HW_ACCESS_KEY: "AK", HW_SECRET_KEY: "SK" },
      { HW_USER_NAME: "u", HW_USER_PASSWORD: "p", HW_DOMAIN_NAME: "d" },
    ]) {
      settings({}, { ...env, HW_SCM_ENDPOINT: ENDPOINT });
      expect(regionFailure("xx-private-1", undefined)).toEqual({
        property: "region",
        reason: expect.stringMatching(
          /IAM's URL cannot be derived from it: set huaweicloud:authUrl \/ HW_AUTH_URL/,
        ),
      });
    }
  });
});
