/** Shared helpers for the bad-input tests: fixture paths, temp projects, and the checks every error must pass. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { expect, onTestFinished } from "vitest";
import { type LoadOptions, loadSettings, type SettingsDefinition, SettingsError } from "../../src/index.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/bad-input/", import.meta.url));

/** The absolute path of a static fixture project under test/fixtures/bad-input/. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** A throwaway project for generated inputs (huge values, invalid UTF-8, symlinks); removed after the test. */
export function tempProject(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cfgkit-bad-input-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/**
 * Loads expecting failure and returns the SettingsError, after checking what every such error must be: a
 * SettingsError by class and by name, with structured issues, and a stack that is the report without frames.
 */
export function loadError(
  definition: SettingsDefinition,
  options: LoadOptions & { processEnv: NonNullable<LoadOptions["processEnv"]> },
): SettingsError {
  let thrown: unknown;
  try {
    loadSettings(definition, { ...options, onError: "throw" });
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "loadSettings should throw").toBeInstanceOf(SettingsError);
  const error = thrown as SettingsError;
  expect(error.name).toBe("SettingsError");
  expect(error.exitCode).toBe(78);
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(["error", "warning"]).toContain(issue.severity);
    expect(typeof issue.kind).toBe("string");
    expect(typeof issue.message).toBe("string");
  }
  expect(error.stack).not.toContain("    at ");
  return error;
}

/** Every way an error can be shown or logged; none of them may contain `text`. */
export function expectErrorNotToContain(error: SettingsError, text: string): void {
  expect(error.message).not.toContain(text);
  expect(JSON.stringify(error.issues)).not.toContain(text);
  expect(error.stack ?? "").not.toContain(text);
  expect(String(error)).not.toContain(text);
  expect(inspect(error, { depth: Infinity })).not.toContain(text);
}

/** The one issue about `file`, failing clearly when there is none or several. */
export function issueFor(error: SettingsError, file: string) {
  const found = error.issues.filter((issue) => issue.file === file);
  expect(found, `issues about ${file}: ${JSON.stringify(error.issues)}`).toHaveLength(1);
  return found[0] as NonNullable<(typeof found)[0]>;
}
