/**
 * Snapshots: what one host really resolves, as a versioned JSON document with redacted values, per-key
 * fingerprints and provenance, and never a secret. `cfg snapshot` writes them; `cfg diff` reads them where
 * it reads environments.
 */
import type { SettingsDefinition } from "./define.js";
import { type DriftOperand, type OperandValue, unsetInvalid } from "./drift.js";
import {
  type Fingerprints,
  fingerprintKeyId,
  fingerprintSettings,
  keyFingerprints,
  keysDigest,
} from "./fingerprint.js";
import { fingerprintInputs } from "./fingerprint-inputs.js";
import { printValue } from "./redact.js";
import type { ResolvedLeaf } from "./resolve.js";
import { describeLeaf, leafValue, originOf } from "./result.js";
import { schemaFingerprint } from "./schema-fingerprint.js";
import type { ResolvedSettings } from "./settings.js";
import { formatOrigin } from "./sources/types.js";

export const SNAPSHOT_FORMAT = "cfgkit-snapshot";
/**
 * 2: `fingerprint` is the settings fingerprint (`cfg2`, what `cfg hash` prints) and `keysDigest` checks the
 * keys. 1 (still read): `fingerprint` was a `cfg1` digest of the keys, and checked them.
 */
export const SNAPSHOT_VERSION = 2;

export interface SnapshotSetting extends OperandValue {
  path: string;
  envName: string;
  /** The redacted typed value (secrets `<secret>`). */
  value: unknown;
  shadowed: { origin: string; value: string }[];
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: 1 | typeof SNAPSHOT_VERSION;
  cfgkitVersion: string;
  createdAt: string;
  host: string;
  environment: string;
  /** Fingerprint of the schema the snapshot was resolved with: a different one means keys may not line up. */
  schemaFingerprint: string;
  /** The settings fingerprint, as `cfg hash` and `fingerprint()` give it (in format 1: a digest of the keys). */
  fingerprint: string;
  /** `sha256:` over the per-key digests (format 2): what a reader checks the keys against. */
  keysDigest?: string;
  /** Secrets entered the fingerprints through HMAC with this key (by id), or only as present. */
  fingerprintKeyId: string | null;
  settings: SnapshotSetting[];
  unknown: { key: string; origin: string }[];
  issues: { kind: string; severity: string; envName?: string; path?: string; message: string }[];
}

/** Per-key values of a resolved environment, fingerprinted with `key` (HMAC for secrets when given). */
export function settingValues(resolved: ResolvedSettings, key: string | undefined): SnapshotSetting[] {
  return settingsOf(resolved, leafValues(resolved), key);
}

/** The fingerprint of a resolved environment (per-key digests computed only when its `keys` is read). */
export function environmentFingerprint(resolved: ResolvedSettings, key: string | undefined): Fingerprints {
  return fingerprintSettings(inputsOf(resolved, leafValues(resolved)), key);
}

/** Each leaf's typed value: validated, or in an invalid environment validated leaf by leaf (worked out once). */
function leafValues(resolved: ResolvedSettings): Map<ResolvedLeaf, unknown> {
  return new Map(resolved.resolution.leaves.map((entry) => [entry, leafValue(entry, resolved.data)]));
}

function inputsOf(resolved: ResolvedSettings, values: Map<ResolvedLeaf, unknown>) {
  return fingerprintInputs(resolved.definition.plan, resolved.resolution.leaves, (entry) =>
    values.get(entry),
  );
}

function settingsOf(
  resolved: ResolvedSettings,
  values: Map<ResolvedLeaf, unknown>,
  key: string | undefined,
): SnapshotSetting[] {
  const settings: SnapshotSetting[] = [];
  eachFingerprinted(
    resolved,
    (entry) => values.get(entry),
    key,
    (entry, value, fingerprint, problem) => {
      // The description every other output uses; a snapshot adds the fingerprint and keeps JSON-safe data.
      const {
        path,
        envName,
        value: display,
        redacted,
        secret,
        origin,
        shadowed,
      } = describeLeaf(entry, value);
      const setting: SnapshotSetting = {
        path,
        envName,
        value: jsonSafe(redacted),
        display,
        type: typeOfValue(value),
        fingerprint,
        origin,
        defaulted: entry.winner === undefined,
        secret,
        shadowed,
      };
      if (problem !== undefined) setting.invalid = problem;
      settings.push(setting);
    },
  );
  return settings;
}

/**
 * A resolved environment as a drift operand, holding only what a comparison reads: each key's printable value,
 * type, digest, origin and flags. No snapshot row is made on the way (no redacted copy of each value, no
 * shadowed candidates, no second copy per key), which at 100,000 keys per environment was most of the garbage
 * and a tenth of the time of `cfg diff`.
 */
