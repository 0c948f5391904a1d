// DESIGN.md §3 "Env names", JSON values for object/array fields, typed conversion and expansion.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings } from "../../src/index.js";
import { project } from "../_project.js";

describe("env names", () => {
  const settings = defineSettings({
    prefix: "APP_",
    schema: z.object({
      redis: z.object({ url: z.string(), maxLen: z.number() }),
      requestTimeoutMs: z.number(),
      http2Port: z.number(),
      databaseUrl: z.string().meta({ env: "DATABASE_URL" }),
    }),
  });

  it("is prefix + UPPER_SNAKE path segments joined by the delimiter; metadata may name a var outright", () => {
    const config = loadSettings(settings, {
      cwd: project({}),
      processEnv: {
        APP_REDIS__URL: "redis://r",
        APP_REDIS__MAX_LEN: "5000",
        APP_REQUEST_TIMEOUT_MS: "250",
        APP_HTTP2_PORT: "8443",
        DATABASE_URL: "postgres://db",
      },
    });
    expect(config).toEqual({
      redis: { url: "redis://r", maxLen: 5000 },
      requestTimeoutMs: 250,
      http2Port: 8443,
      databaseUrl: "postgres://db",
    });
    expect(describeSettings(config).settings.map((s) => s.envName)).toEqual([
      "APP_REDIS__URL",
      "APP_REDIS__MAX_LEN",
      "APP_REQUEST_TIMEOUT_MS",
      "APP_HTTP2_PORT",
      "DATABASE_URL",
    ]);
  });

  it("uses a custom delimiter", () => {
    const dotted = defineSettings({
      prefix: "SVC_",
      delimiter: "_",
      schema: z.object({ db: z.object({ host: z.string() }) }),
    });
    expect(loadSettings(dotted, { cwd: project({}), processEnv: { SVC_DB_HOST: "h" } }).db.host).toBe("h");
  });
});

describe("typed values from text", () => {
  const settings = defineSettings({
    schema: z.object({
      port: z.number().int(),
      debug: z.boolean(),
      ratio: z.coerce.number(),
      tags: z.array(z.string()),
      limits: z.record(z.string(), z.number()),
      flag: z.stringbool(),
    }),
  });

  it("converts numbers, booleans and JSON for plain schemas; leaves coercing schemas their own text", () => {
    const config = loadSettings(settings, {
      cwd: project({}),
      processEnv: {
        PORT: "8080",
        DEBUG: "yes",
        RATIO: " 0.5 ",
        TAGS: '["a","b"]',
        LIMITS: '{"x":1}',
        FLAG: "off",
      },
    });
    expect(config).toEqual({
      port: 8080,
      debug: true,
      ratio: 0.5,
      tags: ["a", "b"],
      limits: { x: 1 },
      flag: false,
    });
  });

  it("reports text that does not convert in the schema's own words, with its origin", () => {
    const cwd = project({ ".env": "PORT=eighty\nDEBUG=maybe\nTAGS=a,b\n" });
    expect(() =>
      loadSettings(settings, { cwd, processEnv: { RATIO: "1", LIMITS: "{}", FLAG: "1" }, onError: "throw" }),
    ).toThrowError(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            envName: "TAGS",
            origin: ".env:3",
            message: "expected JSON (an array or object)",
          }),
          expect.objectContaining({ envName: "PORT", origin: ".env:1", received: '"eighty"' }),
          expect.objectContaining({ envName: "DEBUG", origin: ".env:2", received: '"maybe"' }),
        ],
      }),
    );
  });
});

describe("objects given whole as JSON", () => {
  const settings = defineSettings({
    prefix: "APP_",
    schema: z.object({ redis: z.object({ url: z.string(), maxLen: z.number().default(1000) }) }),
  });

  it("spreads a JSON object var over the object's leaves", () => {
    const config = loadSettings(settings, {
      cwd: project({}),
      processEnv: { APP_REDIS: '{"url":"redis://j","maxLen":2000}' },
    });
    expect(config.redis).toEqual({ url: "redis://j", maxLen: 2000 });
  });

  it("a nested var beats the JSON one on the same leaf", () => {
    const config = loadSettings(settings, {
      cwd: project({}),
      processEnv: { APP_REDIS: '{"url":"redis://j","maxLen":2000}', APP_REDIS__MAX_LEN: "3000" },
    });
    expect(config.redis).toEqual({ url: "redis://j", maxLen: 3000 });
    const maxLen = describeSettings(config).settings.find((s) => s.path === "redis.maxLen");
    expect(maxLen?.shadowed).toEqual([{ origin: "process.env", value: "2000" }]);
  });

  it("reports a JSON var that is not an object", () => {
    expect(() =>
      loadSettings(settings, {
        cwd: project({ ".env": "APP_REDIS=[1,2]\n" }),
        processEnv: {},
        onError: "throw",
      }),
    ).toThrow(/APP_REDIS must be a JSON object with the fields of "redis"/);
  });
});

describe("expansion", () => {
  const settings = defineSettings({
    prefix: "APP_",
    schema: z.object({ url: z.string(), home: z.string(), literal: z.string(), command: z.string() }),
  });

  it("expands ${VAR} across all .env files and the process environment; never runs $(command)", () => {
    const cwd = project({
      ".env": "APP_HOST=db.internal\nAPP_LITERAL=pa\\$\\$word\nAPP_COMMAND=$(echo hacked)\n",
      ".env.staging": "APP_URL=postgres://${APP_HOST}:${APP_PORT:-5432}/app\nAPP_HOME=${HOME}/data\n",
    });
    const config = loadSettings(settings, { env: "staging", cwd, processEnv: { HOME: "/home/svc" } });
    expect(config).toEqual({
      url: "postgres://db.internal:5432/app",
      home: "/home/svc/data",
      literal: "pa$$word",
      command: "$(echo hacked)",
    });
  });
});
