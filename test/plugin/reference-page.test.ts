import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentReferencePage, REFERENCE_PATH, referencePage } from "../../scripts/plugin-reference";

describe("the plugin's reference page", () => {
  it("is the one the schema makes (run `npm run docs:plugin` after editing the schema)", () => {
    expect(readFileSync(REFERENCE_PATH, "utf8")).toBe(currentReferencePage());
  });

  it("names every input, output and config key with its type, secrets marked", () => {
    const page = referencePage({
      name: "pkg",
      description: "",
      config: { variables: { token: { type: "string", secret: true, description: "A token." } } },
      types: {},
      resources: {
        "pkg:index:Thing": {
          description: "A thing.",
          inputProperties: { id: { type: "string", description: "Its id." } },
          properties: { names: { type: "array", items: { type: "string" }, description: "Its names." } },
          required: ["names"],
        },
      },
      functions: {},
    });
    expect(page).toContain("- `id` (string): Its id.");
    expect(page).toContain("- `names` (list of string, always set): Its names.");
    expect(page).toContain("- `token` (string, **secret**): A token.");
  });
});
