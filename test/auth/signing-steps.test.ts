import { describe, expect, it } from "vitest";
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  formatSdkDate,
  parseAuthorizationHeader,
  parseSdkDate,
  payloadHash,
  signedHeaderNames,
  signRequest,
} from "../../provider/auth/signing";
import { EMPTY_BODY_SHA256 } from "../../provider/constants";
import { ScmInputError } from "../../provider/errors";

const credentials = { accessKey: "AK0123456789", secretKey: "SK-secret-value-0123456789" };
const request = {
  method: "POST",
  url: new URL("https://scm.ap-southeast-1.myhuaweicloud.com/v3/scm/certificates/scs1627959834994/export"),
  headers: { "Content-Type": "application/json" },
  body: "{}",
};

describe("canonicalUri", () => {
  it.each([
    ["/", "/"],
    ["/v3/scm/certificates/scs1/export", "/v3/scm/certificates/scs1/export/"],
    ["/a b/é", "/a%20b/%C3%A9/"],
    ["/a%20b/%C3%A9", "/a%20b/%C3%A9/"],
    ["/a%2Fb", "/a%2Fb/"],
    ["/it's*(x)!", "/it%27s%2A%28x%29%21/"],
    ["/100%", "/100%25/"],
  ])("%s → %s", (path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });
});

describe("canonicalQuery", () => {
  it("sorts names, then a repeated name's values, and encodes both (Go SDK's canonicalQueryString case)", () => {
    const url = new URL("https://h/p");
    for (const [name, value] of [
      ["limit", "1"],
      ["enable", "true"],
      ["test", "一 (&=?!#%.*)"],
      ["path", "/tmp/123"],
      ["multi", "3"],
      ["multi", "1"],
      ["multi", "2"],
    ] as const) {
      url.searchParams.append(name, value);
    }
    expect(canonicalQuery(url)).toBe(
      "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29",
    );
  });

  it("keeps empty values and is empty without a query", () => {
    expect(canonicalQuery(new URL("https://h/p?b&a="))).toBe("a=&b=");
    expect(canonicalQuery(new URL("https://h/p"))).toBe("");
  });
});

describe("headers", () => {
  it("signs every header but Authorization, lower-case and sorted", () => {
    expect(
      signedHeaderNames({ "X-Sdk-Date": "d", Host: "h", Authorization: "old", "content-TYPE": "c" }),
    ).toEqual(["content-type", "host", "x-sdk-date"]);
  });

  it("trims values and reads an absent signed header as empty", () => {
    expect(canonicalHeaders({ Host: "  h ", "X-A": "a  b" }, ["host", "x-a", "x-b"])).toBe(
      "host:h\nx-a:a  b\nx-b:\n",
    );
  });

  it("refuses two header names that differ only in case", () => {
    expect(() => signedHeaderNames({ "x-a": "1", "X-A": "2" })).toThrow(ScmInputError);
  });
});

describe("payloadHash", () => {
  it("hashes the UTF-8 bytes, and nothing as the empty string", () => {
    expect(payloadHash(undefined)).toBe(EMPTY_BODY_SHA256);
    expect(payloadHash("")).toBe(EMPTY_BODY_SHA256);
    // sha256 of the bytes C3 A9, not of the Latin-1 byte E9.
    expect(payloadHash("é")).toBe("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  });
});

describe("X-Sdk-Date", () => {
  it("formats in UTC to whole seconds and reads back", () => {
    const date = new Date("2019-11-15T03:36:55.987Z");
    expect(formatSdkDate(date)).toBe("20191115T033655Z");
    expect(parseSdkDate("20191115T033655Z")?.toISOString()).toBe("2019-11-15T03:36:55.000Z");
  });

  it.each(["", "20191115T033655", "2019-11-15T03:36:55Z", "20190230T000000Z", "20191115T246000Z"])(
    "refuses %j",
    (value) => {
      expect(parseSdkDate(value)).toBeUndefined();
    },
  );
});

describe("parseAuthorizationHeader", () => {
  it.each([
    "",
    "Bearer x",
    "SDK-HMAC-SHA256 Access=a, SignedHeaders=host",
    "SDK-HMAC-SHA1 Access=a, SignedHeaders=host, Signature=ab",
  ])("refuses %j", (value) => {
    expect(parseAuthorizationHeader(value)).toBeUndefined();
  });
});

describe("signRequest", () => {
  const now = new Date("2024-05-06T07:08:09Z");

  it("signs host from the URL, the date, and the request's own headers", () => {
    const headers = signRequest(request, credentials, now);
    expect(headers["X-Sdk-Date"]).toBe("20240506T070809Z");
    expect(parseAuthorizationHeader(headers.Authorization ?? "")?.signedHeaders).toEqual([
      "content-type",
      "host",
      "x-sdk-date",
    ]);
  });

  it("adds and signs X-Security-Token and X-Domain-Id when the credentials have them", () => {
    const headers = signRequest(
      request,
      { ...credentials, securityToken: "st-value", domainId: "domain-id" },
      now,
    );
    expect(headers["X-Security-Token"]).toBe("st-value");
    expect(headers["X-Domain-Id"]).toBe("domain-id");
    expect(parseAuthorizationHeader(headers.Authorization ?? "")?.signedHeaders).toEqual([
      "content-type",
      "host",
      "x-domain-id",
      "x-sdk-date",
      "x-security-token",
    ]);
  });

  it("signs again over the headers of an earlier signing as if they were not there", () => {
    const first = signRequest(
      request,
      { ...credentials, securityToken: "st-value" },
      new Date("2020-01-01T00:00:00Z"),
    );
    const again = signRequest(
      { ...request, headers: { ...request.headers, ...first, authorization: "stale" } },
      { ...credentials, securityToken: "st-value" },
      now,
    );
    expect(again).toEqual(signRequest(request, { ...credentials, securityToken: "st-value" }, now));
  });

  it("changes the signature with the secret key, the body and the time", () => {
    const base = signRequest(request, credentials, now).Authorization;
    expect(signRequest(request, { ...credentials, secretKey: "other" }, now).Authorization).not.toBe(base);
    expect(signRequest({ ...request, body: '{"a":1}' }, credentials, now).Authorization).not.toBe(base);
    expect(signRequest(request, credentials, new Date(now.getTime() + 1000)).Authorization).not.toBe(base);
  });
});
