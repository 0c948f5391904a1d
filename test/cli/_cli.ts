// Runs `cfg` two ways: in-process through run() (fast, for breadth) and as a child process of the built
// bin/cfg.js (the real thing: shebang, exit codes, streams).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach } from "vitest";
import { run } from "../../src/cli/program.js";
import { readStreamText } from "../../src/sources/read-text.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  env?: Record<string, string>;
  isTTY?: boolean;
  /** Standard input, for `-` operands. */
  input?: string;
}

export async function cfg(argv: readonly string[], options: CliOptions): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd,
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    readStdin: (maxBytes) => readStreamText([options.input ?? ""], maxBytes),
  });
  return { code, stdout, stderr };
}

export const binPath = resolve(import.meta.dirname, "../../bin/cfg.js");

export function cfgBin(argv: readonly string[], options: CliOptions): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...argv], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    encoding: "utf8",
    ...(options.input === undefined ? {} : { input: options.input }),
    timeout: 30_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export const exampleDir = resolve(import.meta.dirname, "../../examples/service");

// Copies live inside the repository (ignored by git) so that the example's `cfgkit` and `zod` imports resolve.
const scratch = resolve(import.meta.dirname, "../../.scratch");
const copies: string[] = [];

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a project folder (the example by default) with fixture folders copied over it; the caller removes it. */
export function copyProject(source: string = exampleDir, ...overlays: string[]): string {
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, "project-copy-"));
  cpSync(source, dir, { recursive: true });
  for (const overlay of overlays) cpSync(overlay, dir, { recursive: true });
  return dir;
}

/** A copy of the example project, with fixture folders copied over it; the caller removes it. */
export function copyExample(...overlays: string[]): string {
  return copyProject(exampleDir, ...overlays);
}

/** A throwaway copy of a project folder, removed after the test. */
export function copyOfProject(source: string): string {
  const dir = copyProject(source);
  copies.push(dir);
  return dir;
}

/** A throwaway copy of the example project, removed after the test. */
export function copyOfExample(...overlays: string[]): string {
  const dir = copyExample(...overlays);
  copies.push(dir);
  return dir;
}
