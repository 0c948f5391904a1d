// Snapshot formats: a format-2 snapshot carries the settings fingerprint `cfg hash` prints and a keysDigest
// its keys are checked against; a format-1 snapshot (before cfg2 fingerprints) is still read and still checked;
// a lock file of cfg1 fingerprints is compared key by key. Run `npm run build` first.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cfgBin } from "../cli/_cli.js";
import { copyOfExample, removeDir } from "./_drift.js";

const KEY = { CFG_FINGERPRINT_KEY: "snapshot-format-test-key-0123456789" };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

type Document = Record<string, unknown> & { settings: { path: string; fingerprint: string }[] };

function snapshotIn(dir: string, env: Record<string, string> = {}): Document {
  const result = cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir, env });
  expect(result.code).toBe(0);
  return JSON.parse(readFileSync(join(dir, "snap.json"), "utf8")) as Document;
}

/** The keys digest as cfgkit 1 wrote it in `fingerprint`: each `path NUL digest` line in path order, sha256. */
function cfg1Fingerprint(settings: readonly { path: string; fingerprint: string }[]): string {
  const lines = [...settings]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((s) => `${s.path}\u0000${s.fingerprint}\n`)
    .join("");
  return `cfg1:sha256:${createHash("sha256").update(lines).digest("hex")}`;
}

/** The same snapshot as format 1: no keysDigest, and the cfg1 digest of its keys as its fingerprint. */
function asFormat1(document: Document): Document {
  const { keysDigest: _keysDigest, ...rest } = document;
  return { ...rest, version: 1, fingerprint: cfg1Fingerprint(document.settings) } as Document;
}

function copy(): string {
  const dir = copyOfExample();
  dirs.push(dir);
  return dir;
}

describe("snapshot format 2", () => {
  it("holds the fingerprint cfg hash prints, and a keysDigest of its per-key digests", () => {
    const dir = copy();
    for (const env of [{}, KEY]) {
      const document = snapshotIn(dir, env);
      const hash = cfgBin(["hash", "--env", "staging"], { cwd: dir, env });
      expect(document.version).toBe(2);
      expect(document.fingerprint).toMatch(/^cfg2:sha256:[0-9a-f]{64}$/);
      expect(hash.stdout).toBe(`staging  ${document.fingerprint}\n`);
      expect(document.settings.length).toBeGreaterThan(0);
      expect(document.keysDigest).toBe(
        `sha256:${cfg1Fingerprint(document.settings).slice("cfg1:sha256:".length)}`,
      );
    }
  });

  it("without its keysDigest, or with another one, is refused as edited", () => {
    const dir = copy();
    const document = snapshotIn(dir);
    const { keysDigest: _keysDigest, ...without } = document;
    for (const edited of [without, { ...document, keysDigest: `sha256:${"0".repeat(64)}` }]) {
      writeFileSync(join(dir, "snap.json"), JSON.stringify(edited));
      const result = cfgBin(["diff", "staging", "snap.json"], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("snap.json does not match its own fingerprint");
    }
  });
});

describe("snapshot format 1 (written before cfg2 fingerprints)", () => {
  it("is still read: its per-key digests compare with today's, and with the same key nothing differs", () => {
    const dir = copy();
    writeFileSync(join(dir, "snap.json"), JSON.stringify(asFormat1(snapshotIn(dir, KEY))));
    const result = cfgBin(["diff", "staging", "snap.json"], { cwd: dir, env: KEY });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("✓ no differences");
    expect(result.code).toBe(0);
  });

  it("is still checked: a key edited without its cfg1 fingerprint is refused", () => {
    const dir = copy();
    const old = asFormat1(snapshotIn(dir, KEY));
    const settings = old.settings.map((s, i) =>
      i === 0 ? { ...s, fingerprint: `sha256:${"0".repeat(32)}` } : s,
    );
    writeFileSync(join(dir, "snap.json"), JSON.stringify({ ...old, settings }));
    const result = cfgBin(["diff", "staging", "snap.json"], { cwd: dir, env: KEY });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("snap.json does not match its own fingerprint");
  });
});

describe("a lock file of cfg1 fingerprints", () => {
  function oldLock(dir: string): Record<string, unknown> & {
    environments: Record<string, { fingerprint: string; keys: Record<string, string> }>;
  } {
    expect(cfgBin(["hash", "--all", "--write", "cfg.lock.json"], { cwd: dir }).code).toBe(0);
    const lock = JSON.parse(readFileSync(join(dir, "cfg.lock.json"), "utf8"));
    for (const recorded of Object.values(lock.environments) as { fingerprint: string }[])
      recorded.fingerprint = `cfg1:sha256:${"a".repeat(64)}`;
    return lock;
  }

  it("matches key by key when nothing changed, and says to renew it", () => {
    const dir = copy();
    writeFileSync(join(dir, "cfg.lock.json"), JSON.stringify(oldLock(dir)));
    const result = cfgBin(["hash", "--check", "cfg.lock.json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("the lock holds an older form of fingerprint for development, staging");
    expect(result.stderr).toContain("run cfg hash --all --write to renew it");
    expect(result.stderr).not.toContain("no longer matches");
  });

  it("names the key that changed", () => {
    const dir = copy();
    const lock = oldLock(dir);
    const staging = lock.environments.staging as { keys: Record<string, string> };
    const [path] = Object.keys(staging.keys);
    staging.keys[path as string] = `sha256:${"0".repeat(32)}`;
    writeFileSync(join(dir, "cfg.lock.json"), JSON.stringify(lock));
    const result = cfgBin(["hash", "--check", "cfg.lock.json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cfg: staging no longer matches the lock: APP_\w+ \(changed\)/);
  });
});
