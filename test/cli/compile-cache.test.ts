// bin/cfg.js turns on Node's module compile cache where Node has one (22.1+), and leaves it off when
// NODE_DISABLE_COMPILE_CACHE is set. The cache goes to Node's default place, node-compile-cache under the temporary
// directory, so each run here gets a temporary directory of its own and the test looks inside it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import module from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const bin = resolve(import.meta.dirname, "../../bin/cfg.js");
const hasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === "function";
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs `cfg --version` with its own temporary directory; returns that directory and the exit code. */
function runWithTmp(extraEnv: Record<string, string>): { tmp: string; status: number | null } {
  const tmp = mkdtempSync(join(tmpdir(), "cfgkit-compile-cache-"));
  dirs.push(tmp);
  const { NODE_COMPILE_CACHE: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, [bin, "--version"], {
    env: { ...env, TMPDIR: tmp, ...extraEnv },
    encoding: "utf8",
  });
  return { tmp, status: run.status };
}

if (!hasCompileCache) {
  console.log(
    `compile cache tests skipped: Node ${process.version} has no module.enableCompileCache (22.1+)`,
  );
}

describe.skipIf(!hasCompileCache)("cfg and Node's compile cache", () => {
  it("writes compiled modules to the compile cache", () => {
    const { tmp, status } = runWithTmp({});
    expect(status).toBe(0);
    const cache = join(tmp, "node-compile-cache");
    expect(existsSync(cache) && readdirSync(cache).length).toBeGreaterThan(0);
  });

  it("writes nothing with NODE_DISABLE_COMPILE_CACHE=1", () => {
    const { tmp, status } = runWithTmp({ NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(status).toBe(0);
    expect(existsSync(join(tmp, "node-compile-cache"))).toBe(false);
  });
});

describe("cfg without the compile cache", () => {
  it("still runs when Node lacks it or it is turned off", () => {
    expect(runWithTmp({ NODE_DISABLE_COMPILE_CACHE: "1" }).status).toBe(0);
  });
});
