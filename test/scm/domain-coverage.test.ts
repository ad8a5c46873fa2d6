import { describe, expect, it } from "vitest";
import { certificateCovers, nameCovers, searchZone } from "../../provider/scm/domain-coverage";

describe("nameCovers", () => {
  it.each([
    ["shop.example.com", "shop.example.com", true],
    ["SHOP.example.com", "shop.EXAMPLE.com.", true],
    ["*.example.com", "shop.example.com", true],
    ["*.example.com", "example.com", false],
    ["*.example.com", "a.b.example.com", false],
    ["*.example.com", "shopexample.com", false],
    ["shop.example.com", "www.shop.example.com", false],
    ["*.shop.example.com", "shop.example.com", false],
  ])("%s covers %s: %s", (name, host, covers) => {
    expect(nameCovers(name, host)).toBe(covers);
  });
});

describe("certificateCovers", () => {
  it("looks at the domain and every SAN", () => {
    const cert = { domain: "www.example.org", sans: ["www.example.org", "*.shop.example.com"] };
    expect(certificateCovers(cert, "eu.shop.example.com")).toBe(true);
    expect(certificateCovers(cert, "shop.example.com")).toBe(false);
  });
});

describe("searchZone", () => {
  it("drops the first label so wildcard certificates match too", () => {
    expect(searchZone("shop.example.com")).toBe("example.com");
    expect(searchZone("example.com")).toBe("example.com");
    expect(searchZone("*.example.com")).toBe("example.com");
  });
});
