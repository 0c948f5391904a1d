// DESIGN.md §3 "Precedence": defaults < config files < .env files < process environment, with provenance.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings } from "../../src/index.js";
import { project } from "../_project.js";

const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({
    winner: z.string().default("from-default"),
    fromDefault: z.string().default("schema default"),
    fromConfig: z.string().optional(),
    fromDotenv: z.string().optional(),
  }),
});

/** One file per layer, each setting APP_WINNER, so the winner shows which layer ranks highest. */
const everyLayer = {
  "config/default.json":
    '{\n  // JSON config accepts comments\n  "winner": "config/default.json",\n  "fromConfig": "yes"\n}\n',
  "config/staging.yaml": "winner: config/staging.yaml\n",
  "config/local.yml": "winner: config/local.yml\n",
  ".env": "APP_WINNER=.env\nAPP_FROM_DOTENV=yes\n",
  ".env.local": "APP_WINNER=.env.local\n",
  ".env.staging": "# staging\nAPP_WINNER=.env.staging\n",
  ".env.staging.local": "\nAPP_WINNER=.env.staging.local\n",
};

function winnerOf(config: object): { origin: string; shadowed: string[] } {
  const winner = describeSettings(config).settings.find((s) => s.path === "winner");
  return { origin: winner?.origin ?? "", shadowed: winner?.shadowed.map((s) => s.origin) ?? [] };
}

describe("precedence", () => {
  it("layers every source in DESIGN.md's order and keeps the shadowed candidates", () => {
    const cwd = project(everyLayer);
    const config = loadSettings(settings, { env: "staging", cwd, processEnv: { APP_WINNER: "process" } });

    expect(config.winner).toBe("process");
    expect(winnerOf(config)).toEqual({
      origin: "process.env",
      shadowed: [
        ".env.staging.local:2",
        ".env.staging:2",
        ".env.local:1",
        ".env:1",
        "config/local.yml:1",
        "config/staging.yaml:1",
        "config/default.json:3",
      ],
    });
    expect(config.fromDefault).toBe("schema default");
    expect(config.fromConfig).toBe("yes");
    expect(config.fromDotenv).toBe("yes");
    const origins = Object.fromEntries(describeSettings(config).settings.map((s) => [s.path, s.origin]));
    expect(origins).toEqual({
      winner: "process.env",
      fromDefault: "default",
      fromConfig: "config/default.json:4",
      fromDotenv: ".env:2",
    });
  });

  it("drops each layer in turn: the next one down wins", () => {
    const cwd = project(everyLayer);
    expect(loadSettings(settings, { env: "staging", cwd, processEnv: {} }).winner).toBe(".env.staging.local");
    const withoutLocals = project({
      ...everyLayer,
      ".env.staging.local": "",
      ".env.local": "",
      "config/local.yml": "{}",
    });
    expect(loadSettings(settings, { env: "staging", cwd: withoutLocals, processEnv: {} }).winner).toBe(
      ".env.staging",
    );
    const configOnly = project({ "config/default.json": everyLayer["config/default.json"] });
    expect(loadSettings(settings, { env: "staging", cwd: configOnly, processEnv: {} }).winner).toBe(
      "config/default.json",
    );
    const nothing = project({});
    expect(loadSettings(settings, { env: "staging", cwd: nothing, processEnv: {} }).winner).toBe(
      "from-default",
    );
  });

  it("lists every file considered and whether it was read", () => {
    const cwd = project({ ".env": "APP_WINNER=x\n", ".env.production": "APP_FROM_DOTENV=p\n" });
    const config = loadSettings(settings, { env: "production", cwd, processEnv: {} });
    const dotenvFiles = describeSettings(config).files.filter((f) => f.kind === "dotenv");
    expect(dotenvFiles).toEqual([
      { file: ".env", kind: "dotenv", status: "loaded" },
      { file: ".env.local", kind: "dotenv", status: "missing" },
      { file: ".env.prod", kind: "dotenv", status: "missing" },
      { file: ".env.production", kind: "dotenv", status: "loaded" },
      { file: ".env.prod.local", kind: "dotenv", status: "missing" },
      { file: ".env.production.local", kind: "dotenv", status: "missing" },
    ]);
  });

  it("merges config files deeply: objects by key, arrays replaced whole", () => {
    const nested = defineSettings({
      schema: z.object({
        db: z.object({ host: z.string(), port: z.number(), replicas: z.array(z.string()) }),
      }),
    });
    const cwd = project({
      "config/default.yaml": "db:\n  host: localhost\n  port: 5432\n  replicas: [a, b, c]\n",
      "config/production.json": '{ "db": { "host": "db.prod", "replicas": ["p1"] } }',
    });
    const config = loadSettings(nested, { env: "production", cwd, processEnv: {} });
    expect(config.db).toEqual({ host: "db.prod", port: 5432, replicas: ["p1"] });
  });

  it("honours YAML merge keys", () => {
    const nested = defineSettings({ schema: z.object({ a: z.object({ x: z.number(), y: z.number() }) }) });
    const cwd = project({ "config/default.yaml": "base: &base\n  x: 1\n  y: 2\na:\n  <<: *base\n  y: 3\n" });
    const result = loadSettings(nested, { cwd, processEnv: {}, onError: "throw", env: "development" });
    expect(result.a).toEqual({ x: 1, y: 3 });
    expect(describeSettings(result).warnings.map((w) => w.envName)).toEqual(["base"]);
  });
});

