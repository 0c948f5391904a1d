// Secrets in the corners of the schema: known by name only, inside an object's default, or an enum's values.
// None of them may reach the schema, docs, example, explain or print output.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cfg } from "./_cli.js";

const project = resolve(import.meta.dirname, "../fixtures/cli-secret-edges");

describe("secrets in the corners of a schema", () => {
  it.each([
    ["schema"],
    ["docs"],
    ["example"],
    ["explain", "APP_TIER"],
    ["explain", "APP_DB__PASSWORD", "--format", "json"],
    ["print", "--format", "json"],
    ["print", "--show-origin"],
  ])("cfg %s never shows one", async (...argv) => {
    const result = await cfg(argv, { cwd: project });
    expect(result.stdout).not.toBe("");
    expect(result.stdout + result.stderr).not.toContain("CANARY");
  });

  it("a secret enum is described by its size, and sets print their members", async () => {
    const explain = await cfg(["explain", "APP_TIER"], { cwd: project });
    expect(explain.stdout).toContain("one of 2 values");
    const print = await cfg(["print"], { cwd: project });
    expect(print.stdout).toContain(`APP_SHARDS='["eu","us"]'`);
  });
});
