/**
 * Shared helpers for the hardening suite: throwaway projects under the repository's .scratch/ (where `cfgkit`
 * resolves to the build), the real `bin/cfg.js` as a child process with a time bound, and the checks every
 * hostile case must pass (the contract's exit code, no stack trace, the file named).
 */
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterEach, expect } from "vitest";

export const binPath = resolve(import.meta.dirname, "../../bin/cfg.js");
const scratch = resolve(import.meta.dirname, "../../.scratch");

/** Faults that need root (a tmpfs, another uid) run only as root; otherwise the test says why it skips. */
export const isRoot = process.getuid?.() === 0;

const created: string[] = [];
afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A settings module with keys for every kind of input the suite feeds: text, numbers, JSON, a secret. */
export const SETTINGS_MODULE = `import { defineSettings, secret } from "cfgkit";
import { z } from "zod";
export const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({
    name: z.string().default("svc"),
    port: z.coerce.number().int().default(8080),
    note: z.string().optional(),
    token: secret(z.string()).optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
    nested: z.object({ level: z.string().optional() }).optional(),
  }),
});
`;

/** A project with `settings.js` and `cfg.config.js` (environments staging and production) plus `files`. */
export function scratchProject(files: Record<string, string | Uint8Array> = {}, parent = scratch): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, "hardening-"));
  created.push(dir);
  const all = {
    "settings.js": SETTINGS_MODULE,
    "cfg.config.js": `import { settings } from "./settings.js";\nexport default { settings, environments: ["staging", "production"] };\n`,
    ".env.staging": "APP_NAME=staging\n",
    ".env.production": "APP_NAME=production\n",
    ...files,
  };
  for (const [name, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI; a case that hangs fails by its time bound instead of hanging the suite. */
export function cfgBin(
  argv: readonly string[],
  cwd: string,
  options: { env?: Record<string, string>; timeoutMs?: number; uid?: number; gid?: number } = {},
): BinResult {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [binPath, ...argv], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    encoding: "utf8",
    timeout: options.timeoutMs ?? 15_000,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the real CLI without waiting, for signals and concurrency. */
export function startBin(argv: readonly string[], cwd: string) {
  return spawn(process.execPath, [binPath, ...argv], {
    cwd,
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** What every refused input must show: the contract's exit code, every expected phrase, no stack trace. */
export function expectRefused(result: BinResult, code: number, ...phrases: string[]): void {
  expect(result.signal, `ended by ${result.signal} (timed out?): ${result.stderr}`).toBeNull();
  expect(result.code, result.stderr).toBe(code);
  for (const phrase of phrases) expect(result.stderr).toContain(phrase);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain("unexpected error");
}

/** The real CLI without blocking this thread, so several cases run at once; killed at its time bound. */
export function cfgBinAsync(
  argv: readonly string[],
  cwd: string,
  options: { uid?: number; timeoutMs?: number; script?: string; env?: Record<string, string> } = {},
): Promise<BinResult> {
  const child = spawn(process.execPath, options.script ? [options.script] : [binPath, ...argv], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: options.timeoutMs ?? 15_000,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((done) => {
    child.once("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** A service entrypoint that loads the project's settings for `env` at startup, as main.js would. */
export const STARTUP_SCRIPT = `import { loadSettings } from "cfgkit";
import { settings } from "./settings.js";
const config = loadSettings(settings, { env: process.argv[2] ?? "staging" });
console.log("started as " + config.name);
`;
