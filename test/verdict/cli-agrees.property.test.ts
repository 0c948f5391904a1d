// The CLI agrees with the service: on generated projects (random keys, values, `.env` files per environment,
// config files, with and without a schema), `cfg print --format json` equals what the service resolves, and
// `cfg diff A B` reports a key exactly when the two environments' resolved values differ. With a schema the
// oracle is loadSettings(); without one it is written here independently: dotenv's own parser in Vite's file
// order, and node-config's deep merge of config files, every value as raw text.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parse as parseDotenv } from "dotenv";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSettings, type SettingsDefinition } from "../../src/index.js";
import { cfg } from "../cli/_cli.js";

const ENV_KEYS = ["K_A", "K_B", "K_C", "K_D"];
const ENV_FILES = [".env", ".env.local", ".env.staging", ".env.production", ".env.production.local"];
const CONFIG_FILES = ["default", "staging", "production"];
const ENVIRONMENTS = ["development", "staging", "production"];
/** Which files each environment reads, lowest first (dotenv-flow's and node-config's orders). */
const READS: Record<string, { env: string[]; config: string[] }> = {
  development: { env: [".env", ".env.local"], config: ["default"] },
  staging: { env: [".env", ".env.local", ".env.staging"], config: ["default", "staging"] },
  production: {
    env: [".env", ".env.local", ".env.production", ".env.production.local"],
    config: ["default", "production"],
  },
};

// The schema every typed project shares: each key takes text, a number or a boolean, as the files give it.
const SETTINGS_MODULE = `import { defineSettings } from "cfgkit";
import { z } from "zod";
const value = z.union([z.string(), z.number(), z.boolean()]).optional();
export const settings = defineSettings({
  schema: z.object({
    kA: value, kB: value, kC: value, kD: value,
    name: value,
    http: z.object({ port: value, host: value }).optional(),
  }),
});
`;

type ConfigTree = { name?: unknown; http?: { port?: unknown; host?: unknown } };
interface GeneratedProject {
  typed: boolean;
  envFiles: Partial<Record<string, Record<string, string>>>;
  configFiles: Partial<Record<string, ConfigTree>>;
}

