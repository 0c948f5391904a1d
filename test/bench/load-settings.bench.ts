/**
 * loadSettings() on the example service's staging settings against @t3-oss/env-core's createEnv() on the same
 * variables, repeated in one warm process. Run through `npm run bench` (test/bench/run.mjs).
 *
 * Three calls are timed: cfgkit reading the example's files (.env, .env.staging, config/default.yaml) as a
 * service does; cfgkit given the same resolved variables through `processEnv` in a directory with no files (the
 * input env-core gets); and env-core validating those variables against the example's 26 leaves written as one
 * flat shape (fixtures/example-flat.mjs).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { createEnv } from "@t3-oss/env-core";
import { loadSettings } from "cfgkit";
import { bench, describe } from "vitest";
import { exampleDir, exampleEnvironment, exampleRuntimeEnv, settings } from "./fixtures/example.mjs";
import { flatShape } from "./fixtures/example-flat.mjs";
import { timing } from "./fixtures/smoke.js";

const { env: runtimeEnv, leaves } = exampleRuntimeEnv();
const emptyDir = mkdtempSync(join(tmpdir(), "cfgkit-bench-"));

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