export function environmentOperand(resolved: ResolvedSettings, key: string | undefined): DriftOperand {
  const values = new Map<string, OperandValue>();
  const envNames = new Map<string, string>();
  const typedValue = (entry: ResolvedLeaf) => leafValue(entry, resolved.data);
  eachFingerprinted(resolved, typedValue, key, (entry, value, fingerprint, problem) => {
    const { leaf } = entry;
    const comparable: OperandValue = {
      display: printValue(value, leaf.secret),
      type: typeOfValue(value),
      fingerprint,
      origin: originOf(entry, value),
      defaulted: entry.winner === undefined,
      secret: leaf.secret,
    };
    if (problem !== undefined) comparable.invalid = problem;
    values.set(leaf.dottedPath, comparable);
    envNames.set(leaf.dottedPath, leaf.envName);
  });
  const unsetErrors = errorsWithoutValue(resolved.issues, values);
  if (unsetErrors.length > 0) {
    const leaves = new Map(resolved.resolution.leaves.map((entry) => [entry.leaf.dottedPath, entry.leaf]));
    for (const { path, message } of unsetErrors) {
      const leaf = leaves.get(path);
      values.set(path, unsetInvalid(message, leaf?.secret ?? false));
      envNames.set(path, leaf?.envName ?? path);
    }
  }
  const unknown = new Map(resolved.resolution.unknown.map((u) => [u.key, formatOrigin(u.origin)]));
  return { name: resolved.environment, environment: resolved.environment, values, envNames, unknown };
}

/**
 * The first error of each key that has no value (a required key missing): without it, a diff would compare
 * the key as merely unset, excuse it by policy, and pass an environment that cannot start.
 */
function errorsWithoutValue<T extends { severity: string; path?: string; envName?: string; message: string }>(
  issues: readonly T[],
  values: ReadonlyMap<string, unknown>,
): (T & { path: string })[] {
  const found = new Map<string, T & { path: string }>();
  for (const issue of issues) {
    const { path } = issue;
    if (issue.severity === "error" && path && !values.has(path) && !found.has(path))
      found.set(path, { ...issue, path });
  }
  return [...found.values()];
}

/**
 * Every leaf that has a per-key digest (a value), with the value, the digest and, when it is invalid, why. Each
 * digest is made for its leaf in turn: no table of 100,000 paths is built to find them again.
 */
function eachFingerprinted(
  resolved: ResolvedSettings,
  typedValue: (entry: ResolvedLeaf) => unknown,
  key: string | undefined,
  each: (entry: ResolvedLeaf, value: unknown, fingerprint: string, invalid: string | undefined) => void,
): void {
  const invalid = new Map<string, string>();
  for (const issue of resolved.issues) {
    if (issue.severity === "error" && issue.path && !invalid.has(issue.path))
      invalid.set(issue.path, issue.message);
  }
  for (const entry of resolved.resolution.leaves) {
    const { dottedPath: path, secret } = entry.leaf;
    const value = typedValue(entry);
    const [digest] = keyFingerprints([{ path, value, secret }], key);
    if (digest) each(entry, value, digest.fingerprint, invalid.size > 0 ? invalid.get(path) : undefined);
  }
}

export interface SnapshotContext {
  cfgkitVersion: string;
  host: string;
  now: Date;
  /** `CFG_FINGERPRINT_KEY`, when set. */
  key: string | undefined;
}

export function createSnapshot(
  definition: SettingsDefinition,
  resolved: ResolvedSettings,
  context: SnapshotContext,
): Snapshot {
  const values = leafValues(resolved);
  const settings = settingsOf(resolved, values, context.key);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    cfgkitVersion: context.cfgkitVersion,
    createdAt: context.now.toISOString(),
    host: context.host,
    environment: resolved.environment,
    schemaFingerprint: schemaFingerprint(definition),
    fingerprint: fingerprintSettings(inputsOf(resolved, values), context.key).fingerprint,
    keysDigest: `sha256:${keysDigest(settings)}`,
    fingerprintKeyId: context.key ? fingerprintKeyId(context.key) : null,
    settings,
    unknown: resolved.resolution.unknown.map((u) => ({ key: u.key, origin: formatOrigin(u.origin) })),
    issues: resolved.issues.map((issue) => ({
      kind: issue.kind,
      severity: issue.severity,
      ...(issue.envName ? { envName: issue.envName } : {}),
      ...(issue.path ? { path: issue.path } : {}),
      message: issue.message,
    })),
  };
}

/**
 * A drift operand from a snapshot's per-key values. The rows themselves are the operand's values (a row is an
 * operand value with its path, env name, redacted value and shadowed candidates beside it, which no comparison
 * reads): a fleet of 5,000 snapshots holds its million values once instead of once more as copies.
 */
export function operandFrom(
  name: string,
  environment: string,
  settings: readonly SnapshotSetting[],
  unknown: readonly { key: string; origin: string }[],
  host?: string,
  issues: readonly { severity: string; path?: string; envName?: string; message: string }[] = [],
): DriftOperand {
  const values = new Map<string, OperandValue>();
  const envNames = new Map<string, string>();
  for (const setting of settings) {
    values.set(setting.path, setting);
    envNames.set(setting.path, setting.envName);
  }
  // A snapshot of an environment missing a required key records the error, not the key: it is compared too.
  for (const { path, message, envName } of errorsWithoutValue(issues, values)) {
    values.set(path, unsetInvalid(message, false));
    envNames.set(path, envName ?? path);
  }
  const operand: DriftOperand = {
    name,
    environment,
    values,
    envNames,
    unknown: new Map(unknown.map((u) => [u.key, u.origin])),
  };
  if (host !== undefined) operand.host = host;
  return operand;
}

/** A value JSON can carry: bigint as text, Map as an object, Set as an array, Date and URL as text. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return value.href;
  if (value instanceof Set) return [...value].map(jsonSafe);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), jsonSafe(v)]));
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

function typeOfValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (value instanceof Map) return "map";
  if (value instanceof Set) return "set";
  if (value instanceof URL) return "url";
  return typeof value;
}
