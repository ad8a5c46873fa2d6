import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { DAY_MS } from "../../provider/constants";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { ScmClient } from "../../provider/scm/scm-client";
import { selectCertificate } from "../../provider/scm/select-certificate";

// Selection by domain against an account of 160 certificates in one zone: more than SCM's paging
// limits let a zone-wide listing return (50 a page, offset at most 100).

const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
let emulator: ScmEmulator;
let client: ScmClient;

beforeAll(async () => {
  emulator = await startScmEmulator({
    certificates: [
      { domain: "site-0.example.com", keyType: "ec", notAfter: inDays(60) },
      // A wildcard that covers site-0 too, expiring later.
      { domain: "*.example.com", keyType: "ec", notAfter: inDays(300) },
      // Only a SAN covers it.
      { domain: "www.example.net", sans: ["www.example.net", "san-only.example.org"], keyType: "ec" },
      ...Array.from({ length: 157 }, (_, i) => ({
        domain: `site-${i + 1}.example.com`,
        keyType: "ec" as const,
      })),
    ],
  });
  client = new ScmClient({ endpoint: emulator.url, credentials: { kind: "token", token: emulator.token } });
});

afterAll(async () => {
  await closeConnectionPools();
  await emulator.stop();
});

const held = (domain: string) => [...emulator.certificates.values()].find((c) => c.domain === domain);
const listings = () => emulator.requests.filter((r) => r.path === "/v3/scm/certificates").map((r) => r.query);

describe("selecting the certificate for a domain in a large account", () => {
  it("takes the certificate named for the domain, with one listing", async () => {
    emulator.resetLog();
    const selected = await selectCertificate(client, { domain: "site-0.example.com" });
    expect(selected.id).toBe(held("site-0.example.com")?.id);
    expect(listings()).toEqual([expect.stringContaining("content=site-0.example.com")]);
  });

  it("prefers the certificate named for the domain to a wildcard that expires later", async () => {
    const selected = await selectCertificate(client, { domain: "site-0.example.com" });
    expect(selected.id).not.toBe(held("*.example.com")?.id);
  });

  it("searches the parent zone's wildcards next, for a name only a wildcard covers", async () => {
    emulator.resetLog();
    const selected = await selectCertificate(client, { domain: "shop.example.com" });
    expect(selected.id).toBe(held("*.example.com")?.id);
    expect(listings()).toEqual([
      expect.stringContaining("content=shop.example.com"),
      expect.stringContaining(`content=${encodeURIComponent("*.example.com")}`),
    ]);
  });

  it("says so when SCM's paging limits hide what might cover the name: another zone's SAN", async () => {
    // Listed newest first, the certificate holding the SAN is past the 150 a listing can reach.
    await expect(selectCertificate(client, { domain: "san-only.example.org" })).rejects.toThrow(
      /SCM's paging limits hid some certificates: set enterpriseProjectId to narrow the search/,
    );
  });
});
