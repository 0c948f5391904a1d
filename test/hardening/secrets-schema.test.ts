// Secrecy wherever the schema puts it (issue 8, items 3, 8, 9): a secret node hides every leaf below it, in
// describeSettings, util.inspect, JSON.stringify, String, console.log and the fingerprint; keys named like
// Object.prototype members work; resolveSettings() results redact; values derived from secrets are secret.
import { format, inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  defineSettings,
  describeSettings,
  fingerprint,
  loadSettings,
  resolveSettings,
  secret,
} from "../../src/index.js";
import { project } from "../_project.js";
import { expectNoCanary, randomCanary } from "./_canary.js";

const canary = randomCanary();
const other = randomCanary();

const settings = defineSettings({
  prefix: "APP_",
  configDir: false,
  schema: z.object({
    name: z.string(),
    creds: secret(z.object({ user: z.string(), pass: z.string(), deep: z.object({ pin: z.string() }) })),
    keys: z.array(secret(z.string())),
    vault: z.record(z.string(), secret(z.string())),
    either: z.union([secret(z.string().startsWith("CANARY")), z.number()]),
    maybe: secret(z.string()).optional(),
    fallback: secret(z.string()).default(other),
    piped: z.string().pipe(secret(z.string().min(3))),
    later: z.lazy(() => secret(z.string())),
    tuple: z.tuple([z.string(), secret(z.string())]),
  }),
});

const env = {
  APP_NAME: "orders",
  APP_CREDS__USER: `user-${canary}`,
  APP_CREDS__PASS: canary,
  APP_CREDS__DEEP__PIN: `pin-${canary}`,
  APP_KEYS: JSON.stringify([canary, `${canary}-2`]),
  APP_VAULT: JSON.stringify({ a: canary }),
  APP_EITHER: canary,
  APP_MAYBE: canary,
  APP_PIPED: canary,
  APP_LATER: canary,
  APP_TUPLE: JSON.stringify(["plain", canary]),
};

function everyView(config: object): Record<string, string> {
  return {
    inspect: inspect(config, { depth: 10 }),
    "inspect showHidden": inspect(config, { depth: 10, showHidden: false }),
    "JSON.stringify": JSON.stringify(config),
    String: String(config),
    "console.log": format("%o %s %j", config, config, config),
    describeSettings: JSON.stringify(describeSettings(config)),
    fingerprint: JSON.stringify(fingerprint(config)),
  };
}

describe("a secret node hides every leaf below it", () => {
  it("objects, arrays, records, unions, optional, default, pipe, lazy, tuple", () => {
    const config = loadSettings(settings, { processEnv: env, cwd: project({}), onError: "throw" });
    // The values are all there for the service itself...
    expect(config.creds.pass).toBe(canary);
    expect(config.keys[0]).toBe(canary);
    expect(config.fallback).toBe(other);
    // ...and nowhere in what can be printed.
    expectNoCanary([canary, other], everyView(config));
    const described = describeSettings(config).settings;
    expect(described.filter((s) => !s.secret).map((s) => s.path)).toEqual(["name"]);
    expect(described.find((s) => s.path === "creds.deep.pin")?.value).toBe("<secret>");
    // Without a fingerprint key, secrets enter the fingerprint only as present.
    const keys = fingerprint(config).keys.filter((k) => k.path !== "name");
    expect(keys.every((k) => k.fingerprint === "present" && k.secret)).toBe(true);
  });

  it("a nested object under a secret one is guarded too: inspect and JSON of config.creds", () => {
    const config = loadSettings(settings, { processEnv: env, cwd: project({}), onError: "throw" });
    expectNoCanary([canary], {
      inspect: inspect(config.creds),
      json: JSON.stringify(config.creds),
      deep: JSON.stringify(config.creds.deep),
    });
    expect(JSON.parse(JSON.stringify(config.creds))).toEqual({
      user: "<secret>",
      pass: "<secret>",
      deep: { pin: "<secret>" },
    });
  });

  it("an invalid secret object reports what was wrong without the value", () => {
    const bad = { ...env, APP_CREDS__DEEP__PIN: undefined, APP_TUPLE: JSON.stringify(["plain", 42]) };
    expect(() => loadSettings(settings, { processEnv: bad, cwd: project({}), onError: "throw" })).toThrow(
      /APP_CREDS__DEEP__PIN/,
    );
    const resolved = resolveSettings(settings, { processEnv: bad, cwd: project({}) });
    expectNoCanary([canary], { issues: JSON.stringify(resolved.issues) });
  });
});

