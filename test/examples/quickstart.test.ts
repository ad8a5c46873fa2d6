import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { certificateOf } from "../emulator/helpers";
import { type MockRun, repo, runUnderMocks } from "./mock-run";

const DOMAIN = "shop.example.com";
const PROJECT = "scm-quickstart";
const main = /^main:\s*(\S+)\s*$/m.exec(readFileSync(join(repo, "Pulumi.yaml"), "utf8"))?.[1] as string;
const program = join(main, "index.ts");

let emulator: ScmEmulator;
let held: EmulatedCertificate;
let env: Record<string, string>;

const quickstart = (config: Record<string, string>) =>
  runUnderMocks({
    program,
    tsconfig: "test/examples/tsconfig.quickstart.json",
    project: PROJECT,
    config,
    env,
  });

beforeAll(async () => {
  emulator = await startScmEmulator();
  held = [...emulator.certificates.values()].find((c) => c.domain === DOMAIN) as EmulatedCertificate;
  env = { HW_SCM_ENDPOINT: emulator.url, HW_AUTH_TOKEN: emulator.token };
});

afterAll(async () => {
  await emulator?.stop();
});

describe("the quick-start project (Pulumi.yaml at the root)", () => {
  let run: MockRun;

  beforeAll(async () => {
    run = await quickstart({ [`${PROJECT}:domain`]: DOMAIN });
  });

  it("is a nodejs project whose program is a folder that installs the package as from npm", () => {
    const project = readFileSync(join(repo, "Pulumi.yaml"), "utf8");
    expect(project).toMatch(/^name: scm-quickstart$/m);
    expect(project).toMatch(/^ {2}name: nodejs$/m);
    expect(main).toBe("quickstart/");
    const manifest = JSON.parse(readFileSync(join(repo, main, "package.json"), "utf8"));
    expect(manifest).toMatchObject({
      main: "index.ts",
      dependencies: { "pulumi-huaweicloud-scm": "file:.." },
    });
    // Packed and copied, not linked: Pulumi serializes a provider from node_modules as a `require`.
    expect(readFileSync(join(repo, main, ".npmrc"), "utf8")).toMatch(/^install-links=true$/m);
  });

  it("allows the install script of Pulumi's SDK's dependency as the repository does, so npm install warns of none", () => {
    const allowed = (folder: string) =>
      JSON.parse(readFileSync(join(repo, folder, "package.json"), "utf8")).allowScripts ?? {};
    expect(allowed(main)).toEqual({ protobufjs: allowed(".").protobufjs });
  });

  it("exports the certificate, the chain and notAfter, and the private key as a secret", () => {
    expect(run.outputs).toMatchObject({
      scmCertificateId: { value: held.id, secret: false },
      certificate: { value: held.certificate, secret: false },
      certificateChain: { value: held.certificateChain, secret: false },
      notAfter: { value: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), secret: false },
      privateKey: { value: held.privateKey, secret: true },
    });
  });

  it("exports one certificate by id from certificateId", async () => {
    const ec = certificateOf(emulator, "ec");
    const byId = await quickstart({ [`${PROJECT}:certificateId`]: ec.id });
    expect(byId.outputs.certificate?.value).toBe(ec.certificate);
  });

  it("stops with the config commands to run when neither or both are set", async () => {
    const failure = await quickstart({}).catch((error: Error) => error);
    expect(String(failure)).toContain("pulumi config set domain shop.example.com");
  });
});
