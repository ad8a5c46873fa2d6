import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScmEmulator, startScmEmulator } from "../../emulator";
import { DAY_MS } from "../../provider/constants";
import { closeConnectionPools } from "../../provider/http/connection-pool";
import { getScmCertificates } from "../../provider/resource/get-scm-certificates";

let emulator: ScmEmulator;
const saved = { ...process.env };

beforeAll(async () => {
  emulator = await startScmEmulator({
    certificates: [
      { domain: "shop.example.com", notAfter: new Date(Date.now() + 90 * DAY_MS) },
      { domain: "*.example.com", sans: ["*.example.com", "example.com"], keyType: "ec" },
      { domain: "api.example.org", status: "CHECKING" },
      {
        domain: "shop.example.com",
        status: "REVOKED",
        enterpriseProjectId: "2b0c3e52-7a1e-4c7f-9d7f-1f9a6c1a2b3c",
      },
    ],
  });
  // A program finds credentials as the provider does; here, from the environment.
  process.env.HW_AUTH_TOKEN = emulator.token;
  process.env.HW_SCM_ENDPOINT = emulator.url;
});

afterAll(async () => {
  process.env = saved;
  await closeConnectionPools();
  await emulator.stop();
});

describe("getScmCertificates", () => {
  it("lists every certificate with the fields a program chooses by", async () => {
    const all = await getScmCertificates();
    expect(all).toHaveLength(4);
    const shop = all.find((c) => c.domain === "shop.example.com" && c.status === "ISSUED");
    const held = [...emulator.certificates.values()].find((c) => c.id === shop?.id);
    expect(shop).toEqual({
      id: held?.id,
      name: held?.name,
      domain: "shop.example.com",
      sans: ["shop.example.com"],
      status: "ISSUED",
      expireTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      type: held?.type,
      brand: held?.brand,
    });
    expect(Date.parse(shop?.expireTime as string)).toBeCloseTo(held?.notAfter.getTime() as number, -4);
  });

  it("filters by the domain a certificate covers, wildcards included", async () => {
    const covering = await getScmCertificates({ domain: "shop.example.com" });
    expect(covering.map((c) => c.domain).sort()).toEqual([
      "*.example.com",
      "shop.example.com",
      "shop.example.com",
    ]);
    expect((await getScmCertificates({ domain: "example.com" })).map((c) => c.domain)).toEqual([
      "*.example.com",
    ]);
  });

  it("filters by status and enterprise project in SCM itself", async () => {
    emulator.resetLog();
    const checking = await getScmCertificates({ status: "CHECKING" });
    expect(checking.map((c) => c.domain)).toEqual(["api.example.org"]);
    const project = await getScmCertificates({ enterpriseProjectId: "2b0c3e52-7a1e-4c7f-9d7f-1f9a6c1a2b3c" });
    expect(project.map((c) => c.status)).toEqual(["REVOKED"]);
    expect(emulator.requests.map((r) => r.query)).toEqual([
      expect.stringContaining("status=CHECKING"),
      expect.stringContaining("enterprise_project_id=2b0c3e52"),
    ]);
  });
});