describe("resolveSettings() results never show raw secrets", () => {
  it("under util.inspect and JSON.stringify, of the result and of its parts", () => {
    const resolved = resolveSettings(settings, { processEnv: env, cwd: project({}) });
    expect(resolved.data).toBeDefined();
    expectNoCanary([canary, other], {
      inspect: inspect(resolved, { depth: 20 }),
      json: JSON.stringify(resolved),
      resolution: inspect(resolved.resolution, { depth: 20 }),
      layers: JSON.stringify(resolved.layers),
      data: inspect(resolved.data, { depth: 20 }),
      "data json": JSON.stringify(resolved.data),
    });
    // The parts still work as data for code that reads them.
    expect(resolved.resolution.leaves.length).toBeGreaterThan(5);
    expect(JSON.parse(JSON.stringify(resolved)).settings[0]).toMatchObject({ path: "name" });
  });
});

describe("a value derived from a secret is a secret", () => {
  const plain = defineSettings({
    prefix: "APP_",
    configDir: false,
    schema: z.object({
      pem: secret(z.string()),
      note: z.string(),
      chain: z.string(),
      extra: z.record(z.string(), z.unknown()).optional(),
    }),
  });

  it("APP_NOTE=${APP_PEM} (and a chain through it) is redacted everywhere, fingerprinted as a secret", () => {
    const cwd = project({
      ".env": `APP_PEM=${canary}\nAPP_NOTE=\${APP_PEM}\nAPP_CHAIN=see:\${APP_NOTE:-none}\nAPP_EXTRA={"a":1}\n`,
    });
    const config = loadSettings(plain, { processEnv: {}, cwd, onError: "throw" });
    expect(config.note).toBe(canary);
    expect(config.chain).toBe(`see:${canary}`);
    expectNoCanary([canary], everyView(config));
    const byPath = new Map(describeSettings(config).settings.map((s) => [s.path, s]));
    expect(byPath.get("note")).toMatchObject({ secret: true, value: "<secret>" });
    expect(byPath.get("chain")).toMatchObject({ secret: true, value: "<secret>" });
    expect(byPath.get("extra")).toMatchObject({ secret: false });
  });

  it("a reference to a secret-looking process variable counts too", () => {
    const cwd = project({ ".env": "APP_PEM=x\nAPP_NOTE=pw=${DB_PASSWORD}\nAPP_CHAIN=c\n" });
    const config = loadSettings(plain, { processEnv: { DB_PASSWORD: canary }, cwd, onError: "throw" });
    expect(config.note).toBe(`pw=${canary}`);
    expectNoCanary([canary], everyView(config));
  });

  it("secret-looking names inside a JSON-typed value are masked, and the value fingerprints by HMAC only", () => {
    const json = JSON.stringify({ host: "h", password: canary, nested: [{ apiKey: canary, token: canary }] });
    const processEnv = { APP_PEM: "x", APP_NOTE: "n", APP_CHAIN: "c", APP_EXTRA: json };
    const config = loadSettings(plain, { processEnv, cwd: project({}), onError: "throw" });
    expectNoCanary([canary], everyView(config));
    expect(describeSettings(config).settings.find((s) => s.path === "extra")?.redacted).toEqual({
      host: "h",
      password: "<secret>",
      nested: [{ apiKey: "<secret>", token: "<secret>" }],
    });
    // Two values that differ only in the masked password: same unkeyed digest (nothing to test a guess
    // against), different keyed ones.
    const changed = { ...processEnv, APP_EXTRA: json.replaceAll(canary, other) };
    const again = loadSettings(plain, { processEnv: changed, cwd: project({}), onError: "throw" });
    const extraOf = (c: object) => fingerprint(c).keys.find((k) => k.path === "extra")?.fingerprint;
    expect(extraOf(again)).toBe(extraOf(config));
    const keyed = { CFG_FINGERPRINT_KEY: "k".repeat(32) };
    const a = loadSettings(plain, {
      processEnv: { ...processEnv, ...keyed },
      cwd: project({}),
      onError: "throw",
    });
    const b = loadSettings(plain, {
      processEnv: { ...changed, ...keyed },
      cwd: project({}),
      onError: "throw",
    });
    expect(extraOf(a)).toMatch(/^hmac:/);
    expect(extraOf(a)).not.toBe(extraOf(b));
  });
});

