import { describe, expect, it } from "vitest";
import { ScmInputError } from "../../provider/errors";
import { KNOWN_REGIONS } from "../../provider/settings/regions";
import { resolveScmSettings } from "../../provider/settings/resolve-settings";

const endpointFor = (
  args: { region?: string; endpoint?: string },
  env: Record<string, string> = {},
  config: Record<string, string> = {},
) =>
  resolveScmSettings({ args, config: (key) => config[key], env: { HW_AUTH_TOKEN: "t".repeat(40), ...env } })
    .endpoint;

describe("SCM endpoint from the region", () => {
  it.each([
    [undefined, "https://scm.ap-southeast-1.myhuaweicloud.com"],
    ["ap-southeast-1", "https://scm.ap-southeast-1.myhuaweicloud.com"],
    ["ap-southeast-3", "https://scm.ap-southeast-1.myhuaweicloud.com"],
    ["af-south-1", "https://scm.ap-southeast-1.myhuaweicloud.com"],
    ["sa-brazil-1", "https://scm.ap-southeast-1.myhuaweicloud.com"],
    ["eu-west-0", "https://scm.ap-southeast-1.myhuaweicloud.com"],
    ["cn-north-4", "https://scm.cn-north-4.myhuaweicloud.com"],
    ["cn-east-3", "https://scm.cn-north-4.myhuaweicloud.com"],
    ["cn-southwest-2", "https://scm.cn-north-4.myhuaweicloud.com"],
    ["eu-west-101", "https://scm.eu-west-101.myhuaweicloud.eu"],
    ["my-kualalumpur-1", "https://scm.my-kualalumpur-1.myhuaweicloud.com"],
  ])("%s → %s", (region, endpoint) => {
    expect(endpointFor(region ? { region } : {})).toBe(endpoint);
  });

  it("maps every known region to an https endpoint", () => {
    for (const region of KNOWN_REGIONS)
      expect(endpointFor({ region })).toMatch(/^https:\/\/scm\.[a-z0-9-]+\.myhuaweicloud\.(com|eu)$/);
  });

  it("honours the cloud domain from HW_CLOUD, and huaweicloud:cloud over it", () => {
    expect(endpointFor({ region: "cn-north-4" }, { HW_CLOUD: "example-cloud.com" })).toBe(
      "https://scm.cn-north-4.example-cloud.com",
    );
    expect(endpointFor({ region: "eu-west-101" }, { HW_CLOUD: "myhuaweicloud.com" })).toBe(
      "https://scm.eu-west-101.myhuaweicloud.com",
    );
    expect(endpointFor({}, { HW_CLOUD: "a.example" }, { "huaweicloud:cloud": "b.example" })).toBe(
      "https://scm.ap-southeast-1.b.example",
    );
  });

  it("refuses a cloud that is not a domain name", () => {
    expect(() => endpointFor({}, { HW_CLOUD: "https://evil.example/" })).toThrow(ScmInputError);
  });

  it("refuses an unknown region, listing the valid ones", () => {
    let error: unknown;
    try {
      endpointFor({ region: "mars-north-1" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScmInputError);
    for (const region of KNOWN_REGIONS) expect((error as Error).message).toContain(region);
    expect((error as ScmInputError).failures).toEqual([
      { property: "region", reason: expect.stringContaining("ap-southeast-1") },
    ]);
  });

  it("accepts any region when the endpoint is given explicitly", () => {
    expect(
      endpointFor({ region: "private-region-1" }, { HW_SCM_ENDPOINT: "https://scm.private.example" }),
    ).toBe("https://scm.private.example");
  });
});

describe("explicit endpoints", () => {
  it.each([
    ["https://scm.example.com/", "https://scm.example.com"],
    ["http://127.0.0.1:8443", "http://127.0.0.1:8443"],
    ["  https://scm.example.com/base//  ", "https://scm.example.com/base"],
  ])("%j is used as %j", (endpoint, expected) => {
    expect(endpointFor({ endpoint })).toBe(expected);
  });

  it.each([
    ["https://user:secret-pass@scm.example.com", "must not carry credentials"],
    ["https://scm.example.com/?a=1", "must not have a query or a fragment"],
    ["https://scm.example.com/#top", "must not have a query or a fragment"],
    ["ftp://scm.example.com", "https://"],
    ["scm.example.com", "absolute URL"],
  ])("refuses %j", (endpoint, reason) => {
    let error: unknown;
    try {
      endpointFor({ endpoint });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScmInputError);
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).not.toContain("secret-pass");
    expect((error as ScmInputError).failures[0]?.property).toBe("endpoint");
  });

  it("refuses huaweicloud:endpoints that is not a JSON object", () => {
    expect(() => endpointFor({}, {}, { "huaweicloud:endpoints": "https://scm.example.com" })).toThrow(
      /JSON object/,
    );
    expect(() => endpointFor({}, {}, { "huaweicloud:endpoints": '{"scm": 1}' })).toThrow(/must be a string/);
  });
});
