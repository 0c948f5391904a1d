// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is .env text under test
/**
 * A 10 MB value is refused by default (limits.maxValueBytes, 64 KiB; a file over limits.maxFileBytes, 1 MiB, is
 * refused before it is read); with the limits raised it loads in reasonable time, and a report about it prints
 * a shortened value, not 10 MB.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings } from "../../src/index.js";
import { loadError, tempProject } from "./_helpers.js";

const TEN_MB = 10 * 1024 * 1024;
const huge = "x".repeat(TEN_MB);
/** Limits raised past the value under test. */
const limits = { maxFileBytes: 3 * TEN_MB, maxValueBytes: 2 * TEN_MB };

describe("a 10 MB value under the default limits", () => {
  it("in a .env file: the file is refused before it is read, naming the limit", () => {
    const cwd = tempProject({ ".env": `APP_PORT=8080\nAPP_BLOB=${huge}\n` });
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ port: z.number(), blob: z.string() }),
    });
    const error = loadError(settings, { cwd, processEnv: {} });
    expect(error.issues[0]).toMatchObject({ kind: "source", file: ".env", severity: "error" });
    expect(error.issues[0]?.message).toContain("larger than the 1 MiB limit for a source file (10.0 MiB");
    expect(error.issues[0]?.message).toContain("limits.maxFileBytes");
  });

  it("in process.env: refused with its key and the 64 KiB limit, never validated or echoed", () => {
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      envFiles: [],
      schema: z.object({ blob: z.string() }),
    });
    const error = loadError(settings, { cwd: tempProject(), processEnv: { APP_BLOB: huge } });
    expect(error.issues[0]).toMatchObject({ kind: "source", envName: "APP_BLOB", file: "process.env" });
    expect(error.issues[0]?.message).toContain(
      "APP_BLOB is larger than the 64 KiB limit for one value (10 MiB",
    );
    expect(error.message.length).toBeLessThan(2_000);
  });

  it("in a .env file under the file limit: refused at its line by the value limit", () => {
    const cwd = tempProject({ ".env": `APP_PORT=8080\nAPP_BLOB=${"x".repeat(70_000)}\n` });
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ port: z.number(), blob: z.string() }),
    });
    const error = loadError(settings, { cwd, processEnv: {} });
    expect(error.issues[0]).toMatchObject({ kind: "source", envName: "APP_BLOB", file: ".env", line: 2 });
    expect(error.issues[0]?.message).toContain("(68.4 KiB; raise limits.maxValueBytes to allow it)");
  });

  it("in a YAML config file: refused at its line", () => {
    const cwd = tempProject({ "config/default.yaml": `port: 8080\nblob: "${"x".repeat(70_000)}"\n` });
    const settings = defineSettings({
      prefix: "APP_",
      envFiles: [],
      schema: z.object({ port: z.number(), blob: z.string() }),
    });
    const error = loadError(settings, { cwd, processEnv: {} });
    expect(error.issues[0]).toMatchObject({ kind: "source", file: "config/default.yaml", line: 2 });
    expect(error.issues[0]?.message).toContain("blob is larger than the 64 KiB limit for one value");
  });

  it("a limit that is not a positive integer is refused by defineSettings", () => {
    expect(() => defineSettings({ schema: z.object({}), limits: { maxDepth: 0 } })).toThrow(
      "limits.maxDepth must be a positive integer",
    );
  });
});

describe("a 10 MB value with the limits raised", () => {
  it("in a .env file loads intact in reasonable time", () => {
    const cwd = tempProject({ ".env": `APP_PORT=8080\nAPP_BLOB=${huge}\nAPP_HOST=localhost\n` });
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      limits,
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
      limits,
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
      limits,
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
      limits,
      schema: z.object({ port: z.number(), blob: z.string() }),
    });
    const strict = defineSettings({
      prefix: "APP_",
      envFiles: [],
      limits,
      schema: z.object({ port: z.number(), blob: z.string().max(100) }),
    });

    const started = performance.now();
    const config = loadSettings(loose, { cwd, processEnv: {}, onError: "throw" });
    expect(performance.now() - started).toBeLessThan(30_000); // a hang guard against quadratic reading, not a benchmark: yaml alone takes ~4 s on 10 MB
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
      limits,
      schema: z.object({ host: z.string(), blob: z.string() }),
    });

    const started = performance.now();
    const config = loadSettings(settings, { cwd, processEnv: {}, onError: "throw" });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(config.blob).toBe(`${half}example.org${half}example.org`);
  });
});
