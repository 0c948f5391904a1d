// The loaded object: typed, deeply frozen, guarded against printing secrets, with provenance and warnings.
import { inspect } from "node:util";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings, secret } from "../../src/index.js";
import { project } from "../_project.js";

const CANARY = "CANARY-webhook-secret-0123456789abcdef";

const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({
    env: z.enum(["development", "staging", "production"]),
    http: z.object({ port: z.number().int().default(3000), host: z.string().default("0.0.0.0") }),
    webhookSecret: secret(z.string().min(32)),
    databaseUrl: z.string(),
  }),
});

function load() {
  const cwd = project({
    ".env": `APP_ENV=staging\nAPP_WEBHOOK_SECRET=${CANARY}\nAPP_DATABASE_URL=postgres://u:db-password@h/d\nAPP_HTTP__PROT=1\n`,
  });
  return loadSettings(settings, { cwd, processEnv: { APP_HTTP__PORT: "8080" } });
}

describe("the loaded settings", () => {
  it("are typed", () => {
    const config = load();
    expectTypeOf(config.http.port).toEqualTypeOf<number>();
    expectTypeOf(config.env).toEqualTypeOf<"development" | "staging" | "production">();
    expect(() => {
      // @ts-expect-error settings are read-only, in their type as at run time
      config.http = { port: 1, host: "x" };
    }).toThrow(TypeError);
  });

  it("are deeply frozen", () => {
    const config = load();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it("give real values to the code that reads them", () => {
    const config = load();
    expect(config.webhookSecret).toBe(CANARY);
    expect(config.http).toEqual({ port: 8080, host: "0.0.0.0" });
  });

  it("never show a secret through inspect, JSON or string conversion", () => {
    const config = load();
    const renderings = [
      inspect(config, { depth: 10 }),
      inspect(config, { showHidden: true, depth: 10 }),
      JSON.stringify(config),
      String(config),
      `${config}`,
      JSON.stringify(describeSettings(config)),
    ];
    for (const text of renderings) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain("db-password");
    }
    expect(JSON.parse(JSON.stringify(config))).toEqual({
      env: "staging",
      http: { port: 8080, host: "0.0.0.0" },
      webhookSecret: "<secret>",
      databaseUrl: "postgres://u:<secret>@h/d",
    });
  });

  it("describe where every value came from", () => {
    const description = describeSettings(load());
    expect(description.environment).toBe("development");
    expect(description.settings).toEqual([
      {
        path: "env",
        envName: "APP_ENV",
        value: '"staging"',
        redacted: "staging",
        secret: false,
        origin: ".env:1",
        shadowed: [],
      },
      {
        path: "http.port",
        envName: "APP_HTTP__PORT",
        value: "8080",
        redacted: 8080,
        secret: false,
        origin: "process.env",
        shadowed: [],
      },
      {
        path: "http.host",
        envName: "APP_HTTP__HOST",
        value: '"0.0.0.0"',
        redacted: "0.0.0.0",
        secret: false,
        origin: "default",
        shadowed: [],
      },
      {
        path: "webhookSecret",
        envName: "APP_WEBHOOK_SECRET",
        value: "<secret>",
        redacted: "<secret>",
        secret: true,
        origin: ".env:2",
        shadowed: [],
      },
      {
        path: "databaseUrl",
        envName: "APP_DATABASE_URL",
        value: '"postgres://u:<secret>@h/d"',
        redacted: "postgres://u:<secret>@h/d",
        secret: false,
        origin: ".env:3",
        shadowed: [],
      },
    ]);
  });

  it("keep unknown keys under the prefix as warnings, with the nearest known name", () => {
    expect(describeSettings(load()).warnings).toEqual([
      expect.objectContaining({
        kind: "unknown",
        severity: "warning",
        envName: "APP_HTTP__PROT",
        origin: ".env:4",
        suggestion: "APP_HTTP__PORT",
      }),
    ]);
  });

  it("never mutate the process environment they read", () => {
    const processEnv = {
      APP_ENV: "staging",
      APP_WEBHOOK_SECRET: CANARY,
      APP_DATABASE_URL: "x",
      OTHER: "${APP_ENV}",
    };
    const before = { ...processEnv };
    loadSettings(settings, { cwd: project({ ".env": "APP_HTTP__HOST=${OTHER}\n" }), processEnv });
    expect(processEnv).toEqual(before);
  });

  it("reject an object describeSettings did not load", () => {
    expect(() => describeSettings({})).toThrow(/expects the object returned by loadSettings/);
    // What a load is made from stays with the loaded object: a copy of it, or its parts, are not loaded.
    const config = load();
    expect(describeSettings(config).environment).toBe("development");
    expect(() => describeSettings({ ...config })).toThrow(/expects the object returned by loadSettings/);
    expect(() => describeSettings(structuredClone(config))).toThrow(/expects the object returned/);
    for (const notObject of [null, 42, "config"])
      expect(() => describeSettings(notObject as never)).toThrow(/expects the object returned/);
    expect(Reflect.ownKeys(config).filter((key) => typeof key === "symbol")).toEqual([
      Symbol.for("nodejs.util.inspect.custom"),
    ]);
  });
});
