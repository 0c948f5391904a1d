// Helpers for the CI-format tests: a broken copy of the example, the SARIF 2.1.0 schema validator, and small
// projects outside any repository or inside a fresh one.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterEach } from "vitest";
import { copyOfExample } from "./_cli.js";

export const repositoryRoot = resolve(import.meta.dirname, "../..");
const fixtures = resolve(import.meta.dirname, "../fixtures");

/** The example with the broken `.env.staging` of the check fixtures (its `$(touch …)` aims inside the copy). */
export function brokenExample(): string {
  const dir = copyOfExample();
  const text = readFileSync(join(fixtures, "cli/broken-staging/.env.staging"), "utf8");
  writeFileSync(join(dir, ".env.staging"), text.replace("__PWNED__", join(dir, "pwned")));
  return dir;
}

/** A copy's path from the repository root, as CI formats name files. */
export function fromRoot(dir: string, file: string): string {
  return relative(repositoryRoot, join(dir, file));
}

// The official OASIS schema, shipped as test data (test/fixtures/ci/sarif-schema-2.1.0.json).
const sarifSchema = JSON.parse(readFileSync(join(fixtures, "ci/sarif-schema-2.1.0.json"), "utf8"));
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS; its default export arrives wrapped or not depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

/** The schema's complaints about a SARIF log: an empty list when it is valid. */
export function sarifErrors(log: unknown): ErrorObject[] {
  return validateSarif(log) ? [] : [...(validateSarif.errors ?? [])];
}

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A folder outside this repository holding `services/api/` with `files` (an untyped project: lint findings
 * only), a git repository at its top when `git` is set. Removed after the test.
 */
export function projectTree(files: Record<string, string>, options: { git: boolean }): string {
  const top = mkdtempSync(join(tmpdir(), "cfgkit-ci-"));
  temporary.push(top);
  if (options.git) execFileSync("git", ["init", "--quiet", top]);
  const project = join(top, "services/api");
  mkdirSync(project, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
  return top;
}