describe("schema keys named like Object.prototype members", () => {
  const members = defineSettings({
    configDir: false,
    schema: z.object({
      toString: z.string(),
      valueOf: z.string().optional(),
      isPrototypeOf: z.string().default("d"),
      constructor: z.string().optional(),
      hasOwnProperty: z.string().default("h"),
      nested: z.object({ toString: z.string().default("n"), list: z.array(z.string()).default([]) }).default({
        toString: "n",
        list: [],
      }),
    }),
  });

  it("keep their values, optional and defaulted ones included; fingerprint() works", () => {
    const config = loadSettings(members, {
      processEnv: { TO_STRING: "t" },
      cwd: project({}),
      onError: "throw",
    });
    expect(config.toString).toBe("t");
    expect(config.valueOf).toBeUndefined();
    expect(Object.keys(config)).not.toContain("valueOf");
    expect(Object.keys(config)).not.toContain("constructor");
    expect(config.isPrototypeOf).toBe("d");
    expect(config.constructor).toBeUndefined();
    expect(config.hasOwnProperty).toBe("h");
    expect(config.nested.toString).toBe("n");
    expect(fingerprint(config).keys.map((k) => k.path)).toEqual([
      "hasOwnProperty",
      "isPrototypeOf",
      "nested.list",
      "nested.toString",
      "toString",
    ]);
    expect(JSON.parse(JSON.stringify(config))).toMatchObject({ toString: "t", hasOwnProperty: "h" });
  });

  it("given values are taken", () => {
    const processEnv = { TO_STRING: "t", VALUE_OF: "v", CONSTRUCTOR: "c", IS_PROTOTYPE_OF: "i" };
    const config = loadSettings(members, { processEnv, cwd: project({}), onError: "throw" });
    expect([config.valueOf, config.constructor, config.isPrototypeOf]).toEqual(["v", "c", "i"]);
  });

  it("a second load in one process (a nested default object shared by Zod) does not throw", () => {
    for (let i = 0; i < 3; i++) {
      const config = loadSettings(members, {
        processEnv: { TO_STRING: "t" },
        cwd: project({}),
        onError: "throw",
      });
      expect(Object.isFrozen(config.nested)).toBe(true);
    }
  });

  it("__proto__ and toJSON are refused at defineSettings, saying why", () => {
    expect(() =>
      defineSettings({ schema: z.object({ a: z.object({ ["__proto__"]: z.string() }) }) }),
    ).toThrow(
      /schema key "__proto__" \(at "a.__proto__"\) cannot be used: it would set an object's prototype/,
    );
    expect(() => defineSettings({ schema: z.object({ toJSON: z.string() }) })).toThrow(
      /"toJSON" .* JSON.stringify would call it instead of cfgkit's redaction/,
    );
  });
});
