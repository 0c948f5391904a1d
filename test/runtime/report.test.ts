// The failure report: every problem of one load at once, grouped, each with env var, path, origin, expectation.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings, SettingsError, secret } from "../../src/index.js";
import { project } from "../_project.js";

const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({
    http: z.object({ port: z.number().int().min(1024).max(65535) }),
    redis: z.object({
      url: z.string().meta({ description: "redis:// URL of the event stream" }),
      maxLen: z.number().min(1000),
    }),
    webhookSecret: secret(z.string().min(32)),
    region: z.string().min(1),
  }),
});

function failedLoad(files: Record<string, string>, processEnv: Record<string, string> = {}): SettingsError {
  try {
    loadSettings(settings, { env: "staging", cwd: project(files), processEnv, onError: "throw" });
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error("expected the load to fail");
}

describe("the failure report", () => {
  const error = failedLoad(
    {
      "config/default.json": '{ "http": { "port": 8080 }, "redis": { "maxLen": 10 } }\n',
      ".env": "APP_REGION=\nAPP_REDIS__URI=redis://typo\n",
      ".env.staging": "APP_HTTP__PORT=80\nAPP_WEBHOOK_SECRET=too-short-CANARY\nAPP_HTTP__PORT=81\n",
    },
    { APP_REDIS__MAX_LEN: "500" },
  );

  it("is the error's message", () => {
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid settings for environment "staging" (5 errors, 2 warnings):

        Missing:
          ✗ APP_REDIS__URL (redis.url)
              is required but not set; expected a string: redis:// URL of the event stream

        Empty:
          ✗ APP_REGION (region) at .env:1
              is set but empty; expected a string

        Invalid:
          ✗ APP_HTTP__PORT (http.port) at .env.staging:3
              Too small: expected number to be >=1024
              got "81"
          ✗ APP_REDIS__MAX_LEN (redis.maxLen) at process.env
              Too small: expected number to be >=1000
              got "500"
          ✗ APP_WEBHOOK_SECRET (webhookSecret) at .env.staging:2
              has 16 characters, needs at least 32

        Duplicate keys:
          ! .env.staging:3
              APP_HTTP__PORT is set twice with different values (lines 1 and 3); line 3 wins, as in dotenv

        Unknown keys (a typo is often why a required key is missing):
          ! APP_REDIS__URI at .env:2
              is not in the schema
              did you mean APP_REDIS__URL?

        Files read: config/default.json, .env, .env.staging"
    `);
  });

  it("is also structured data", () => {
    expect(error.name).toBe("SettingsError");
    expect(error.exitCode).toBe(78);
    expect(error.environment).toBe("staging");
    expect(error.issues.map((i) => `${i.severity} ${i.kind} ${i.envName}`)).toEqual([
      "error missing APP_REDIS__URL",
      "error empty APP_REGION",
      "error invalid APP_HTTP__PORT",
      "error invalid APP_REDIS__MAX_LEN",
      "error invalid APP_WEBHOOK_SECRET",
      "warning duplicate APP_HTTP__PORT",
      "warning unknown APP_REDIS__URI",
    ]);
  });

  it("never contains a secret or a stack trace", () => {
    expect(error.message).not.toContain("CANARY");
    expect(JSON.stringify(error.issues)).not.toContain("CANARY");
    expect(error.stack).not.toContain("CANARY");
    expect(error.stack).not.toMatch(/^\s+at /m);
  });
});

describe("a missing key of a closed vocabulary", () => {
  it("names the values it may take, before its description", () => {
    const vocabulary = defineSettings({
      prefix: "APP_",
      schema: z.object({
        env: z
          .enum(["development", "staging", "production"])
          .meta({ description: "Deployment environment." }),
        mode: z.literal("strict"),
      }),
    });
    let caught: unknown;
    try {
      loadSettings(vocabulary, { env: "staging", cwd: project({}), processEnv: {}, onError: "throw" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SettingsError);
    const issues = (caught as SettingsError).issues;
    expect(issues.find((issue) => issue.envName === "APP_ENV")?.expected).toBe(
      "one of development, staging, production: Deployment environment.",
    );
    expect(issues.find((issue) => issue.envName === "APP_MODE")?.expected).toBe('one of "strict"');
  });
});

describe("a failed load in an environment with no file of its own", () => {
  const strict = defineSettings({ prefix: "APP_", schema: z.object({ region: z.string() }) });
  const messageOf = (env: string, files: Record<string, string>): string => {
    try {
      loadSettings(strict, { env, cwd: project(files), processEnv: {}, onError: "throw" });
    } catch (error) {
      if (error instanceof SettingsError) return error.message;
      throw error;
    }
    throw new Error("expected the load to fail");
  };

  it("asks whether the environment's name is misspelt", () => {
    expect(messageOf("stagin", { ".env.staging": "APP_REGION=eu\n" })).toContain(
      'Note: environment "stagin" has no file of its own (looked for .env.stagin, .env.stagin.local): is CFG_ENV or NODE_ENV misspelt?',
    );
  });

  it("says nothing of the kind when the environment has its file, or is a standard one", () => {
    expect(messageOf("staging", { ".env.staging": "APP_OTHER=1\n" })).not.toContain("Note:");
    expect(messageOf("production", { ".env": "APP_OTHER=1\n" })).not.toContain("Note:");
  });
});

describe("which files count as an environment's own", () => {
  it("only those its name gives: a shared file that merely contains the name does not", () => {
    // `.env.local` contains "al"; it is every environment's, so environment "al" still read none of its own.
    const message = (() => {
      try {
        loadSettings(defineSettings({ prefix: "APP_", schema: z.object({ region: z.string() }) }), {
          env: "al",
          cwd: project({ ".env.local": "APP_OTHER=1\n" }),
          processEnv: {},
          onError: "throw",
        });
      } catch (error) {
        if (error instanceof SettingsError) return error.message;
      }
      return "";
    })();
    expect(message).toContain(
      'Note: environment "al" has no file of its own (looked for .env.al, .env.al.local)',
    );
  });
});
