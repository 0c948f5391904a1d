// `cfg hash` with names like Object.prototype members (issue 8, item 8): an environment named `toString` is an
// unknown environment, lock keys named `toString` or `constructor` are keys, and a malformed lock is refused.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { cfg } from "../cli/_cli.js";
import { plantedProject } from "./_harness.js";

function planted(): string {
  const project = plantedProject("valid");
  onTestFinished(project.remove);
  return project.dir;
}

describe("cfg hash with names like Object.prototype members", () => {
  it("--env toString is an unknown environment (exit 2), not a crash", async () => {
    const dir = planted();
    for (const name of ["toString", "constructor", "hasOwnProperty", "__proto__"]) {
      const result = await cfg(["hash", "--env", name], { cwd: dir });
      expect(result.code, name).toBe(2);
      expect(result.stderr).not.toMatch(/unexpected error|^\s+at /m);
    }
  });

  it("--check against a lock whose keys are named toString and constructor names them, never Object's members", async () => {
    const dir = planted();
    expect((await cfg(["hash", "--all", "--keys", "--write", "cfg.lock.json"], { cwd: dir })).code).toBe(0);
    const path = join(dir, "cfg.lock.json");
    const lock = JSON.parse(readFileSync(path, "utf8"));
    Object.assign(lock.environments.staging.keys, { toString: "sha256:0", constructor: "sha256:1" });
    lock.environments.staging.fingerprint = "cfg1:sha256:edited";
    writeFileSync(path, JSON.stringify(lock));
    const result = await cfg(["hash", "--check", "cfg.lock.json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "staging no longer matches the lock: toString (removed), constructor (removed)",
    );
    expect(result.stderr).not.toContain("[native code]");
  });

  it("a lock that is not one (keys not strings, an environment without a fingerprint) is refused, exit 2", async () => {
    const dir = planted();
    for (const environments of [
      { staging: { keys: {} } },
      { staging: { fingerprint: "x", keys: { a: 1 } } },
      { staging: null },
    ]) {
      writeFileSync(join(dir, "bad.lock.json"), JSON.stringify({ version: 1, environments }));
      const result = await cfg(["hash", "--check", "bad.lock.json"], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("lock file bad.lock.json is not a cfg lock file");
    }
  });
});
