/** Config files that do not parse, YAML alias bombs, and keys given twice in one file. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings } from "../../src/index.js";
import { fixture, issueFor, loadError, tempProject } from "./_helpers.js";

const schema = z.object({ port: z.number(), host: z.string(), tags: z.array(z.string()).optional() });
const configOnly = defineSettings({ prefix: "APP_", envFiles: [], schema });

describe("a JSON config file with a syntax error", () => {
  it("names the file, line and column, and does not echo the offending text", () => {
    const error = loadError(configOnly, { cwd: fixture("json-syntax-error"), processEnv: {} });

    const issue = issueFor(error, "config/default.json");
    expect(issue).toMatchObject({ kind: "source", severity: "error", line: 4, column: 23 });
    expect(issue.message).toBe("JSON syntax error: expected ','");
    expect(error.message).toContain("config/default.json:4:23");
    expect(error.message).not.toContain("leaked-token-text");
    expect(JSON.stringify(error.issues)).not.toContain("leaked-token-text");
  });
});

describe("a YAML config file", () => {
  it("with a syntax error names the file and line, and does not echo the offending text", () => {
    const error = loadError(configOnly, { cwd: fixture("yaml-syntax-error"), processEnv: {} });

    const issue = issueFor(error, "config/default.yaml");
    expect(issue).toMatchObject({ kind: "source", severity: "error", line: 3, column: 20 });
    expect(issue.message).toMatch(/^YAML error: /);
    expect(error.message).toContain("config/default.yaml:3:20");
    expect(error.message).not.toContain("leaked-token-text");
    expect(JSON.stringify(error.issues)).not.toContain("leaked-token-text");
  });

  it("with a key given twice is an error at the second one", () => {
    const error = loadError(configOnly, { cwd: fixture("yaml-duplicate-keys"), processEnv: {} });

    const issue = issueFor(error, "config/default.yaml");
    expect(issue).toMatchObject({ kind: "source", severity: "error", line: 3 });
    expect(issue.message).toMatch(/a key appears twice/);
    expect(error.message).toMatch(/config\/default\.yaml:3:\d+/);
  });

  it("with an alias bomb (billion laughs) fails fast with a clear error and no memory blow-up", () => {
    // Nine levels of ten aliases each: 10^9 strings if expanded, a few hundred bytes as text.
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    const lines = [`a: &a [${Array(10).fill('"lol"').join(", ")}]`];
    for (let i = 1; i < levels.length; i++) {
      lines.push(
        `${levels[i]}: &${levels[i]} [${Array(10)
          .fill(`*${levels[i - 1]}`)
          .join(", ")}]`,
      );
    }
    const cwd = tempProject({ "config/default.yaml": `port: 8080\nhost: localhost\n${lines.join("\n")}\n` });

    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const error = loadError(configOnly, { cwd, processEnv: {} });
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(2_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    const issue = issueFor(error, "config/default.yaml");
    expect(issue).toMatchObject({ kind: "source", severity: "error" });
    expect(issue.line).toEqual(expect.any(Number));
    expect(issue.message).toMatch(/alias/);
    expect(error.message).toContain("config/default.yaml");
    expect(error.message).not.toContain("lol");
  });
});

describe("a key given twice in one .env file", () => {
  const settings = defineSettings({ prefix: "APP_", configDir: false, schema });

  it("with the same value loads, and keeps a warning naming both lines on the result", () => {
    const config = loadSettings(settings, {
      cwd: fixture("duplicate-env-same"),
      processEnv: {},
      onError: "throw",
    });
    expect(config.port).toBe(8080);

    const warnings = describeSettings(config).warnings;
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: "duplicate",
        severity: "warning",
        envName: "APP_PORT",
        file: ".env",
        line: 3,
        related: ".env:1",
      }),
    ]);
    expect(warnings[0]?.message).toContain("lines 1 and 3");
  });

  it("with the same value is a warning in the report when the load fails for another reason", () => {
    const strict = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: schema.extend({ region: z.string() }),
    });
    const error = loadError(strict, { cwd: fixture("duplicate-env-same"), processEnv: {} });

    expect(error.issues).toContainEqual(
      expect.objectContaining({ kind: "duplicate", severity: "warning", line: 3, related: ".env:1" }),
    );
    expect(error.message).toContain("Duplicate keys:");
    expect(error.message).toMatch(/! \.env:3\n.*APP_PORT is set twice \(lines 1 and 3\)/);
  });

  it("with different values loads as dotenv reads it (the later line wins), with a warning naming both lines", () => {
    const config = loadSettings(settings, {
      cwd: fixture("duplicate-env-different"),
      processEnv: {},
      onError: "throw",
    });
    expect(config.port).toBe(9090);
    expect(describeSettings(config).settings.find((s) => s.envName === "APP_PORT")?.origin).toBe(".env:3");

    const warnings = describeSettings(config).warnings;
    expect(warnings).toEqual([
      expect.objectContaining({
        kind: "duplicate",
        severity: "warning",
        envName: "APP_PORT",
        line: 3,
        related: ".env:1",
      }),
    ]);
    expect(warnings[0]?.message).toBe(
      "APP_PORT is set twice with different values (lines 1 and 3); line 3 wins, as in dotenv",
    );
  });

  it("with different values is a warning without the values in the report when the load fails for another reason", () => {
    const strict = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: schema.extend({ region: z.string() }),
    });
    const error = loadError(strict, { cwd: fixture("duplicate-env-different"), processEnv: {} });

    expect(error.message).toMatch(
      /! \.env:3\n.*APP_PORT is set twice with different values \(lines 1 and 3\); line 3 wins/,
    );
    expect(error.message).not.toMatch(/8080|9090/);
  });
});
