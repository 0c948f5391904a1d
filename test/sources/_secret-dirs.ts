/** Secret directories laid out for real, as Docker and the kubelet lay them out, in a temporary folder. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "cfgkit-secrets-"));
  made.push(dir);
  return dir;
}

/**
 * A Kubernetes Secret volume: the files live in a timestamped folder, `..data` points at it, and each key is
 * a symlink through `..data` (so an update swaps one link). `files` maps key -> content.
 */
export function kubernetesSecretVolume(files: Record<string, string>): string {
  const dir = scratchDir();
  const stamped = "..2026_12_01_08_00_00.000000001";
  mkdirSync(join(dir, stamped));
  for (const [key, content] of Object.entries(files)) writeFileSync(join(dir, stamped, key), content);
  symlinkSync(stamped, join(dir, "..data"));
  for (const key of Object.keys(files)) symlinkSync(join("..data", key), join(dir, key));
  return dir;
}

/** Docker's `/run/secrets`: plain files. */
export function dockerSecrets(files: Record<string, string>): string {
  const dir = scratchDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export function makeFifo(path: string): void {
  execFileSync("mkfifo", [path]);
}
