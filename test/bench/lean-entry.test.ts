/**
 * The runtime entry stays lean (DESIGN.md §5): importing cfgkit and loading settings never loads the CLI or a
 * CLI-only dependency, and YAML only when a YAML file is read. Each case runs in a fresh Node process with a load
 * hook that records every module it loads (fixtures/record-loads.mjs), so the check sees what Node really loaded;
 * dist/ is bundled, so each loaded chunk is read through its source map down to the files it was built from.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadedModules } from "./fixtures/loaded-modules.mjs";

const root = resolve(import.meta.dirname, "../..");
const CLI_ONLY = ["commander", "diff", "jiti", "yaml"];
const emptyDir = mkdtempSync(join(tmpdir(), "cfgkit-lean-"));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

const loadExample = (cwd: string, processEnv: Record<string, string>) => `
  const { loadSettings } = await import("cfgkit");
  const { settings } = await import("./examples/service/settings.js");
  loadSettings(settings, { env: "staging", cwd: ${JSON.stringify(cwd)}, processEnv: ${JSON.stringify(processEnv)}, onError: "throw" });
`;

const cliModules = (sources: string[]) => sources.filter((path) => path.startsWith("src/cli/"));

describe("runtime entry", () => {
  it("importing cfgkit loads no CLI module and no CLI-only dependency", () => {
    const { urls, sources, packages } = loadedModules(`await import("cfgkit");`, root);
    expect(urls).toContain(`file://${root}/dist/index.mjs`);
    expect(sources).toContain("src/settings.ts");
    expect(cliModules(sources)).toEqual([]);
    expect(packages.filter((name) => CLI_ONLY.includes(name))).toEqual([]);
  });

  it("requiring cfgkit (its CommonJS build) loads no CLI module and no CLI-only dependency", () => {
    const { urls, sources, packages } = loadedModules(
      `import { createRequire } from "node:module"; createRequire(process.cwd() + "/")("cfgkit");`,
      root,
    );
    expect(sources).toContain("src/settings.ts");
    expect(urls).toContain(`file://${root}/dist/index.cjs`);
    expect(cliModules(sources)).toEqual([]);
    expect(packages.filter((name) => CLI_ONLY.includes(name))).toEqual([]);
  });

  it("loading settings from .env files and the environment loads no CLI-only dependency, not even yaml", () => {
    const { sources, packages } = loadedModules(
      loadExample(emptyDir, {
        APP_ENV: "staging",
        APP_POSTGRES__URL: "postgres://orders:pw@db:5432/orders",
        APP_REDIS__URL: "redis://cache:6379/0",
        APP_WEBHOOK__SECRET: "s".repeat(40),
      }),
      root,
    );
    expect(cliModules(sources)).toEqual([]);
    expect(packages.filter((name) => CLI_ONLY.includes(name))).toEqual([]);
  });

  it("loads yaml only when the project has a YAML config file, and still nothing of the CLI", () => {
    const { sources, packages } = loadedModules(loadExample(resolve(root, "examples/service"), {}), root);
    expect(packages).toContain("yaml");
    expect(cliModules(sources)).toEqual([]);
    expect(packages.filter((name) => CLI_ONLY.includes(name) && name !== "yaml")).toEqual([]);
  });
});

/** The Node built-ins among `wanted` that `source` (an ES module body) has loaded by its end, in a fresh process. */
function builtinsLoaded(source: string, wanted: readonly string[]): string[] {
  const report = `console.log(JSON.stringify(process.moduleLoadList.filter((m) => m.startsWith("NativeModule "))));`;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", `${source}\n${report}`], {
    cwd: root,
    encoding: "utf8",
  });
  const loaded = (JSON.parse(output) as string[]).map((entry) => entry.slice("NativeModule ".length));
  return wanted.filter((name) => loaded.includes(name));
}

describe("built-ins the runtime loads only when a call needs them", () => {
  const costly = ["crypto", "child_process"];

  it("importing cfgkit and loading settings from .env files loads neither node:crypto nor node:child_process", () => {
    const source = `${loadExample(emptyDir, { APP_ENV: "staging", APP_POSTGRES__URL: "postgres://orders:pw@db:5432/orders", APP_REDIS__URL: "redis://cache:6379/0", APP_WEBHOOK__SECRET: "s".repeat(40) })}`;
    expect(builtinsLoaded(source, costly)).toEqual([]);
  });

  it("fingerprinting loaded settings loads node:crypto then, and works", () => {
    const source = `${loadExample(resolve(root, "examples/service"), {})}
      const { fingerprint } = await import("cfgkit");
      const loaded = loadSettings(settings, { env: "staging", cwd: "examples/service", processEnv: {}, onError: "throw" });
      if (!/^cfg[0-9]+:sha256:[0-9a-f]{64}$/.test(fingerprint(loaded).fingerprint)) throw new Error("no fingerprint");`;
    expect(builtinsLoaded(source, costly)).toEqual(["crypto"]);
  });
});

describe("the detector itself", () => {
  it("sees the CLI's modules and its bundled dependencies when the CLI runs", () => {
    const { sources, packages } = loadedModules(
      `const { run } = await import("./dist/cli.mjs"); await run(["--version"]);`,
      root,
    );
    expect(cliModules(sources)).toContain("src/cli/program.ts");
    expect(packages).toContain("commander");
  });
});
