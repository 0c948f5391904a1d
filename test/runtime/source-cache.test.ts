// Parsed sources are kept between loads in one process (src/sources/source-cache.ts), and a later load must
// still see every change: a rewrite of the same size, a file added to or removed from a folder, an edit after
// the cache has settled. Real files, real loads; the settled cases wait out the cache's racy window (2 s).
import { rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings } from "../../src/index.js";
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
