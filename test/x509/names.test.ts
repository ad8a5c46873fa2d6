import { describe, expect, it } from "vitest";
import { commonName, formatDistinguishedName } from "../../provider/x509/distinguished-name";
import { hostNames } from "../../provider/x509/subject-alt-names";

// Texts in the exact form Node prints them, for values the fixtures' openssl runs cannot produce.

describe("commonName", () => {
  it("takes the CN and undoes RFC 2253 escaping", () => {
    expect(commonName("C=CN\nO=Example\\, Inc.\nCN=a\\+b\\\\c\\0Ad")).toBe("a+b\\c\nd");
  });

  it("takes the last CN, also from a multi-valued name", () => {
    expect(commonName("CN=first\nOU=Web + CN=second")).toBe("second");
  });

  it("is undefined without a CN", () => {
    expect(commonName("C=CN\nO=Example")).toBeUndefined();
  });
});

describe("formatDistinguishedName", () => {
  it("joins the names on one line in the certificate's order, escaping kept", () => {
    expect(formatDistinguishedName("C=US\nO=Let's Encrypt\\, Inc.\nCN=R3")).toBe(
      "C=US, O=Let's Encrypt\\, Inc., CN=R3",
    );
  });
});

describe("hostNames", () => {
  it("reads DNS names and IP addresses without their prefixes, in order", () => {
    expect(hostNames("DNS:a.example, IP Address:10.0.0.1, email:x@example.com, DNS:*.b.example")).toEqual([
      "a.example",
      "10.0.0.1",
      "*.b.example",
    ]);
  });

  it("reads values Node quoted as JSON strings, and skips quoted values of other types", () => {
    // Node writes a comma inside a value as \u002c, so the separator stays unambiguous.
    expect(hostNames('DNS:"odd\\u002c name", DNS:plain.example, URI:"https://x\\u002c y"')).toEqual([
      "odd, name",
      "plain.example",
    ]);
  });

  it("is empty for a certificate without SANs", () => {
    expect(hostNames(undefined)).toEqual([]);
    expect(hostNames("")).toEqual([]);
  });
});
