/** `__proto__`, `constructor` and `prototype` as keys: never pollute Object.prototype, reported as unknown. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings } from "../../src/index.js";
import { fixture, tempProject } from "./_helpers.js";

let prototypeKeys: string[];
beforeEach(() => {
  prototypeKeys = Reflect.ownKeys(Object.prototype).map(String).sort();
});
afterEach(() => {
  // Whatever a test did, Object.prototype has exactly the keys it had before, and no "polluted".
  expect(Reflect.ownKeys(Object.prototype).map(String).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
});

function unknownKeys(config: object): string[] {
  return describeSettings(config)
    .warnings.filter((warning) => warning.kind === "unknown")
    .map((warning) => warning.envName ?? "")
    .sort();
}

describe("in a .env file (no prefix, so every key in the file is judged)", () => {
  const settings = defineSettings({ configDir: false, schema: z.object({ port: z.number() }) });

  it("loads, leaves Object.prototype clean, and the result has no stray properties", () => {
    const config = loadSettings(settings, {
      cwd: fixture("proto-keys-env"),
      processEnv: {},
      onError: "throw",
    });
    expect(config.port).toBe(8080);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.keys(config)).toEqual(["port"]);
    expect(unknownKeys(config)).toEqual(expect.arrayContaining(["constructor", "prototype"]));
  });

  it("reports __proto__, which dotenv itself drops, as a key that cannot be used", () => {
    const config = loadSettings(settings, {
      cwd: fixture("proto-keys-env"),
      processEnv: {},
      onError: "throw",
    });
    expect(describeSettings(config).warnings).toContainEqual(
      expect.objectContaining({
        kind: "source",
        severity: "warning",
        envName: "__proto__",
        file: ".env",
        message: "__proto__ cannot be used as a key: dotenv ignores it",
      }),
    );
  });
});

describe("in process.env (an object with an own __proto__ key, as JSON.parse makes)", () => {
  it("loads and leaves Object.prototype clean", () => {
    const processEnv = JSON.parse('{"APP_PORT":"8080","__proto__":{"polluted":"yes"},"APP___proto__":"x"}');
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      envFiles: [],
      schema: z.object({ port: z.number() }),
    });
    const config = loadSettings(settings, { cwd: fixture("proto-keys-env"), processEnv, onError: "throw" });
    expect(config.port).toBe(8080);
    expect(unknownKeys(config)).toEqual(["APP___proto__"]);
  });
});

describe.each([
  ["config/default.json", "proto-keys-json"],
  ["config/default.yaml", "proto-keys-yaml"],
])("in %s", (file, project) => {
  const settings = defineSettings({
    prefix: "APP_",
    envFiles: [],
    schema: z.object({ port: z.number(), server: z.object({ host: z.string() }) }),
  });

  it("loads, leaves Object.prototype clean, and reports each as an unknown key with its line", () => {
    const config = loadSettings(settings, { cwd: fixture(project), processEnv: {}, onError: "throw" });
    expect(config.port).toBe(8080);
    expect(config.server.host).toBe("localhost");
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(config.server)).toBe(Object.prototype);
    expect((config as Record<string, unknown>).polluted).toBeUndefined();
    expect((config.server as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(config).sort()).toEqual(["port", "server"]);

    expect(unknownKeys(config)).toEqual(["__proto__", "constructor", "prototype", "server.__proto__"]);
    const warnings = describeSettings(config).warnings;
    expect(warnings.find((w) => w.envName === "__proto__")).toMatchObject({ file, line: expect.any(Number) });
  });

  it("as a failing load, names them in the report", () => {
    const strict = defineSettings({
      prefix: "APP_",
      envFiles: [],
      schema: z.object({ port: z.number(), region: z.string(), server: z.object({ host: z.string() }) }),
    });
    expect(() => loadSettings(strict, { cwd: fixture(project), processEnv: {}, onError: "throw" })).toThrow(
      /Unknown keys[\s\S]*__proto__[\s\S]*constructor[\s\S]*prototype[\s\S]*server\.__proto__/,
    );
  });
});

describe("inside a value the schema takes whole (a record)", () => {
  it.each([
    ["JSON", "config/default.json", '{ "labels": { "__proto__": { "polluted": "yes" }, "team": "core" } }'],
    ["YAML", "config/default.yaml", 'labels:\n  __proto__:\n    polluted: "yes"\n  team: core\n'],
  ])("in %s does not pollute and does not change the record's prototype", (_, file, text) => {
    const cwd = tempProject({ [file]: text });
    const settings = defineSettings({
      envFiles: [],
      schema: z.object({ labels: z.record(z.string(), z.unknown()) }),
    });
    const config = loadSettings(settings, { cwd, processEnv: {}, onError: "throw" });
    expect(config.labels.team).toBe("core");
    expect(Object.getPrototypeOf(config.labels)).toBe(Object.prototype);
    expect((config.labels as Record<string, unknown>).polluted).toBeUndefined();
  });
});
