import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderJsonSchemas } from "../../schemas/_json-schemas.js";

const jsonDir = new URL("../../schemas/json/", import.meta.url);
const REGENERATE = "schemas/json is stale: run `npm run schemas:json`";

describe("schemas/json", () => {
  const rendered = renderJsonSchemas();

  it("has one file per fragment, no more", () => {
    const committed = readdirSync(jsonDir).filter((name) => name.endsWith(".schema.json"));
    expect(committed.sort(), REGENERATE).toEqual(Object.keys(rendered).sort());
  });

  it.each(Object.keys(rendered))("%s is current", (name) => {
    expect(readFileSync(new URL(name, jsonDir), "utf8"), REGENERATE).toBe(rendered[name]);
  });

  it("describes durations for editors as a number of ms or a string with a unit", () => {
    const timeouts = JSON.parse(rendered["timeouts.schema.json"] ?? "{}");
    expect(timeouts.properties.connect).toMatchObject({ default: "5s", description: expect.any(String) });
    expect(timeouts.properties.connect.anyOf).toEqual([
      { type: "number", minimum: 1, maximum: 300_000 },
      { type: "string", pattern: expect.any(String) },
    ]);
  });

  it("gives every field a description", () => {
    for (const [name, content] of Object.entries(rendered)) {
      const { properties } = JSON.parse(content) as { properties: Record<string, { description?: string }> };
      for (const [key, field] of Object.entries(properties)) {
        expect(field.description, `${name}: ${key}`).toBeTruthy();
      }
    }
  });
});
