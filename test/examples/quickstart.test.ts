import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatedCertificate, type ScmEmulator, startScmEmulator } from "../../emulator";
import { certificateOf } from "../emulator/helpers";
import { ProviderHost, urnOf } from "../support/provider-host";
import { type MockRun, registered, repo, runUnderMocks } from "./mock-run";

const DOMAIN = "shop.example.com";
const PROJECT = "scm-quickstart";
const main = /^main:\s*(\S+)\s*$/m.exec(readFileSync(join(repo, "Pulumi.yaml"), "utf8"))?.[1] as string;

let emulator: ScmEmulator;
let held: EmulatedCertificate;
let env: Record<string, string>;

const quickstart = (config: Record<string, string>) =>
  runUnderMocks({ program: main, tsconfig: "tsconfig.json", project: PROJECT, config, env });

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

  it("is a nodejs project whose main is a file, so Pulumi runs it from the root", () => {
    const project = readFileSync(join(repo, "Pulumi.yaml"), "utf8");
    expect(project).toMatch(/^name: scm-quickstart$/m);
    expect(project).toMatch(/^ {2}name: nodejs$/m);
    expect(main).toBe("quickstart/index.ts");
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

  it("compiles with the TypeScript loader `pulumi up` uses: Pulumi's ts-node and this TypeScript", async () => {
    // What @pulumi/pulumi's `cmd/run` does for a TypeScript program, then the program under mocks.
    const script = `
      const { typeScriptRequireStrings } = require("@pulumi/pulumi/tsutils");
      const { tsnodeRequire, typescriptRequire } = typeScriptRequireStrings();
      require(tsnodeRequire).register({ compiler: typescriptRequire, project: "tsconfig.json", skipProject: false, compilerOptions: {} });
      const pulumi = require("@pulumi/pulumi");
      pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "${PROJECT}", "dev", false);
      const program = require(require("node:path").resolve(process.argv[1]));
      process.stdout.write(JSON.stringify({ typescript: require(typescriptRequire).version, exports: Object.keys(program) }));
    `;
    const stdout = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        ["-e", script, main],
        {
          cwd: repo,
          env: { ...process.env, PULUMI_CONFIG: JSON.stringify({ [`${PROJECT}:domain`]: DOMAIN }) },
        },
        (error, out, err) => (error ? fail(new Error(`${error.message}\n${err}`)) : done(out)),
      ),
    );
    const loaded = JSON.parse(stdout) as { typescript: string; exports: string[] };
    expect(loaded.typescript).toMatch(/^6\./);
    expect(loaded.exports).toEqual(
      expect.arrayContaining(["certificate", "certificateChain", "notAfter", "privateKey"]),
    );
  }, 120_000);

  it("works in Pulumi's dynamic-provider host started at the root, as `pulumi up` starts it", async () => {
    const scm = registered(run, "pulumi-nodejs:dynamic:ScmExportedCertificate");
    const host = await ProviderHost.start(repo, env);
    try {
      await host.configure({ [`${PROJECT}:domain`]: DOMAIN });
      const urn = urnOf("certificate");
      const checked = await host.check(urn, {}, { __provider: scm.inputs.__provider, domain: DOMAIN });
      expect(checked.failures).toEqual([]);
      const created = await host.create(urn, checked.inputs);
      expect(created.id).toBe(`domain:${DOMAIN}`);
      expect(created.outputs).toMatchObject({ certificateId: held.id, certificate: held.certificate });
    } finally {
      await host.stop();
    }
  });
});
