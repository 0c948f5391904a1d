// Parsed sources are kept between loads in one process (src/sources/source-cache.ts), and a later load must
// still see every change: a rewrite of the same size, a file added to or removed from a folder, an edit after
// the cache has settled. Real files, real loads; the settled cases wait out the cache's racy window (2 s).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings, type SettingsError } from "../../src/index.js";
import { project } from "../_project.js";

const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({ name: z.string(), level: z.string().default("default") }),
});

const load = (cwd: string) =>
  loadSettings(settings, { env: "staging", cwd, processEnv: {}, onError: "throw" }) as {
    name: string;
    level: string;
  };

/** Past the window in which a file's times cannot tell two writes apart, so the next load may use the cache. */
const settle = () => new Promise((done) => setTimeout(done, 2200));

describe("parsed sources between loads", () => {
  it("sees a rewrite of the same size right after a load", () => {
    const dir = project({ ".env": "APP_NAME=one\n" });
    expect(load(dir).name).toBe("one");
    writeFileSync(join(dir, ".env"), "APP_NAME=two\n");
    expect(load(dir).name).toBe("two");
  });

  it("sees a same-size rewrite after the cache settled, even with the old modification time put back", async () => {
    const dir = project({ ".env": "APP_NAME=one\n", "config/default.yaml": "level: info\n" });
    await settle();
    expect(load(dir)).toEqual({ name: "one", level: "info" });
    expect(load(dir)).toEqual({ name: "one", level: "info" });
    const old = new Date(Date.now() - 60_000);
    writeFileSync(join(dir, ".env"), "APP_NAME=two\n");
    writeFileSync(join(dir, "config/default.yaml"), "level: warn\n");
    utimesSync(join(dir, ".env"), old, old);
    expect(load(dir)).toEqual({ name: "two", level: "warn" });
  }, 10_000);

  it("sees a file added to and removed from a settled folder", async () => {
    const dir = project({ ".env": "APP_NAME=base\n" });
    await settle();
    expect(load(dir).name).toBe("base");
    writeFileSync(join(dir, ".env.staging"), "APP_NAME=staging\n");
    expect(load(dir).name).toBe("staging");
    rmSync(join(dir, ".env.staging"));
    expect(load(dir).name).toBe("base");
  }, 10_000);

  it("gives each load its own values: expansion in one load does not leak into the next", () => {
    const dir = project({ ".env": "APP_NAME=${APP_LEVEL}-x\n" });
    const first = loadSettings(settings, { env: "staging", cwd: dir, processEnv: { APP_LEVEL: "a" } });
    const second = loadSettings(settings, { env: "staging", cwd: dir, processEnv: { APP_LEVEL: "b" } });
    expect([first.name, second.name]).toEqual(["a-x", "b-x"]);
  });
});

