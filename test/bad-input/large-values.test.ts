// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is .env text under test
/** A 10 MB value loads in reasonable time, and a report about it prints a shortened value, not 10 MB. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings } from "../../src/index.js";
import { loadError, tempProject } from "./_helpers.js";

const TEN_MB = 10 * 1024 * 1024;
const huge = "x".repeat(TEN_MB);

describe("a 10 MB value", () => {
  it("in a .env file loads intact in reasonable time", () => {
    const cwd = tempProject({ ".env": `APP_PORT=8080\nAPP_BLOB=${huge}\nAPP_HOST=localhost\n` });
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ port: z.number(), blob: z.string(), host: z.string() }),
    });

    const started = performance.now();
    const config = loadSettings(settings, { cwd, processEnv: {}, onError: "throw" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(config.blob).toHaveLength(TEN_MB);
    expect(config.host).toBe("localhost");
  });

  it("that fails its schema is shown shortened in the report and the issues", () => {
    const cwd = tempProject({ ".env": `APP_PORT=8080\nAPP_BLOB=${huge}\n` });
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ port: z.number(), blob: z.string().max(100) }),
    });

    const started = performance.now();
    const error = loadError(settings, { cwd, processEnv: {} });
    expect(performance.now() - started).toBeLessThan(5_000);

    const issue = error.issues.find((i) => i.path === "blob");
    expect(issue).toMatchObject({ kind: "invalid", envName: "APP_BLOB", file: ".env", line: 2 });
    expect(issue?.received?.length).toBeLessThan(300);
    expect(issue?.received).toContain(`(${TEN_MB + 2} characters)`);
    expect(error.message.length).toBeLessThan(2_000);
    expect(JSON.stringify(error.issues).length).toBeLessThan(2_000);
    expect((error.stack ?? "").length).toBeLessThan(2_000);
  });

  it("from process.env that fails its schema is shown shortened too", () => {
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      envFiles: [],
      schema: z.object({ blob: z.enum(["small", "large"]) }),
    });
    const error = loadError(settings, { cwd: tempProject(), processEnv: { APP_BLOB: huge } });
    expect(error.issues[0]).toMatchObject({ kind: "invalid", envName: "APP_BLOB", origin: "process.env" });
    expect(error.message.length).toBeLessThan(2_000);
    expect(JSON.stringify(error.issues).length).toBeLessThan(2_000);
  });

  it("in a YAML config file loads, and fails shortened", () => {
    const cwd = tempProject({ "config/default.yaml": `port: 8080\nblob: "${huge}"\n` });
    const loose = defineSettings({
      prefix: "APP_",
      envFiles: [],
      schema: z.object({ port: z.number(), blob: z.string() }),
    });
    const strict = defineSettings({
      prefix: "APP_",
      envFiles: [],
      schema: z.object({ port: z.number(), blob: z.string().max(100) }),
    });

    const started = performance.now();
    const config = loadSettings(loose, { cwd, processEnv: {}, onError: "throw" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(config.blob).toHaveLength(TEN_MB);
    const error = loadError(strict, { cwd, processEnv: {} });
    expect(error.issues[0]).toMatchObject({ path: "blob", file: "config/default.yaml", line: 2 });
    expect(error.message.length).toBeLessThan(2_000);
  });

  it("with two ${VAR} references expands like any other value (a terminating expansion is not cut off)", () => {
    // dotenv-expand 12 expands this; the value's size alone must not be mistaken for an endless expansion.
    const half = "y".repeat(TEN_MB / 2);
    const cwd = tempProject({
      ".env": `APP_HOST=example.org\nAPP_BLOB=${half}\${APP_HOST}${half}$APP_HOST\n`,
    });
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ host: z.string(), blob: z.string() }),
    });

    const started = performance.now();
    const config = loadSettings(settings, { cwd, processEnv: {}, onError: "throw" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(config.blob).toBe(`${half}example.org${half}example.org`);
  });
});