describe("environments", () => {
  const envSettings = defineSettings({ schema: z.object({ NAME: z.string().meta({ env: "NAME" }) }) });
  const cwd = () =>
    project({
      ".env.development": "NAME=development\n",
      ".env.staging": "NAME=staging\n",
      ".env.prod": "NAME=prod file\n",
      ".env.test": "NAME=test\n",
    });

  it("takes the option first, then CFG_ENV, then NODE_ENV, then development", () => {
    const dir = cwd();
    const load = (env: string | undefined, processEnv: Record<string, string>) =>
      loadSettings(envSettings, { ...(env ? { env } : {}), cwd: dir, processEnv }).NAME;
    expect(load("staging", { CFG_ENV: "test", NODE_ENV: "test" })).toBe("staging");
    expect(load(undefined, { CFG_ENV: "staging", NODE_ENV: "test" })).toBe("staging");
    expect(load(undefined, { NODE_ENV: "test" })).toBe("test");
    expect(load(undefined, {})).toBe("development");
  });

  it("treats short names as aliases, and .env.prod serves production", () => {
    const dir = cwd();
    expect(loadSettings(envSettings, { env: "prod", cwd: dir, processEnv: {} }).NAME).toBe("prod file");
    expect(loadSettings(envSettings, { env: "production", cwd: dir, processEnv: {} }).NAME).toBe("prod file");
    expect(loadSettings(envSettings, { env: "dev", cwd: dir, processEnv: {} }).NAME).toBe("development");
    expect(
      describeSettings(loadSettings(envSettings, { env: "stage", cwd: dir, processEnv: {} })).environment,
    ).toBe("staging");
  });

  it("nextjs convention: .env.local beats .env.<env> and is skipped for test", () => {
    const nextjs = defineSettings({
      envFiles: "nextjs",
      schema: z.object({ NAME: z.string().meta({ env: "NAME" }) }),
    });
    const dir = project({
      ".env.production": "NAME=env file\n",
      ".env.local": "NAME=local\n",
      ".env.test": "NAME=test\n",
    });
    expect(loadSettings(nextjs, { env: "production", cwd: dir, processEnv: {} }).NAME).toBe("local");
    expect(loadSettings(nextjs, { env: "test", cwd: dir, processEnv: {} }).NAME).toBe("test");
    const flow = loadSettings(envSettings, {
      env: "production",
      cwd: project({ ".env.production": "NAME=env file\n", ".env.local": "NAME=local\n" }),
      processEnv: {},
    });
    expect(flow.NAME).toBe("env file");
  });

  it("an explicit list of env files is read in order", () => {
    const explicit = defineSettings({
      envFiles: ["base.env", "override.env"],
      schema: z.object({ NAME: z.string().meta({ env: "NAME" }) }),
    });
    const dir = project({
      "base.env": "NAME=base\n",
      "override.env": "NAME=override\n",
      ".env": "NAME=ignored\n",
    });
    expect(loadSettings(explicit, { cwd: dir, processEnv: {} }).NAME).toBe("override");
  });
});

describe("an env file list given at load time", () => {
  it("replaces the definition's convention (the CLI passes a project config's per-environment files this way)", () => {
    const settings = defineSettings({ prefix: "APP_", schema: z.object({ port: z.number() }) });
    const cwd = project({ ".env": "APP_PORT=1\n", "deploy.env": "APP_PORT=2\n" });
    const config = loadSettings(settings, { cwd, processEnv: {}, envFiles: ["deploy.env"] });
    expect(config.port).toBe(2);
    expect(
      describeSettings(config)
        .files.filter((f) => f.kind === "dotenv")
        .map((f) => f.file),
    ).toEqual(["deploy.env"]);
  });
});
