// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is .env text under test
/** Loading never runs commands from values and never writes to the environment it is given. */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings, resolveSettings } from "../../src/index.js";
import { fixture, loadError, tempProject } from "./_helpers.js";

describe("$(command) in a .env value", () => {
  it("is never executed and loads as literal text", () => {
    const dir = tempProject();
    const marker = (name: string) => path.join(dir, name);
    const lines = [
      `APP_PLAIN=$(touch ${marker("plain")})`,
      `APP_QUOTED="$(touch ${marker("quoted")})"`,
      `APP_BACKTICK=\`touch ${marker("backtick")}\``,
      `APP_FALLBACK=\${APP_UNSET:-$(touch ${marker("fallback")})}`,
    ];
    const cwd = tempProject({ ".env": `${lines.join("\n")}\n` });
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ plain: z.string(), quoted: z.string(), backtick: z.string(), fallback: z.string() }),
    });

    const config = loadSettings(settings, { cwd, processEnv: {}, onError: "throw" });

    expect(config).toEqual({
      plain: `$(touch ${marker("plain")})`,
      quoted: `$(touch ${marker("quoted")})`,
      backtick: `touch ${marker("backtick")}`,
      fallback: `$(touch ${marker("fallback")})`,
    });
    for (const name of ["plain", "quoted", "backtick", "fallback"])
      expect(existsSync(marker(name))).toBe(false);
  });
});

describe("the processEnv passed in", () => {
  const settings = defineSettings({
    prefix: "APP_",
    configDir: false,
    schema: z.object({ host: z.string(), port: z.number(), url: z.url() }),
  });

  it("is never mutated, including by expansion, and the real process.env is left alone too", () => {
    const processEnv = { APP_PORT: "9090", APP_PATH: "v1", HOME: "/home/someone", UNRELATED: "x" };
    const before = structuredClone(processEnv);
    const realBefore = { ...process.env };

    // Frozen: any write by the loader would throw here (ES modules are strict) instead of passing silently.
    const config = loadSettings(settings, {
      cwd: fixture("expansion"),
      processEnv: Object.freeze(processEnv),
      onError: "throw",
    });

    // The ambient APP_PORT wins over the file's, in the value and inside the expansion.
    expect(config.url).toBe("http://localhost:9090/v1");
    expect(config.port).toBe(9090);
    expect(processEnv).toStrictEqual(before);
    expect(Object.keys(processEnv)).toEqual(Object.keys(before));
    expect({ ...process.env }).toStrictEqual(realBefore);
  });

  it("is not mutated by a load that fails, or by resolveSettings", () => {
    const processEnv = { APP_PORT: "not-a-number", APP_HOST: "${APP_UNSET:-fallback}" };
    const before = structuredClone(processEnv);
    const realBefore = { ...process.env };

    loadError(settings, { cwd: fixture("expansion"), processEnv: Object.freeze(processEnv) });
    resolveSettings(settings, { cwd: fixture("expansion"), processEnv });

    expect(processEnv).toStrictEqual(before);
    expect({ ...process.env }).toStrictEqual(realBefore);
  });
});

describe("an expansion that never terminates", () => {
  it("is reported as a SettingsError naming the key and the file", () => {
    const cwd = tempProject({ ".env": "APP_A=\\$APP_A\\$APP_A\nAPP_B=x$APP_A\n" });
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ a: z.string(), b: z.string() }),
    });
    const started = performance.now();
    const error = loadError(settings, { cwd, processEnv: {} });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error.issues).toContainEqual(expect.objectContaining({ envName: "APP_B", file: ".env" }));
    expect(error.message).toContain("APP_B");
  });
});
