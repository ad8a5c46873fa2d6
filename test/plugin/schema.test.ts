import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { argumentsSchema } from "../../provider/plugin/invoke";
import {
  DERIVED_OUTPUTS,
  DERIVED_SECRET_OUTPUTS,
  REGISTERED_OUTPUTS,
  SECRET_INPUTS,
  SECRET_OUTPUTS,
} from "../../provider/resource/outputs";
import { resourceInputsSchema } from "../../provider/resource/resource-inputs";
import { SETTING_SOURCES } from "../../provider/settings/setting-sources";

// The schema is the one description of the resource that SDKs and the reference are made from:
// it must say what the provider does. Each test compares it with the code that does it.

interface PropertySpec {
  type?: string;
  $ref?: string;
  secret?: boolean;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  enum?: { value: string }[];
}
interface Schema {
  name: string;
  version?: string;
  config: { variables: Record<string, PropertySpec> };
  provider: { inputProperties: Record<string, PropertySpec> };
  types: Record<string, PropertySpec & { properties?: Record<string, PropertySpec> }>;
  resources: Record<
    string,
    { inputProperties: Record<string, PropertySpec>; properties: Record<string, PropertySpec> }
  >;
  functions: Record<string, { inputs: { properties: Record<string, PropertySpec> } }>;
  homepage: string;
  repository: string;
  logoUrl: string;
  meta: { supportPack?: boolean };
  language: {
    go: { importBasePath: string; respectSchemaVersion: boolean };
    python: { packageName: string; respectSchemaVersion: boolean };
    csharp: { rootNamespace: string; namespaces: Record<string, string>; respectSchemaVersion: boolean };
  };
}

const repo = join(__dirname, "../..");
const source = JSON.parse(readFileSync(join(repo, "provider/plugin/schema.json"), "utf8")) as Schema;
const resource = source.resources["huaweicloud-scm:index:ScmExportedCertificate"];
const secretNames = (properties: Record<string, PropertySpec>) =>
  Object.entries(properties)
    .filter(([, spec]) => spec.secret)
    .map(([name]) => name)
    .sort();

/** A property's type in the schema, in the words of JSON Schema: enum types by their values. */
function typeOf(spec: PropertySpec): unknown {
  if (spec.$ref === "pulumi.json#/Any") return "any";
  if (spec.$ref?.startsWith("#/types/"))
    return typeOf(source.types[spec.$ref.slice("#/types/".length)] ?? {});
  if (spec.enum) return { enum: spec.enum.map((e) => e.value) };
  if (spec.type === "array") return { array: typeOf(spec.items ?? {}) };
  return spec.type;
}

/** The same for a JSON Schema that zod wrote: any JSON value (`triggers`' items) is "any". */
function zodTypeOf(spec: Record<string, unknown>): unknown {
  if (spec.$ref) return "any";
  if (spec.enum) return { enum: spec.enum };
  if (spec.type === "array") return { array: zodTypeOf(spec.items as Record<string, unknown>) };
  return spec.type;
}

describe("the plugin's schema", () => {
  it("declares every input the resource validates, with the type it validates, but selectedCertificateId, which check sets", () => {
    const zod = z.toJSONSchema(resourceInputsSchema, { io: "input", unrepresentable: "any" }) as {
      properties: Record<string, Record<string, unknown>>;
    };
    const { selectedCertificateId: _, ...validated } = zod.properties;
    expect(Object.keys(resource?.inputProperties ?? {}).sort()).toEqual(Object.keys(validated).sort());
    for (const [name, spec] of Object.entries(validated)) {
      expect(typeOf(resource?.inputProperties[name] ?? {}), name).toEqual(zodTypeOf(spec));
    }
  });

  it("declares every output the resource registers, and those it derives from them", () => {
    expect(Object.keys(resource?.properties ?? {}).sort()).toEqual(
      [...REGISTERED_OUTPUTS, ...DERIVED_OUTPUTS].sort(),
    );
    expect(resource?.properties.subjectAlternativeNames).toMatchObject({
      type: "array",
      items: { type: "string" },
    });
  });

  it("marks secret exactly the inputs and outputs the resource keeps secret", () => {
    expect(secretNames(resource?.inputProperties ?? {})).toEqual([...SECRET_INPUTS].sort());
    const outputs = new Set<string>([...REGISTERED_OUTPUTS, ...DERIVED_OUTPUTS]);
    expect(secretNames(resource?.properties ?? {})).toEqual(
      [...SECRET_OUTPUTS.filter((name) => outputs.has(name)), ...DERIVED_SECRET_OUTPUTS].sort(),
    );
  });

  it("has a config key for every huaweicloud: key the settings read, secret where they are", () => {
    const settings = Object.values(SETTING_SOURCES);
    const keys = settings.map((s) => s.config.replace(/^huaweicloud:/, "")).sort();
    const secrets = settings
      .filter((s) => "secret" in s && s.secret)
      .map((s) => s.config.replace(/^huaweicloud:/, ""))
      .sort();
    expect(Object.keys(source.config.variables).sort()).toEqual(keys);
    expect(secretNames(source.config.variables)).toEqual(secrets);
    // The provider resource takes the same keys, so an explicit provider is configured alike.
    expect(source.provider.inputProperties).toEqual(source.config.variables);
    expect(source.config.variables.endpoints).toMatchObject({
      type: "object",
      additionalProperties: { type: "string" },
    });
  });

  it("declares getScmCertificates with the arguments the plugin accepts", () => {
    const fn = source.functions["huaweicloud-scm:index:getScmCertificates"];
    expect(Object.keys(fn?.inputs.properties ?? {}).sort()).toEqual(
      Object.keys(argumentsSchema.shape).sort(),
    );
  });

  it("names the SDKs, their home and logo after package.json's repository, and pins the plugin's version in each", () => {
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
      name: string;
      homepage: string;
      repository: { url: string };
    };
    const repository = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    const owner = new URL(repository).pathname.slice(1);
    expect(source.repository).toBe(repository);
    expect(source.homepage).toBe(pkg.homepage);
    // A Go module of its own (supportPack writes its go.mod) at a path of the repository.
    expect(source.meta.supportPack).toBe(true);
    expect(source.language.go.importBasePath).toBe(`github.com/${owner}/sdk/go/huaweicloudscm`);
    // The npm package's name, as Python spells a module.
    expect(source.language.python.packageName).toBe(pkg.name.replaceAll("-", "_"));
    expect(source.language.csharp).toMatchObject({
      rootNamespace: "HuaweiCloudScm",
      namespaces: { [source.name]: "Certificates" },
    });
    for (const language of Object.values(source.language)) expect(language.respectSchemaVersion).toBe(true);
    // The logo is this repository's own file, where GitHub serves the default branch's.
    const logo = `https://raw.githubusercontent.com/${owner}/main/`;
    expect(source.logoUrl.startsWith(logo)).toBe(true);
    expect(existsSync(join(repo, source.logoUrl.slice(logo.length)))).toBe(true);
  });

  it("is built with the package's version, for the engine and the SDKs made from it", () => {
    const built = JSON.parse(readFileSync(inject("pluginSchema"), "utf8")) as Schema;
    const { version } = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string };
    expect(built.version).toBe(version);
    expect({ ...built, version: undefined }).toEqual({ ...source, version: undefined });
  });
});
