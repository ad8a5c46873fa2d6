import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

// The plugin's reference page, made from its schema: every input, output, argument and config key
// with its type, whether it is secret, and its description. The schema is edited; this page is
// written by `npm run docs:plugin` (test/plugin/reference-page.test.ts fails when it is stale).

const repo = resolve(__dirname, "..");
export const SCHEMA_PATH = join(repo, "provider", "plugin", "schema.json");
export const REFERENCE_PATH = join(repo, "docs", "plugin-reference.md");
const WIDTH = 100;

interface Property {
  readonly type?: string;
  readonly $ref?: string;
  readonly items?: Property;
  readonly additionalProperties?: Property;
  readonly description?: string;
  readonly secret?: boolean;
}
interface ObjectSpec {
  readonly description?: string;
  readonly properties?: Record<string, Property>;
  readonly required?: readonly string[];
}
interface EnumSpec {
  readonly description?: string;
  readonly enum?: readonly { name: string; value: string; description?: string }[];
}
interface Schema {
  readonly name: string;
  readonly description: string;
  readonly config: { readonly variables: Record<string, Property> };
  readonly types: Record<string, ObjectSpec & EnumSpec>;
  readonly resources: Record<string, ObjectSpec & { inputProperties: Record<string, Property> }>;
  readonly functions: Record<string, { description?: string; inputs: ObjectSpec; outputs: ObjectSpec }>;
}

/** `text` as lines of at most {@link WIDTH} characters, the later ones indented by `indent`. */
function wrap(text: string, indent = ""): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + word).length + 1 > WIDTH - (lines.length > 0 ? indent.length : 0)) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${indent}`);
}

/** The name a type token is shown by: its last part. */
const shortName = (token: string) => token.split(":").pop() as string;

function typeOf(property: Property): string {
  if (property.$ref === "pulumi.json#/Any") return "any";
  if (property.$ref?.startsWith("#/types/")) {
    const name = shortName(property.$ref.slice("#/types/".length));
    return `[${name}](#${name.toLowerCase()})`;
  }
  if (property.type === "array") return `list of ${typeOf(property.items ?? {})}`;
  if (property.type === "object") return `map of ${typeOf(property.additionalProperties ?? {})}`;
  return property.type ?? "any";
}

/** One property as a list item: name, type, what marks it, description. */
function item(name: string, property: Property, required = false): string {
  const marks = [
    typeOf(property),
    ...(required ? ["always set"] : []),
    ...(property.secret ? ["**secret**"] : []),
  ];
  return `- ${wrap(`\`${name}\` (${marks.join(", ")}): ${property.description ?? ""}`.trim(), "  ")}`;
}

function items(properties: Record<string, Property> = {}, required: readonly string[] = []): string {
  return Object.entries(properties)
    .map(([name, property]) => item(name, property, required.includes(name)))
    .join("\n");
}

/** The reference page for `schema`, in Markdown. */
export function referencePage(schema: Schema): string {
  const sections = [
    "# Provider plugin reference",
    wrap(
      `Generated from the plugin's schema (\`provider/plugin/schema.json\`, or \`pulumi package get-schema ${schema.name}\`) by \`npm run docs:plugin\`. How to install and use the plugin: [the provider plugin](plugin.md).`,
    ),
  ];
  for (const [token, resource] of Object.entries(schema.resources)) {
    sections.push(
      `## Resource \`${shortName(token)}\``,
      wrap(`Type \`${token}\`. ${resource.description ?? ""}`),
      "### Inputs",
      items(resource.inputProperties),
      "### Outputs",
      items(resource.properties, resource.required),
    );
  }
  for (const [token, fn] of Object.entries(schema.functions)) {
    sections.push(
      `## Function \`${shortName(token)}\``,
      wrap(`Token \`${token}\`. ${fn.description ?? ""}`),
      "### Arguments",
      items(fn.inputs.properties, fn.inputs.required),
      "### Result",
      items(fn.outputs.properties, fn.outputs.required),
    );
  }
  sections.push(
    "## Provider configuration",
    wrap(
      `Stack config in the \`${schema.name}\` namespace (\`pulumi config set ${schema.name}:<key>\`, with \`--secret\` for a secret), or the same keys on an explicit provider; each has an environment variable too.`,
    ),
    items(schema.config.variables),
    "## Types",
  );
  for (const [token, type] of Object.entries(schema.types)) {
    sections.push(`### ${shortName(token)}`, wrap(type.description ?? ""));
    if (type.enum) {
      sections.push(
        type.enum.map((e) => `- ${wrap(`\`${e.value}\`: ${e.description ?? ""}`.trim(), "  ")}`).join("\n"),
      );
    } else sections.push(items(type.properties, type.required));
  }
  return `${sections.join("\n\n")}\n`;
}

/** The page as the schema in the sources makes it. */
export function currentReferencePage(): string {
  return referencePage(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Schema);
}

if (require.main === module) {
  writeFileSync(REFERENCE_PATH, currentReferencePage());
  process.stdout.write(`${REFERENCE_PATH}\n`);
}
