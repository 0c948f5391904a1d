/** Files that cannot be read as settings: missing when named, unreadable, directories, not UTF-8. */
import { chmodSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings } from "../../src/index.js";
import { fixture, issueFor, loadError, tempProject } from "./_helpers.js";

const schema = z.object({ port: z.number(), host: z.string().default("localhost") });

describe("an env file named in envFiles that does not exist", () => {
  it("is an error naming the file, and the file that does exist is still read", () => {
    const settings = defineSettings({
      prefix: "APP_",
      envFiles: [".env", ".env.extra"],
      configDir: false,
      schema,
    });
    const cwd = fixture("missing-env-file");
    const error = loadError(settings, { cwd, processEnv: {} });

    const issue = issueFor(error, ".env.extra");
    expect(issue).toMatchObject({ kind: "source", severity: "error" });
    expect(issue.message).toMatch(/\.env\.extra does not exist/);
    expect(error.message).toContain(".env.extra does not exist (it is listed in envFiles)");
    expect(error.message).toMatch(/Files read: \.env$/m);
    // Names are relative to the project, not absolute paths of the machine that ran it.
    expect(error.message).not.toContain(cwd);
  });
});

describe("a file that cannot be read", () => {
  it.skipIf(process.getuid?.() === 0)("without read permission is an error naming the file", () => {
    const cwd = tempProject({ ".env": "APP_PORT=8080\n" });
    chmodSync(path.join(cwd, ".env"), 0o000);
    const settings = defineSettings({ prefix: "APP_", configDir: false, schema });
    const error = loadError(settings, { cwd, processEnv: {} });
    const issue = issueFor(error, ".env");
    expect(issue).toMatchObject({ kind: "source", severity: "error" });
    expect(issue.message).toMatch(/permission denied/);
    expect(error.message).not.toContain(cwd);
  });

  it("a .env that is a symbolic link to itself (ELOOP, fails even for root) is an error naming the file", () => {
    const cwd = tempProject();
    symlinkSync(".env", path.join(cwd, ".env"));
    const settings = defineSettings({ prefix: "APP_", configDir: false, schema });
    const error = loadError(settings, { cwd, processEnv: { APP_PORT: "8080" } });

    const issue = issueFor(error, ".env");
    expect(issue).toMatchObject({ kind: "source", severity: "error" });
    expect(issue.message).toMatch(/too many symbolic links/);
    expect(error.message).toContain(".env cannot be read: too many symbolic links");
    expect(error.message).not.toContain(cwd);
    expect(error.message).not.toMatch(/ELOOP|errno|syscall/);
  });

  it("a config file that is a symbolic link loop is an error naming the file", () => {
    const cwd = tempProject({ "config/.keep": "" });
    symlinkSync("default.yaml", path.join(cwd, "config/default.yaml"));
    const settings = defineSettings({ prefix: "APP_", envFiles: [], schema });
    const error = loadError(settings, { cwd, processEnv: { APP_PORT: "8080" } });

    const issue = issueFor(error, "config/default.yaml");
    expect(issue).toMatchObject({ kind: "source", severity: "error" });
    expect(error.message).toContain("config/default.yaml cannot be read: too many symbolic links");
  });
});

describe("a directory where a file should be", () => {
  it(".env.staging being a directory is an error naming it", () => {
    const settings = defineSettings({ prefix: "APP_", configDir: false, schema });
    const error = loadError(settings, { cwd: fixture("directory-env-file"), env: "staging", processEnv: {} });

    const issue = issueFor(error, ".env.staging");
    expect(issue).toMatchObject({ kind: "source", severity: "error" });
    expect(error.message).toContain(".env.staging is a directory, expected a file");
    expect(error.message).not.toMatch(/EISDIR/);
  });

  it("config/default.json being a directory is an error naming it", () => {
    const settings = defineSettings({ prefix: "APP_", envFiles: [], schema });
    const error = loadError(settings, {
      cwd: fixture("directory-config-file"),
      processEnv: { APP_PORT: "1" },
    });

    const issue = issueFor(error, "config/default.json");
    expect(issue).toMatchObject({ kind: "source", severity: "error" });
    expect(error.message).toContain("config/default.json is a directory, expected a file");
  });
});

describe("text that is not UTF-8", () => {
  const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1: 0xE9 alone is not UTF-8

  it("in a .env file is an error naming the file and the line", () => {
    const bytes = Buffer.concat([
      Buffer.from("APP_PORT=8080\n# a comment\nAPP_HOST="),
      latin1,
      Buffer.from("\n"),
    ]);
    const cwd = tempProject({ ".env": bytes });
    const settings = defineSettings({ prefix: "APP_", configDir: false, schema });
    const error = loadError(settings, { cwd, processEnv: {} });

    const issue = issueFor(error, ".env");
    expect(issue).toMatchObject({ kind: "source", severity: "error", line: 3 });
    expect(issue.message).toMatch(/not valid UTF-8/);
    expect(error.message).toContain(".env:3");
    expect(error.message).not.toContain("\ufffd");
  });

  it("in a YAML config file is an error naming the file and the line", () => {
    const bytes = Buffer.concat([Buffer.from("port: 8080\n\nhost: "), latin1, Buffer.from("\n")]);
    const cwd = tempProject({ "config/default.yaml": bytes });
    const settings = defineSettings({ prefix: "APP_", envFiles: [], schema });
    const error = loadError(settings, { cwd, processEnv: {} });

    const issue = issueFor(error, "config/default.yaml");
    expect(issue).toMatchObject({ kind: "source", severity: "error", line: 3 });
    expect(issue.message).toMatch(/not valid UTF-8/);
    expect(error.message).toContain("config/default.yaml:3");
  });
});
