/** Throwaway projects for the verdict tests: untyped ones anywhere, typed ones as copies of the example. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { onTestFinished } from "vitest";
import { type CliResult, copyOfExample } from "../cli/_cli.js";

/** A project made of `files` (path -> text) in a fresh directory, removed after the test. */
export function projectOf(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cfgkit-verdict-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFiles(dir, files);
  return dir;
}

/** A copy of the example service (typed: cfg.config.js and settings.js), with `files` written over it. */
export function exampleWith(files: Record<string, string> = {}): string {
  const dir = copyOfExample();
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = join(dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** A command printed a success mark or an all-clear JSON verdict. */
export function claimsSuccess(result: CliResult): boolean {
  return (
    /✓|✅|no differences/.test(result.stdout) ||
    /"ok":\s*true/.test(result.stdout) ||
    /"status":\s*"valid"/.test(result.stdout)
  );
}
