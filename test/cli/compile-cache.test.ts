// bin/cfg.js turns on Node's module compile cache where Node has one (22.1+), or on older Node its own cache of
// its largest bundles, and leaves both off when NODE_DISABLE_COMPILE_CACHE is set. The cache goes to Node's default place, node-compile-cache under the temporary
// directory, so each run here gets a temporary directory of its own and the test looks inside it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/** Runs `cfg args` in examples/service (it has a YAML config file) with NODE_COMPILE_CACHE set to `cache`. */
function runInExample(args: string[], cache: string, extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: resolve(import.meta.dirname, "../../examples/service"),
    env: { ...process.env, NODE_COMPILE_CACHE: cache, ...extraEnv },
    encoding: "utf8",
  });
}

const bundleCaches = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

// Node 20 has no compile cache of its own: cfg keeps V8's compiled code of its largest bundles (dist/yaml.cjs,
// dist/commander.cjs, dist/jiti-babel.cjs) itself, in $NODE_COMPILE_CACHE/cfgkit here (node_modules/.cache/cfgkit/compile by default).
describe.skipIf(hasCompileCache)("cfg's own compile cache of its bundles (Node without one)", () => {
  it("keeps yaml's and commander's compiled code after a run that read YAML, and the next run reads the same", () => {
    const cache = mkdtempSync(join(tmpdir(), "cfgkit-bundle-cache-"));
    dirs.push(cache);
    const first = runInExample(["print", "--env", "staging", "--format", "yaml"], cache);
    expect(first.status).toBe(0);
    const written = bundleCaches(join(cache, "cfgkit"));
    const yaml = written.filter((name) => /^yaml\.cjs-\d+-\d+-v[\d.]+\.v8$/.test(name));
    expect(yaml).toHaveLength(1);
    expect(written).toContainEqual(expect.stringMatching(/^commander\.cjs-/));
    const file = join(cache, "cfgkit", yaml[0] as string);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(0);
    const second = runInExample(["print", "--env", "staging", "--format", "yaml"], cache);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(file).size).toBe(size);
  });

  it("compiles as without a cache when the cache file is not V8's (damaged, or another version's), and replaces it", () => {
    const cache = mkdtempSync(join(tmpdir(), "cfgkit-bundle-cache-"));
    dirs.push(cache);
    const clean = runInExample(["check"], cache);
    const [name] = bundleCaches(join(cache, "cfgkit"));
    expect(name).toBeDefined();
    const file = join(cache, "cfgkit", name as string);
    writeFileSync(file, "not a code cache");
    const damaged = runInExample(["check"], cache);
    expect(damaged.status).toBe(clean.status);
    expect(damaged.stdout).toBe(clean.stdout);
    expect(damaged.stderr).toBe("");
    expect(readFileSync(file, "utf8")).not.toBe("not a code cache");
  });

  it("writes nothing with NODE_DISABLE_COMPILE_CACHE=1", () => {
    const cache = mkdtempSync(join(tmpdir(), "cfgkit-bundle-cache-"));
    dirs.push(cache);
    expect(runInExample(["check"], cache, { NODE_DISABLE_COMPILE_CACHE: "1" }).status).toBe(0);
    expect(bundleCaches(join(cache, "cfgkit"))).toEqual([]);
  });
});

describe("cfg without the compile cache", () => {
  it("still runs when Node lacks it or it is turned off", () => {
    expect(runWithTmp({ NODE_DISABLE_COMPILE_CACHE: "1" }).status).toBe(0);
  });
});
