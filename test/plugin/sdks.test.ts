import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { buildSdks, type SdkLanguage } from "../../scripts/build-sdks";
import { describeWithSdkTools } from "./plugin-fixture";

// The Go, Python and .NET SDKs as `npm run build:sdks` makes them from the built schema: each
// names the plugin and its version, marks the schema's secret outputs secret, and is well formed
// as far as this machine can tell (the Go SDK compiles in go-program.test.ts; Python byte-compiles;
// no .NET SDK is installed here to compile C#).

const repo = join(__dirname, "../..");
const RESOURCE = "huaweicloud-scm:index:ScmExportedCertificate";

interface BuiltSchema {
  name: string;
  version: string;
  repository: string;
  language: { go: { importBasePath: string } };
  resources: Record<string, { properties: Record<string, { secret?: boolean }> }>;
}

let out: string;
let sdks: Record<SdkLanguage, string>;
let schema: BuiltSchema;

/** Every file under a folder, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path).map((f) => join(name, f)) : [name];
  });
}

const read = (language: SdkLanguage, file: string) => readFileSync(join(sdks[language], file), "utf8");

/** The names of a generated resource's additional secret outputs, the quoted strings of that list. */
function secretOutputsIn(text: string, listStart: RegExp): string[] {
  const start = text.search(listStart);
  expect(start, `${listStart}`).toBeGreaterThanOrEqual(0);
  const first = text.indexOf('"', start);
  const list = text.slice(first, text.slice(first).search(/[\]}]/) + first);
  return [...list.matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1] as string).sort();
}

describeWithSdkTools("the SDKs made from the plugin's schema", () => {
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "scm-sdks-"));
    schema = JSON.parse(readFileSync(inject("pluginSchema"), "utf8")) as BuiltSchema;
    sdks = await buildSdks({ schema: inject("pluginSchema"), outDir: out, cliDir: inject("pulumiCliDir") });
  }, 900_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const secretOutputs = () =>
    Object.entries(schema.resources[RESOURCE]?.properties ?? {})
      .filter(([, spec]) => spec.secret)
      .map(([name]) => name)
      .sort();
  const plugin = () => ({ resource: true, name: schema.name, version: schema.version });

  it("Go: a module of its own at the schema's import path, naming the plugin's version", () => {
    const { importBasePath } = schema.language.go;
    const goMod = read("go", "go.mod");
    expect(goMod).toMatch(new RegExp(`^module ${dirname(importBasePath)}\\n`));
    expect(goMod).toMatch(/require github\.com\/pulumi\/pulumi\/sdk\/v3 v3\./);
    const root = relative(dirname(importBasePath), importBasePath);
    expect(JSON.parse(read("go", join(root, "pulumi-plugin.json")))).toEqual(plugin());
    const resource = read("go", join(root, "scmExportedCertificate.go"));
    expect(secretOutputsIn(resource, /pulumi\.AdditionalSecretOutputs\(/)).toEqual(secretOutputs());
  });

  it("Python: every file byte-compiles, and the project names the plugin's version", async () => {
    const sources = files(sdks.python).filter((f) => f.endsWith(".py"));
    expect(sources.length).toBeGreaterThan(5);
    // py_compile exits non-zero, naming the file and line, on the first that does not compile.
    await promisify(execFile)("python3", ["-m", "py_compile", ...sources], { cwd: sdks.python });
    expect(read("python", "pyproject.toml")).toContain(`version = "${schema.version}"`);
    expect(read("python", "pyproject.toml")).toContain(`Repository = "${schema.repository}"`);
    expect(JSON.parse(read("python", "pulumi_huaweicloud_scm/pulumi-plugin.json"))).toEqual(plugin());
    const resource = read("python", "pulumi_huaweicloud_scm/scm_exported_certificate.py");
    expect(secretOutputsIn(resource, /additional_secret_outputs=\[/)).toEqual(secretOutputs());
  });

  it(".NET: the project names the package, its version, repository and logo; the resource its type and secrets", () => {
    const project = read("dotnet", "HuaweiCloudScm.Certificates.csproj");
    expect(project).toContain(`<Version>${schema.version}</Version>`);
    expect(project).toContain(`<RepositoryUrl>${schema.repository}</RepositoryUrl>`);
    expect(project).toContain("<PackageIcon>logo.png</PackageIcon>");
    expect(readFileSync(join(sdks.dotnet, "logo.png"))).toEqual(
      readFileSync(join(repo, "assets", "logo.png")),
    );
    expect(JSON.parse(read("dotnet", "pulumi-plugin.json"))).toEqual(plugin());
    const resource = read("dotnet", "ScmExportedCertificate.cs");
    expect(resource).toContain("namespace HuaweiCloudScm.Certificates\n");
    expect(resource).toContain(`[CertificatesResourceType("${RESOURCE}")]`);
    expect(secretOutputsIn(resource, /AdditionalSecretOutputs =/)).toEqual(secretOutputs());
    expect(
      files(sdks.dotnet)
        .filter((f) => f.endsWith(".cs"))
        .sort(),
    ).toEqual(
      [
        "Config/Config.cs",
        "Enums.cs",
        "GetScmCertificates.cs",
        "Outputs/ScmCertificateSummary.cs",
        "Provider.cs",
        "ScmExportedCertificate.cs",
        "Utilities.cs",
      ].sort(),
    );
  });
});
