/**
 * A warm `loadSettings()`: a service that loads its settings again, or a test suite that loads them in every
 * test, reads the same sources each time. So each definition keeps what its last load made of its sources
 * (collected layers, resolution, source issues) and hands it out again while that would come out the same:
 * the same environment, directory and `.env` convention, every file and folder it read unchanged (the source
 * cache's stamps, one stat each, source-cache.ts), and every variable it read from the process environment
 * the same. Validation still runs on every load.
 *
 * Loads that read deployment sources, `KEY_FILE` references or a flat definition's own `runtimeEnv` object are
 * not kept: what they read is not all tracked here.
 */
import { resolve as resolvePath } from "node:path";
import type { EnvFileConvention, SettingsDefinition } from "./define.js";
import type { SourceInputs } from "./sources/collect.js";
import { readsUnchanged, recordReads, type SourceReads } from "./sources/source-cache.js";

type Env = Readonly<Record<string, string | undefined>>;

const ABSENT = Symbol("absent");

/** Every name a load read from the process environment and what it found, and its key list if it listed them. */
interface EnvReads {
  values: Map<string, string | undefined | typeof ABSENT>;
  keys?: readonly (string | symbol)[];
}

interface Kept {
  environment: string;
  cwd: string;
  envFiles: EnvFileConvention;
  files: SourceReads;
  env: EnvReads;
  value: unknown;
}

const kept = new WeakMap<SettingsDefinition, Kept>();

/**
 * `build(inputs)`, or what it returned for this definition's last load while all it read is unchanged.
 * `build` must read files through the source cache and the process environment through `inputs.processEnv`
 * only, and its result must not be changed by the caller.
 */
export function reuseWhileUnchanged<T>(
  definition: SettingsDefinition,
  inputs: SourceInputs,
  build: (inputs: SourceInputs) => T,
): { value: T; reused: boolean } {
  if (!keepable(definition, inputs)) return { value: build(inputs), reused: false };
  const cwd = resolvePath(inputs.cwd);
  const last = kept.get(definition);
  if (
    last &&
    last.environment === inputs.environment &&
    last.cwd === cwd &&
    sameConvention(last.envFiles, inputs.envFiles) &&
    envUnchanged(last.env, inputs.processEnv) &&
    readsUnchanged(last.files)
  )
    return { value: last.value as T, reused: true };

  const env: EnvReads = { values: new Map() };
  const recorded = recordReads(() => build({ ...inputs, processEnv: recordingEnv(inputs.processEnv, env) }));
  if (recorded.reads.reusable) {
    kept.set(definition, {
      environment: inputs.environment,
      cwd,
      // A copy: the caller may change its list in place before the next load.
      envFiles: typeof inputs.envFiles === "string" ? inputs.envFiles : [...inputs.envFiles],
      files: recorded.reads,
      env,
      value: recorded.value,
    });
  } else kept.delete(definition);
  return { value: recorded.value, reused: false };
}

function keepable(definition: SettingsDefinition, inputs: SourceInputs): boolean {
  const runtimeEnv = definition.flat?.runtimeEnvStrict ?? definition.flat?.runtimeEnv;
  return !inputs.deployment && !inputs.fileEnv && (runtimeEnv === undefined || runtimeEnv === process.env);
}

function sameConvention(a: EnvFileConvention, b: EnvFileConvention): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.length === b.length && a.every((file, index) => file === b[index]);
}

const valueIn = (env: Env, name: string) => (Object.hasOwn(env, name) ? env[name] : ABSENT);

/** The process environment as `build` sees it: every name looked up, and a listing of the keys, is noted. */
function recordingEnv(env: Env, reads: EnvReads): Env {
  const see = (name: string | symbol) => {
    if (typeof name === "string" && !reads.values.has(name)) reads.values.set(name, valueIn(env, name));
  };
  return new Proxy(env, {
    get: (target, name) => {
      see(name);
      return Reflect.get(target, name);
    },
    has: (target, name) => {
      see(name);
      return Reflect.has(target, name);
    },
    getOwnPropertyDescriptor: (target, name) => {
      see(name);
      return Reflect.getOwnPropertyDescriptor(target, name);
    },
    ownKeys: (target) => {
      reads.keys = Reflect.ownKeys(target);
      return [...reads.keys];
    },
  });
}

function envUnchanged(reads: EnvReads, env: Env): boolean {
  for (const [name, value] of reads.values) if (valueIn(env, name) !== value) return false;
  if (!reads.keys) return true;
  const keys = Reflect.ownKeys(env);
  return keys.length === reads.keys.length && keys.every((key, index) => key === reads.keys?.[index]);
}
