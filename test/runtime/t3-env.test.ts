// A flat @t3-oss/env-core definition runs the same through createEnv and through cfgkit.
import { createEnv } from "@t3-oss/env-core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings, SettingsError } from "../../src/index.js";
import { project } from "../_project.js";

const definition = {
  server: {
    DATABASE_URL: z.url(),
    PORT: z.coerce.number().int().default(3000),
    OPEN_AI_KEY: z.string().min(1),
  },
  clientPrefix: "PUBLIC_" as const,
  client: { PUBLIC_API_URL: z.url() },
  emptyStringAsUndefined: true,
};

const env = {
  DATABASE_URL: "postgres://u:p@h/d",
  PORT: "8080",
  OPEN_AI_KEY: "sk-test",
  PUBLIC_API_URL: "https://api.example.com",
};

describe("a t3-env definition", () => {
  it("validates to the same values through env-core and through cfgkit", () => {
    const direct = createEnv({ ...definition, runtimeEnv: { ...env } });
    const viaCfgkit = loadSettings(defineSettings(definition), { cwd: project({}), processEnv: env });
    expect({ ...viaCfgkit }).toEqual({ ...direct });
  });

  it("fails on the same problems, which cfgkit reports by name instead of a bare 'Invalid environment variables'", () => {
    const broken = { ...env, PORT: "eighty", PUBLIC_API_URL: "" };
    let directIssues: readonly { readonly path?: readonly unknown[] | undefined }[] = [];
    expect(() =>
      createEnv({
        ...definition,
        runtimeEnv: { ...broken },
        onValidationError: (issues) => {
          directIssues = issues;
          throw new Error("Invalid environment variables");
        },
      }),
    ).toThrow("Invalid environment variables");
    try {
      loadSettings(defineSettings(definition), { cwd: project({}), processEnv: broken, onError: "throw" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      const issues = (error as SettingsError).issues;
      expect(issues.map((i) => i.envName).sort()).toEqual(
        directIssues.map((i) => String(i.path?.[0])).sort(),
      );
      expect(issues).toContainEqual(
        expect.objectContaining({ kind: "invalid", envName: "PORT", received: '"eighty"' }),
      );
    }
  });

  it("gains .env files and provenance by changing one import", () => {
    const cwd = project({
      ".env": "DATABASE_URL=postgres://file/d\nOPEN_AI_KEY=sk-file\n",
      ".env.production": "PORT=9000\n",
    });
    const config = loadSettings(defineSettings(definition), {
      env: "production",
      cwd,
      processEnv: { PUBLIC_API_URL: "https://api.example.com" },
    });
    expect(config.PORT).toBe(9000);
    const origins = Object.fromEntries(describeSettings(config).settings.map((s) => [s.envName, s.origin]));
    expect(origins).toEqual({
      DATABASE_URL: ".env:1",
      PORT: ".env.production:1",
      OPEN_AI_KEY: ".env:2",
      PUBLIC_API_URL: "process.env",
    });
    expect(describeSettings(config).settings.find((s) => s.envName === "OPEN_AI_KEY")?.value).toBe(
      "<secret>",
    );
  });

  it("honours env-core's runtimeEnv above every source", () => {
    const withRuntime = defineSettings({ ...definition, runtimeEnv: { PORT: "7000" } });
    expect(loadSettings(withRuntime, { cwd: project({}), processEnv: env }).PORT).toBe(7000);
  });
});

describe("cfgkit's own options on a flat definition", () => {
  it("emptyIsUnset is read: an empty value falls back to the schema's default instead of reaching env-core", () => {
    const server = { REGION: z.string().default("eu-west-1") };
    const processEnv = { REGION: "" };
    const kept = loadSettings(defineSettings({ server }), { cwd: project({}), processEnv });
    const unset = loadSettings(defineSettings({ server, emptyIsUnset: true }), {
      cwd: project({}),
      processEnv,
    });
    expect(kept.REGION).toBe("");
    expect(unset.REGION).toBe("eu-west-1");
  });
});
