/**
 * The package as a user gets it: `npm pack` of this checkout (after `npm run build`), installed into fresh consumer
 * projects offline, from the tarball and the local npm cache, for production only, as a service that only loads
 * settings installs it (_consumer.ts).
 * Each kind of consumer runs for real: ES module and CommonJS JavaScript under Node, TypeScript type-checked under
 * `moduleResolution` nodenext (ESM and CommonJS) and bundler, and the installed `cfg` on a `.ts` project config.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Consumer, installConsumer, type Packed } from "./_consumer.js";

const root = resolve(import.meta.dirname, "../..");
const CLI_ONLY = ["commander", "diff", "jiti"];
const tsc = join(root, "node_modules/typescript/bin/tsc");
const work = mkdtempSync(join(tmpdir(), "cfgkit-pack-"));
let packed: Packed;

afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  const [result] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8" }),
  );
  const file = join(work, result.filename);
  const manifest = JSON.parse(
    execFileSync("tar", ["-xOzf", file, "package/package.json"], { encoding: "utf8" }),
  );
  packed = { file, integrity: result.integrity, manifest };
}, 60_000);

const consumer = (name: string, files: Record<string, string>): Consumer =>
  installConsumer(join(work, name), packed, files);

function node(dir: string, file: string): string {
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8" });
}

/**
 * A consumer's compiler options, strict. With skipLibCheck, as most projects set it, a declaration of cfgkit's
 * that failed to resolve would quietly become `any`: each consumer has a `@ts-expect-error` that only holds while
 * the real types come through (without a global `URL` type, from `dom` here, zod's own types degrade so).
 */
const strictCompiler = {
  strict: true,
  target: "es2022",
  lib: ["es2023", "dom"],
  types: [],
  skipLibCheck: true,
};

/** `tsc --noEmit -p <dir>`: its output when it fails, "" when the project type-checks. */
function typecheck(dir: string): string {
  const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", dir], { encoding: "utf8" });
  return run.status === 0 ? "" : `${run.stdout}${run.stderr}`;
}

/** The packages installed under `dir`'s node_modules (scoped ones as `@scope/name`). */
function installedPackages(dir: string): string[] {
  const modules = join(dir, "node_modules");
  return readdirSync(modules)
    .filter((entry) => !entry.startsWith("."))
    .flatMap((entry) =>
      entry.startsWith("@") ? readdirSync(join(modules, entry)).map((sub) => `${entry}/${sub}`) : [entry],
    )
    .sort();
}

// One settings definition, loaded from a variable, a `.env` file and a YAML config file, used by every consumer.
// The values it prints prove the library ran: the port coerced to a number, the fragment's defaults, the YAML.
const settingsBody = (z: string, defineSettings: string, redis: string) => `
const settings = ${defineSettings}({
  prefix: "APP_",
  schema: ${z}.object({ port: ${z}.coerce.number().int(), redis: ${redis}, token: ${z}.string() }),
});`;
const envFile = "APP_REDIS__URL=redis://cache:6379/0\nAPP_TOKEN=canary-token-value\n";
const loadAndPrint = `
const loaded = loadSettings(settings, { processEnv: { APP_PORT: "8080" }, onError: "throw" });
console.log(JSON.stringify({ port: loaded.port, redis: loaded.redis.url, stream: loaded.redis.stream, maxLen: loaded.redis.maxLen }));
`;
// config/default.yaml sets the stream: the YAML reader, bundled into the package, ran.
const configYaml = "redis:\n  stream: orders\n";
const expected = { port: 8080, redis: "redis://cache:6379/0", stream: "orders", maxLen: 10_000 };

