/** After a successful load: every way of printing the settings hides secrets; the object itself is frozen. */
import { Console } from "node:console";
import { Writable } from "node:stream";
import { format, inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings, secret } from "../../src/index.js";
import { fixture } from "./_helpers.js";

const WEBHOOK_SECRET = "CANARY-s3cr3t-9f8e7d-0123456789abcdef";
const URL_PASSWORD = "CANARY-urlpw-7a8b9c";
const DB_PASSWORD = "CANARY-passw0rd-4d5e6f";

const settings = defineSettings({
  prefix: "APP_",
  configDir: false,
  schema: z.object({
    port: z.number(),
    webhookSecret: secret(z.string().min(32)),
    // Not marked: `password` is secret by its name, the URL's password by its shape.
    db: z.object({ url: z.url(), password: z.string() }),
  }),
});

function load() {
  return loadSettings(settings, { cwd: fixture("loaded-with-secret"), processEnv: {}, onError: "throw" });
}

/** What `console.log(...args)` would print, captured. */
function consoleOutput(...args: unknown[]): string {
  let out = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  new Console({ stdout: stream, stderr: stream, colorMode: false }).log(...args);
  return out;
}

describe("a loaded settings object", () => {
  it("gives the real values to code that reads them", () => {
    const config = load();
    expect(config.webhookSecret).toBe(WEBHOOK_SECRET);
    expect(config.db.password).toBe(DB_PASSWORD);
    expect(config.db.url).toBe(`postgres://u:${URL_PASSWORD}@h/db`);
    expect(config.port).toBe(8080);
  });

  it("never shows a secret however it is printed", () => {
    const config = load();
    const renderings: Record<string, string> = {
      inspect: inspect(config),
      "inspect showHidden": inspect(config, { showHidden: true, depth: Infinity, getters: true }),
      "inspect nested": inspect(config.db),
      "JSON.stringify": JSON.stringify(config),
      "JSON.stringify nested": JSON.stringify(config.db),
      "JSON.stringify in an object": JSON.stringify({ config }),
      String: String(config),
      "String nested": String(config.db),
      template: `${config}`,
      "format %o": format("%o", config),
      "format %O": format("%O", config),
      "format %s": format("%s", config),
      "format %j": format("%j", config),
      "console.log": consoleOutput(config),
      "console.log nested": consoleOutput("settings:", { config }),
      describeSettings: JSON.stringify(describeSettings(config)),
      "inspect describeSettings": inspect(describeSettings(config), { depth: Infinity }),
    };
    for (const [how, text] of Object.entries(renderings)) {
      for (const value of [WEBHOOK_SECRET, URL_PASSWORD, DB_PASSWORD]) {
        expect(text, `${how} shows a secret`).not.toContain(value);
      }
      expect(text, `${how} shows a secret`).not.toContain("CANARY");
    }
    expect(JSON.parse(renderings["JSON.stringify"] as string)).toEqual({
      port: 8080,
      webhookSecret: "<secret>",
      db: { url: "postgres://u:<secret>@h/db", password: "<secret>" },
    });
    expect(renderings.inspect).toContain("<secret>");
  });

  it("is deeply frozen: assignment, deletion and new keys throw in strict mode", () => {
    const config = load() as unknown as Record<string, unknown> & { db: Record<string, unknown> };
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.db)).toBe(true);
    expect(() => {
      config.port = 1;
    }).toThrow(TypeError);
    expect(() => {
      config.webhookSecret = "x";
    }).toThrow(TypeError);
    expect(() => {
      config.db.password = "x";
    }).toThrow(TypeError);
    expect(() => {
      config.added = true;
    }).toThrow(TypeError);
    expect(() => {
      delete config.port;
    }).toThrow(TypeError);
    expect(() => {
      (config as { toJSON?: unknown }).toJSON = () => ({ leaked: config.webhookSecret });
    }).toThrow(TypeError);
    expect(config.port).toBe(8080);
    expect(config.webhookSecret).toBe(WEBHOOK_SECRET);
  });
});

describe("a URL with a password inside a structured value", () => {
  const structured = defineSettings({
    prefix: "APP_",
    configDir: false,
    envFiles: [],
    schema: z.object({
      replicas: z.array(z.url()),
      shards: z.record(z.string(), z.url()),
    }),
  });

  function loadStructured() {
    return loadSettings(structured, {
      processEnv: {
        APP_REPLICAS: JSON.stringify([`postgres://u:${URL_PASSWORD}@replica/db`]),
        APP_SHARDS: JSON.stringify({ eu: `postgres://u:${URL_PASSWORD}@eu/db` }),
      },
      onError: "throw",
    });
  }

  it("in an array is masked when printed", () => {
    const config = loadStructured();
    expect(config.replicas[0]).toContain(URL_PASSWORD);
    // The array itself is plain data, as a URL string read from config is; the settings object masks it.
    expect(JSON.stringify(config)).toContain("postgres://u:<secret>@replica/db");
    expect(JSON.stringify(config)).not.toContain(`${URL_PASSWORD}@replica`);
    expect(inspect(config, { depth: Infinity })).toContain("postgres://u:<secret>@replica/db");
    expect(inspect(config, { depth: Infinity })).not.toContain(`${URL_PASSWORD}@replica`);
  });

  it("in a record is masked when printed", () => {
    const config = loadStructured();
    expect(config.shards.eu).toContain(URL_PASSWORD);
    expect(JSON.stringify(config)).not.toContain(URL_PASSWORD);
    expect(inspect(config, { depth: Infinity })).not.toContain(URL_PASSWORD);
    expect(JSON.stringify(describeSettings(config))).not.toContain(URL_PASSWORD);
  });
});
