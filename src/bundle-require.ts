/**
 * Requires one of the package's own CommonJS bundles (dist/yaml.cjs, dist/jiti-babel.cjs): as require() does,
 * or, once the CLI has turned the cache on, with a V8 code cache of it on disk. Node 22.1+ keeps such a cache
 * itself (module.enableCompileCache, which bin/cfg.js turns on); Node 20 has none, and compiling these bundles
 * is most of what reading a first YAML file (yaml, 230 kB) or a first TypeScript config (babel, 1.5 MB) costs.
 *
 * The cache is written once a process that used a bundle exits, so it holds every function that run compiled,
 * not only the top level; V8 refuses a cache made by another V8 version or for other source text, and the
 * bundle is then compiled as without one and the cache written again. A service's loadSettings() never turns
 * it on.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Script } from "node:vm";
import { nodeVm } from "./builtins.js";

let cacheDir: string | undefined;
const loaded = new Map<string, unknown>();

/**
 * Turns the code cache on for this process. It is kept in `$NODE_COMPILE_CACHE/cfgkit` when that is set (where
 * Node 22 would keep its own), else beside jiti's in `node_modules/.cache/cfgkit/compile` of the node_modules
 * that holds cfgkit (created when first written), so that a CI caching node_modules/.cache keeps both.
 */
export function enableBundleCompileCache(): void {
  const nodeCache = process.env.NODE_COMPILE_CACHE;
  if (nodeCache) {
    cacheDir = join(nodeCache, "cfgkit");
    return;
  }
  // This file is dist/<chunk>.mjs: the package is its parent, installed in a node_modules or a checkout.
  const pkg = dirname(dirname(fileURLToPath(import.meta.url)));
  const at = pkg.lastIndexOf(`${sep}node_modules${sep}`);
  const modules = at >= 0 ? pkg.slice(0, at + `${sep}node_modules`.length) : join(pkg, "node_modules");
  cacheDir = join(modules, ".cache", "cfgkit", "compile");
}

/** The bundle `file` (an absolute path), required once per process. */
export function requireBundle(file: string): unknown {
  if (!loaded.has(file)) loaded.set(file, cacheDir ? runCached(file, cacheDir) : createRequire(file)(file));
  return loaded.get(file);
}

function runCached(file: string, dir: string): unknown {
  const source = readFileSync(file, "utf8");
  const { size, mtimeMs } = statSync(file);
  const prefix = `${basename(file)}-`;
  const cacheFile = join(dir, `${prefix}${size}-${Math.trunc(mtimeMs)}-${process.version}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The wrapper Node itself puts around a CommonJS module, so the bundle runs as it would under require().
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new (nodeVm().Script)(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (!cachedData || script.cachedDataRejected) {
    process.once("exit", () => writeCache(script, dir, prefix, cacheFile));
  }
  return module.exports;
}

/** Best effort: a cache that cannot be written (read-only tree, full disk) only means the next run compiles. */
function writeCache(script: Script, dir: string, prefix: string, cacheFile: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    // Caches of an earlier build or Node version of the same bundle are of no further use.
    for (const old of readdirSync(dir)) if (old.startsWith(prefix)) rmSync(join(dir, old), { force: true });
    // Written aside and renamed into place: a concurrent run reads a whole cache or none.
    const partial = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    // Nothing to do: the next run compiles the bundle again.
  }
}