describe("the packed package in fresh consumer projects", () => {
  it("an ES module project: import works, types resolve under nodenext, nothing CLI-only is installed", () => {
    const { dir, installLog } = consumer("esm", {
      "package.json": JSON.stringify({ name: "esm-consumer", private: true, type: "module" }),
      ".env": envFile,
      "config/default.yaml": configYaml,
      "main.js": `import { defineSettings, loadSettings } from "cfgkit";
import { redis } from "cfgkit/schemas";
import { z } from "zod";
${settingsBody("z", "defineSettings", "redis")}
${loadAndPrint}`,
      "typed.ts": `import { defineSettings, loadSettings } from "cfgkit";
import { redis } from "cfgkit/schemas";
import { z } from "zod";
${settingsBody("z", "defineSettings", "redis")}
const loaded = loadSettings(settings, { processEnv: {}, onError: "throw" });
const port: number = loaded.port;
// @ts-expect-error the port is a number: this fails to compile only if the types really resolved
const wrong: string = loaded.port;
export { port, wrong };
`,
      "tsconfig.json": JSON.stringify({
        compilerOptions: { ...strictCompiler, module: "nodenext", moduleResolution: "nodenext" },
        files: ["typed.ts"],
      }),
    });
    expect(JSON.parse(node(dir, "main.js"))).toEqual(expected);
    expect(typecheck(dir)).toBe("");
    const installed = installedPackages(dir);
    expect(installed).toContain("cfgkit");
    expect(installed.filter((name) => CLI_ONLY.includes(name))).toEqual([]);
    // No install script of cfgkit's runs or warns (npm names the package and the script when one would).
    expect(installLog).not.toMatch(/prepare|postinstall|install-scripts|cfgkit@0.*script/i);
  }, 120_000);

  it("a CommonJS project: require works and types resolve under nodenext", () => {
    const { dir } = consumer("cjs", {
      "package.json": JSON.stringify({ name: "cjs-consumer", private: true, type: "commonjs" }),
      ".env": envFile,
      "config/default.yaml": configYaml,
      "main.js": `const { defineSettings, loadSettings } = require("cfgkit");
const { redis } = require("cfgkit/schemas");
const { z } = require("zod");
${settingsBody("z", "defineSettings", "redis")}
${loadAndPrint}`,
      "typed.ts": `import { defineSettings, loadSettings } from "cfgkit";
import { redis } from "cfgkit/schemas";
import { z } from "zod";
${settingsBody("z", "defineSettings", "redis")}
const loaded = loadSettings(settings, { processEnv: {}, onError: "throw" });
// @ts-expect-error the port is a number: this fails to compile only if the types really resolved
export const wrong: string = loaded.port;
`,
      "tsconfig.json": JSON.stringify({
        compilerOptions: { ...strictCompiler, module: "nodenext", moduleResolution: "nodenext" },
        files: ["typed.ts"],
      }),
    });
    expect(JSON.parse(node(dir, "main.js"))).toEqual(expected);
    expect(typecheck(dir)).toBe("");
  }, 120_000);

  it("a bundler-resolution TypeScript project: types resolve for both entries", () => {
    const { dir } = consumer("bundler", {
      "package.json": JSON.stringify({ name: "bundler-consumer", private: true, type: "module" }),
      "typed.ts": `import { defineSettings, type DeepReadonly, loadSettings } from "cfgkit";
import { httpServer } from "cfgkit/schemas";
import { z } from "zod";
const settings = defineSettings({ prefix: "APP_", schema: z.object({ http: httpServer }) });
const loaded = loadSettings(settings, { processEnv: {}, onError: "throw" });
const port: number = loaded.http.port;
// @ts-expect-error the port is a number: this fails to compile only if the types really resolved
const wrong: string = loaded.http.port;
export type Loaded = DeepReadonly<{ http: { port: number } }>;
export const same: Loaded = loaded;
export { port, wrong };
`,
      "tsconfig.json": JSON.stringify({
        compilerOptions: { ...strictCompiler, module: "preserve", moduleResolution: "bundler" },
        files: ["typed.ts"],
      }),
    });
    expect(typecheck(dir)).toBe("");
  }, 120_000);

  it("the installed cfg runs a TypeScript project config with its bundled loader", () => {
    const { dir } = consumer("cli", {
      "package.json": JSON.stringify({ name: "cli-consumer", private: true, type: "module" }),
      ".env": "APP_PORT=8080\n",
      ".env.staging": "APP_PORT=not-a-port\n",
      "settings.ts": `import { defineSettings } from "cfgkit";
import { z } from "zod";
export const settings = defineSettings({ prefix: "APP_", schema: z.object({ port: z.coerce.number().int() }) });
`,
      "cfg.config.ts": `import { defineConfig } from "cfgkit";
import { settings } from "./settings.ts";
export default defineConfig({ settings, environments: ["development", "staging"] });
`,
    });
    const cfg = (...args: string[]) =>
      spawnSync(join(dir, "node_modules/.bin/cfg"), args, { cwd: dir, encoding: "utf8" });
    const good = cfg("check", "--env", "development");
    expect(good.stderr).toBe("");
    expect(good.status).toBe(0);
    const bad = cfg("check", "--env", "staging");
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/\.env\.staging:1\s+error\s+APP_PORT/);
  }, 120_000);
});