const textArb = fc.stringMatching(/^[a-z0-9._:/-]{0,6}$/);
const configValueArb = fc.oneof(textArb, fc.integer({ min: 0, max: 99999 }), fc.boolean());
const envFileArb = fc.dictionary(fc.constantFrom(...ENV_KEYS), textArb, { maxKeys: 4 });
const configArb: fc.Arbitrary<ConfigTree> = fc.record(
  {
    name: configValueArb,
    http: fc.record({ port: configValueArb, host: configValueArb }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const projectArb: fc.Arbitrary<GeneratedProject> = fc.record({
  typed: fc.boolean(),
  envFiles: fc.record(Object.fromEntries(ENV_FILES.map((file) => [file, envFileArb])), { requiredKeys: [] }),
  configFiles: fc.record(Object.fromEntries(CONFIG_FILES.map((file) => [file, configArb])), {
    requiredKeys: [],
  }),
});

let settingsFile: string;
let definition: SettingsDefinition;
beforeAll(async () => {
  // Inside the repository, so that its imports of "cfgkit" and "zod" resolve; the projects point at it.
  const dir = resolve(import.meta.dirname, "../../.scratch/verdict-properties");
  mkdirSync(dir, { recursive: true });
  settingsFile = join(dir, "settings.mjs");
  writeFileSync(settingsFile, SETTINGS_MODULE);
  definition = (await import(pathToFileURL(settingsFile).href)).settings;
});

function writeProject(project: GeneratedProject): string {
  const dir = mkdtempSync(join(tmpdir(), "cfgkit-property-"));
  for (const [file, entries] of Object.entries(project.envFiles)) {
    const lines = Object.entries(entries ?? {}).map(([key, value]) => `${key}=${value}\n`);
    writeFileSync(join(dir, file), lines.join(""));
  }
  if (Object.keys(project.configFiles).length > 0) mkdirSync(join(dir, "config"));
  for (const [name, tree] of Object.entries(project.configFiles))
    writeFileSync(join(dir, "config", `${name}.json`), JSON.stringify(tree, null, 2));
  if (project.typed) writeFileSync(join(dir, "cfg.config.json"), JSON.stringify({ settings: settingsFile }));
  return dir;
}

/** Every leaf path -> value: flattened so that both oracles and the CLI compare key by key. */
function leaves(
  tree: unknown,
  prefix: string[] = [],
  into = new Map<string, unknown>(),
): Map<string, unknown> {
  if (tree !== null && typeof tree === "object" && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree)) leaves(value, [...prefix, key], into);
  } else if (tree !== undefined) {
    into.set(prefix.join("."), tree);
  }
  return into;
}

/** Without a schema: config files merged deeply, `.env` files read by dotenv, later wins; all as raw text. */
function untypedOracle(project: GeneratedProject, environment: string): Map<string, unknown> {
  const reads = READS[environment] as { env: string[]; config: string[] };
  const values = new Map<string, unknown>();
  for (const name of reads.config) {
    for (const [path, value] of leaves(project.configFiles[name] ?? {}))
      values.set(path, typeof value === "string" ? value : JSON.stringify(value));
  }
  for (const file of reads.env) {
    const entries = project.envFiles[file];
    if (!entries) continue;
    const text = Object.entries(entries)
      .map(([key, value]) => `${key}=${value}\n`)
      .join("");
    for (const [key, value] of Object.entries(parseDotenv(text))) values.set(key, value);
  }
  return values;
}

/** No schema and no file: nothing to resolve any environment from. */
function isEmpty(project: GeneratedProject): boolean {
  return (
    !project.typed &&
    Object.keys(project.envFiles).length === 0 &&
    Object.keys(project.configFiles).length === 0
  );
}

/** Standard names always are; `staging` only when one of its own files exists. */
function isKnown(project: GeneratedProject, environment: string): boolean {
  return environment !== "staging" || ".env.staging" in project.envFiles || "staging" in project.configFiles;
}

/** With a schema: what the service itself loads. */
function typedOracle(dir: string, environment: string): Map<string, unknown> {
  const loaded = loadSettings(definition, { env: environment, cwd: dir, processEnv: {}, onError: "throw" });
  return leaves(JSON.parse(JSON.stringify(loaded)));
}

describe("the CLI agrees with the service on generated projects", () => {
  it("print equals the resolved values; diff reports exactly the keys whose values differ", async () => {
    await fc.assert(
      fc.asyncProperty(projectArb, async (project) => {
        const dir = writeProject(project);
        try {
          const resolvedBy = new Map<string, Map<string, unknown>>();
          for (const environment of ENVIRONMENTS) {
            const printed = await cfg(["print", "--env", environment, "--format", "json"], { cwd: dir });
            if (!isKnown(project, environment)) {
              // Not a standard name and no file names it: a typo must not read the shared files and pass. In a
              // project with nothing in it at all, that there is no project is said first.
              expect(printed.code, printed.stderr).toBe(2);
              expect(printed.stderr).toContain(
                isEmpty(project) ? "no project found" : `unknown environment "${environment}"`,
              );
              continue;
            }
            const expected = project.typed
              ? typedOracle(dir, environment)
              : untypedOracle(project, environment);
            resolvedBy.set(environment, expected);
            if (!project.typed && expected.size === 0) {
              // Nothing found to print: no verdict, never an empty "all clear". Under --format json stdout is
              // then the one error document a command that cannot run writes, with no settings in it.
              expect(printed.code, printed.stderr).toBe(2);
              expect(JSON.parse(printed.stdout)).toMatchObject({
                ok: false,
                error: { code: expect.any(String) },
              });
              expect(JSON.parse(printed.stdout)).not.toHaveProperty("settings");
              continue;
            }
            expect(printed.code, printed.stderr).toBe(0);
            expect(leaves(JSON.parse(printed.stdout).settings)).toEqual(expected);
          }
          for (const [a, b] of [
            ["development", "staging"],
            ["staging", "production"],
          ] as const) {
            const diff = await cfg(["diff", a, b, "--format", "json", "--fail-on", "none"], { cwd: dir });
            const left = resolvedBy.get(a);
            const right = resolvedBy.get(b);
            if (!left || !right) {
              expect(diff.code, diff.stderr).toBe(2);
              continue;
            }
            if (!project.typed && left.size === 0 && right.size === 0) {
              expect(diff.code, diff.stderr).toBe(2);
              continue;
            }
            expect(diff.code, diff.stderr).toBe(0);
            const reported = (JSON.parse(diff.stdout).entries as { path: string }[])
              .map((e) => e.path)
              .sort();
            const paths = new Set([...left.keys(), ...right.keys()]);
            const differing = [...paths].filter(
              (path) => !isDeepStrictEqual(left.get(path), right.get(path)),
            );
            expect(reported).toEqual(differing.sort());
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 50 },
    );
  }, 120_000);
});