// A load whose sources are all unchanged reuses the last load's resolution (src/reuse.ts): every one of these
// changes must still reach the next load. The folders are written once and settled once, so every load below
// could be served from the caches if they ignored the change.
describe("a warm load reuses the last resolution only while nothing it read changed", () => {
  const dirs = new Map<string, string>();
  const dir = (name: string): string => dirs.get(name) as string;
  const write = (name: string, files: Record<string, string>) => {
    const made = mkdtempSync(join(tmpdir(), "cfgkit-reuse-"));
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(made, file)), { recursive: true });
      writeFileSync(join(made, file), content);
    }
    dirs.set(name, made);
  };
  beforeAll(async () => {
    write("expanding", { ".env": "APP_NAME=${HOST_NAME:-nobody}-x\n" });
    write("plain", { ".env": "APP_NAME=plain\n", ".env.production": "APP_NAME=production\n" });
    write("other", { ".env": "APP_NAME=other\n" });
    write("noConfig", { ".env": "APP_NAME=base\n" });
    // A duplicate key (a source warning) and no APP_NAME (an error), so the load fails with both.
    write("duplicate", { ".env": "APP_LEVEL=a\nAPP_LEVEL=b\n" });
    write("json", { ".env": "APP_NAME=json\nAPP_LIST=[1]\n" });
    await settle();
  }, 10_000);
  afterAll(() => {
    for (const made of dirs.values()) rmSync(made, { recursive: true, force: true });
  });

  it("sees a variable that an expansion reads change in the process environment", () => {
    const cwd = dir("expanding");
    const names = [{ HOST_NAME: "a" }, { HOST_NAME: "a" }, { HOST_NAME: "b" }, {}].map(
      (processEnv) => (loadSettings(settings, { env: "staging", cwd, processEnv }) as { name: string }).name,
    );
    expect(names).toEqual(["a-x", "a-x", "b-x", "nobody-x"]);
  });

  it("sees a setting and an unknown prefixed variable appear in the process environment", () => {
    const cwd = dir("plain");
    const loadWith = (processEnv: Record<string, string>) =>
      loadSettings(settings, { env: "staging", cwd, processEnv }) as { name: string; level: string };
    expect(loadWith({})).toEqual({ name: "plain", level: "default" });
    expect(loadWith({})).toEqual({ name: "plain", level: "default" });
    expect(loadWith({ APP_LEVEL: "warn" })).toEqual({ name: "plain", level: "warn" });
    const typo = loadWith({ APP_LEVLE: "warn" });
    expect(describeSettings(typo).warnings.map((warning) => warning.envName)).toEqual(["APP_LEVLE"]);
    expect(describeSettings(loadWith({})).warnings).toEqual([]);
  });

  it("sees a change to the real process environment, which loads read when given none", () => {
    const cwd = dir("plain");
    const level = () => (loadSettings(settings, { env: "staging", cwd }) as { level: string }).level;
    const before = process.env.APP_LEVEL;
    try {
      delete process.env.APP_LEVEL;
      expect([level(), level()]).toEqual(["default", "default"]);
      process.env.APP_LEVEL = "error";
      expect(level()).toBe("error");
    } finally {
      if (before === undefined) delete process.env.APP_LEVEL;
      else process.env.APP_LEVEL = before;
    }
  });

  it("keeps what one load reports its own: changing it does not reach the next load", () => {
    const cwd = dir("plain");
    const loadTypo = () => loadSettings(settings, { env: "staging", cwd, processEnv: { APP_LEVLE: "x" } });
    const first = describeSettings(loadTypo());
    const pristine = structuredClone({ files: first.files, warnings: first.warnings });
    (first.files[0] as { status: string }).status = "error";
    (first.warnings[0] as { message: string }).message = "changed";
    const second = describeSettings(loadTypo());
    expect({ files: second.files, warnings: second.warnings }).toEqual(pristine);

    const failing = () => {
      try {
        loadSettings(settings, { env: "staging", cwd: dir("duplicate"), processEnv: {}, onError: "throw" });
      } catch (error) {
        return error as SettingsError;
      }
      throw new Error("expected the load to fail");
    };
    const error = failing();
    const messages = error.issues.map((issue) => issue.message);
    for (const issue of error.issues) issue.message = "changed";
    expect(failing().issues.map((issue) => issue.message)).toEqual(messages);
  });

  it("sees another environment, directory or file list", () => {
    const cwd = dir("plain");
    const name = (options: Parameters<typeof loadSettings>[1]) =>
      (loadSettings(settings, { processEnv: {}, ...options }) as { name: string }).name;
    expect(name({ env: "staging", cwd })).toBe("plain");
    expect(name({ env: "production", cwd })).toBe("production");
    expect(name({ env: "production", cwd: dir("other") })).toBe("other");
    expect(name({ env: "production", cwd, envFiles: [".env"] })).toBe("plain");
    expect(name({ env: "production", cwd, envFiles: [".env.production"] })).toBe("production");
    const envFiles = [".env"];
    expect(name({ env: "production", cwd, envFiles })).toBe("plain");
    envFiles[0] = ".env.production";
    expect(name({ env: "production", cwd, envFiles })).toBe("production");
  });

  it("sees a config folder created where there was none", () => {
    const cwd = dir("noConfig");
    expect(load(cwd)).toEqual({ name: "base", level: "default" });
    expect(load(cwd)).toEqual({ name: "base", level: "default" });
    mkdirSync(join(cwd, "config"));
    writeFileSync(join(cwd, "config/default.yaml"), "level: info\n");
    expect(load(cwd)).toEqual({ name: "base", level: "info" });
  });

  it("gives each load its own copy of a value read from JSON, whatever the schema does with it", () => {
    const listed = defineSettings({
      prefix: "APP_",
      schema: z.object({
        name: z.string(),
        // A custom array passes its input through, and this transform changes it in place.
        list: z.union([
          z.number(),
          z
            .custom<number[]>((value) => Array.isArray(value))
            .transform((list) => {
              list.push(list.length);
              return list;
            }),
        ]),
      }),
    });
    const lists = [1, 2, 3].map(
      () =>
        (
          loadSettings(listed, { env: "staging", cwd: dir("json"), processEnv: {}, onError: "throw" }) as {
            list: unknown;
          }
        ).list,
    );
    expect(lists[0]).toContain(1);
    expect(lists.slice(1)).toEqual([lists[0], lists[0]]);
  });
});
