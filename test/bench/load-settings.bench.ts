/**
 * Warm loadSettings() against @t3-oss/env-core's createEnv() on the same variables, repeated in one process. Run
 * through `npm run bench` (test/bench/run.mjs).
 *
 * The example service's staging settings (26 leaves), three calls: cfgkit loading the example's files (.env,
 * .env.staging, config/default.yaml) as a service does; cfgkit given the same resolved variables through
 * `processEnv` in a directory with no files (the input env-core gets); and env-core validating those variables
 * against the example's 26 leaves written as one flat shape (fixtures/example-flat.mjs). Then the 50-variable case
 * (fixtures/fifty.mjs): cfgkit loading its three .env files, env-core validating the winning values.
 *
 * The directories are written here, so the bench waits until they are older than the source cache's racy window
 * (2 s, src/sources/source-cache.ts) before timing: a service's files are older than that, and files changed within
 * it are read again on every load.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { createEnv } from "@t3-oss/env-core";
import { defineSettings, loadSettings } from "cfgkit";
import { bench, describe } from "vitest";
import { z } from "zod";
import { exampleDir, exampleEnvironment, exampleRuntimeEnv, settings } from "./fixtures/example.mjs";
import { flatShape } from "./fixtures/example-flat.mjs";
import { expectedRaw, typed, variables, writeFiftyFixture } from "./fixtures/fifty.mjs";
import { byKey, byName } from "./fixtures/fifty-zod.mjs";
import { SMOKE, timing } from "./fixtures/smoke.js";

const { env: runtimeEnv, leaves } = exampleRuntimeEnv();
const emptyDir = mkdtempSync(join(tmpdir(), "cfgkit-bench-"));
const fiftyDir = mkdtempSync(join(tmpdir(), "cfgkit-bench-fifty-"));
writeFiftyFixture(fiftyDir);
if (!SMOKE) await new Promise((settled) => setTimeout(settled, 2100));

const fromFiles = () =>
  loadSettings(settings, { env: exampleEnvironment, cwd: exampleDir, processEnv: {}, onError: "throw" });
const fromVariables = () =>
  loadSettings(settings, {
    env: exampleEnvironment,
    cwd: emptyDir,
    processEnv: runtimeEnv,
    onError: "throw",
  });
const withEnvCore = () =>
  createEnv({ server: flatShape, runtimeEnv, isServer: true, emptyStringAsUndefined: true });

// Time only what agrees: every leaf must come out the same from all three calls.
const viaFiles = fromFiles() as Record<string, unknown>;
const viaVariables = fromVariables() as Record<string, unknown>;
const viaEnvCore = withEnvCore() as Record<string, unknown>;
for (const { envName, path } of leaves) {
  const cfgkitValue = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], viaFiles);
  const sameInput = path.reduce<unknown>(
    (node, key) => (node as Record<string, unknown>)?.[key],
    viaVariables,
  );
  if (!isDeepStrictEqual(cfgkitValue, viaEnvCore[envName]) || !isDeepStrictEqual(cfgkitValue, sameInput)) {
    throw new Error(
      `${envName}: cfgkit ${JSON.stringify(cfgkitValue)}, variables only ${JSON.stringify(sameInput)}, env-core ${JSON.stringify(viaEnvCore[envName])}`,
    );
  }
}

describe(`example service, ${exampleEnvironment}: ${leaves.length} leaves, ${Object.keys(runtimeEnv).length} set`, () => {
  bench("cfgkit loadSettings, example files", () => void fromFiles(), timing({ time: 1000 }));
  bench("cfgkit loadSettings, same variables, no files", () => void fromVariables(), timing({ time: 1000 }));
  bench("env-core createEnv", () => void withEnvCore(), timing({ time: 1000 }));
});

// The 50-variable case as the cold comparison's peers write it (test/bench/peers/cfgkit.mjs, env-core.mjs), warm.
const fifty = defineSettings({ prefix: "APP_", schema: z.object(byKey) });
const fiftyRaw = expectedRaw();
const fiftyFromFiles = () =>
  loadSettings(fifty, { env: "staging", cwd: fiftyDir, processEnv: {}, onError: "throw" });
const fiftyWithEnvCore = () =>
  createEnv({ server: byName, runtimeEnv: fiftyRaw, isServer: true, emptyStringAsUndefined: true });

const fiftyViaFiles = fiftyFromFiles() as Record<string, unknown>;
const fiftyViaEnvCore = fiftyWithEnvCore() as Record<string, unknown>;
for (const { name, key, kind } of variables) {
  const expected = typed(kind, fiftyRaw[name] as string);
  if (!isDeepStrictEqual(fiftyViaFiles[key], expected) || !isDeepStrictEqual(fiftyViaEnvCore[name], expected))
    throw new Error(
      `${name}: cfgkit ${JSON.stringify(fiftyViaFiles[key])}, env-core ${JSON.stringify(fiftyViaEnvCore[name])}, expected ${JSON.stringify(expected)}`,
    );
}

describe(`${variables.length} variables, staging: three .env files`, () => {
  bench("cfgkit loadSettings, three .env files", () => void fiftyFromFiles(), timing({ time: 1000 }));
  bench("env-core createEnv", () => void fiftyWithEnvCore(), timing({ time: 1000 }));
});
