// DESIGN.md §3 "Empty vs unset".

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings, SettingsError } from "../../src/index.js";
import { project } from "../_project.js";

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof SettingsError) return error.issues;
    throw error;
  }
  throw new Error("expected the load to fail");
}

describe("empty values", () => {
  const settings = defineSettings({
    schema: z.object({
      port: z.coerce.number().default(3000),
      name: z.string(),
      label: z.string().min(1).optional(),
      note: z.string().optional(),
    }),
  });

  it("are unset unless the schema accepts the empty string", () => {
    const cwd = project({ ".env": "PORT=\nNAME=svc\nLABEL=\nNOTE=\n" });
    const config = loadSettings(settings, { cwd, processEnv: {} });
    expect(config).toEqual({ port: 3000, name: "svc", note: "" });
  });

  it("an empty value does not hide a lower layer's value", () => {
    const cwd = project({ ".env": "PORT=8080\nNAME=svc\n" });
    expect(loadSettings(settings, { cwd, processEnv: { PORT: "" } }).port).toBe(8080);
  });

  it("a required key that is empty is reported as empty, with where it was emptied", () => {
    const required = defineSettings({ schema: z.object({ token: z.string().min(1), id: z.string() }) });
    const cwd = project({ ".env": "TOKEN=\n" });
    expect(issuesOf(() => loadSettings(required, { cwd, processEnv: {}, onError: "throw" }))).toEqual([
      expect.objectContaining({ kind: "missing", envName: "ID", message: "is required but not set" }),
      expect.objectContaining({
        kind: "empty",
        envName: "TOKEN",
        origin: ".env:1",
        message: "is set but empty",
      }),
    ]);
  });

  it("a per-key or per-definition policy can change the rule", () => {
    const keep = defineSettings({ emptyIsUnset: false, schema: z.object({ name: z.string().min(1) }) });
    const cwd = project({ ".env": "NAME=\n" });
    expect(issuesOf(() => loadSettings(keep, { cwd, processEnv: {}, onError: "throw" }))).toEqual([
      expect.objectContaining({ kind: "invalid", envName: "NAME", received: '""' }),
    ]);
    const unset = defineSettings({
      schema: z.object({ note: z.string().default("fallback").meta({ emptyIsUnset: true }) }),
    });
    expect(loadSettings(unset, { cwd: project({ ".env": "NOTE=\n" }), processEnv: {} }).note).toBe(
      "fallback",
    );
  });
});
