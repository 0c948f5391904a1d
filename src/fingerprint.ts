/**
 * Fingerprints: a stable hash of resolved settings. Stable under key order, spelling (it hashes the typed
 * values after validation: "3s" and 3000 agree) and runtime; changed by any value change.
 *
 * The canonical form is our own typed encoding hashed with node:crypto. Measured on 100 to 100,000 keys it
 * costs about what object-hash costs (BENCHMARKS.md: within noise of 1×), and it also yields the per-key
 * digests that `cfg hash --keys`, snapshots and diffs need, with every type encoded explicitly (JSON
 * serializers silently turn Map/Set into `{}`, drop `undefined` and flatten Date and BigInt). The whole
 * fingerprint hashes the per-key digests line by line, which keeps memory flat on very large configs.
 */
import { createHash, createHmac, hash } from "node:crypto";
import { containsCredentials, redactValue } from "./redact.js";

/** Bumped whenever the canonical form changes, so old and new fingerprints never compare equal by accident. */
export const FINGERPRINT_FORMAT = "cfg1";

/** The typed canonical text of a value: maps and sets sorted, object keys sorted, every type tagged. */
export function canonicalize(value: unknown): string {
  return encode(value, new Set());
}

function encode(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
      return `s${JSON.stringify(value)}`;
    case "number":
      return Object.is(value, -0) ? "n0" : `n${String(value)}`;
    case "bigint":
      return `i${value.toString()}`;
    case "boolean":
      return value ? "T" : "F";
    case "undefined":
      return "U";
    case "symbol":
    case "function":
      throw new TypeError(`cannot fingerprint a ${typeof value}`);
  }
  if (value === null) return "N";
  const object = value as object;
  if (ancestors.has(object)) throw new TypeError("cannot fingerprint a value that contains itself");
  ancestors.add(object);
  try {
    if (value instanceof Date) return `d${Number.isNaN(value.getTime()) ? "invalid" : value.toISOString()}`;
    if (value instanceof URL) return `u${JSON.stringify(value.href)}`;
    if (value instanceof RegExp) return `r${JSON.stringify(value.toString())}`;
    if (Array.isArray(value)) return `[${value.map((item) => encode(item, ancestors)).join(",")}]`;
    if (value instanceof Set)
      return `S[${[...value]
        .map((item) => encode(item, ancestors))
        .sort()
        .join(",")}]`;
    if (value instanceof Map) {
      const entries = [...value].map(([k, v]) => `${encode(k, ancestors)}:${encode(v, ancestors)}`);
      return `M{${entries.sort().join(",")}}`;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${encode(record[key], ancestors)}`).join(",")}}`;
  } finally {
    ancestors.delete(object);
  }
}

export interface FingerprintInput {
  /** Dotted schema path. */
  path: string;
  value: unknown;
  secret: boolean;
}

export interface KeyFingerprint {
  path: string;
  /**
   * `sha256:…` for a value; for a secret `hmac:…` (keyed) or `present` (no key: its value cannot be compared).
   * Leaves whose value is undefined are left out, as if unset.
   */
  fingerprint: string;
  secret: boolean;
}

export interface Fingerprints {
  /** `cfg1:sha256:<64 hex>` */
  fingerprint: string;
  keys: KeyFingerprint[];
  /** Secrets entered through a keyed HMAC (`true`), or as present/absent only (`false`). */
  secretsKeyed: boolean;
  /** Secret keys, and keys whose values carry credentials (a URL password): what the key protects. */
  secretCount: number;
}

/** Per-key digests stay short: they compare keys, and the whole fingerprint uses them in full length. */
const KEY_DIGEST_LENGTH = 32;

/**
 * Fingerprints a list of settings. `key` (from `CFG_FINGERPRINT_KEY`) lets secrets enter through
 * HMAC-SHA256; without it a secret contributes only its presence, so no fingerprint lets anyone test a guess.
 */
export function fingerprintSettings(inputs: Iterable<FingerprintInput>, key?: string): Fingerprints {
  const keys: KeyFingerprint[] = [];
  let secretCount = 0;
  for (const input of inputs) {
    if (input.value === undefined) continue;
    const credentials = !input.secret && containsCredentials(input.value);
    if (input.secret || credentials) secretCount++;
    const fingerprint = credentials ? credentialsDigest(input.value, key) : keyDigest(input, key);
    keys.push({ path: input.path, fingerprint, secret: input.secret });
  }
  keys.sort(byPath);
  return {
    fingerprint: wholeFingerprint(keys),
    keys,
    secretsKeyed: key !== undefined && key !== "",
    secretCount,
  };
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The whole fingerprint from per-key ones: each `path NUL digest` line, in path order, into one sha256. A
 * snapshot's fingerprint is checked against its keys this way.
 */
export function wholeFingerprint(keys: readonly { path: string; fingerprint: string }[]): string {
  const inOrder = keys.every((key, i) => i === 0 || byPath(keys[i - 1] as (typeof keys)[number], key) <= 0);
  const sorted = inOrder ? keys : [...keys].sort(byPath);
  // One update with the whole text: an update per key cost more than the hashing itself.
  const text = sorted.map((key) => `${key.path}\u0000${key.fingerprint}\n`).join("");
  return `${FINGERPRINT_FORMAT}:sha256:${createHash("sha256").update(text).digest("hex")}`;
}

/** The per-key digest of a value that is not secret. */
export function valueDigest(value: unknown): string {
  // crypto.hash: the one-shot digest, without a Hash object per key.
  return `sha256:${hash("sha256", canonicalize(value), "hex").slice(0, KEY_DIGEST_LENGTH)}`;
}

function keyDigest(input: FingerprintInput, key: string | undefined): string {
  if (!input.secret) return valueDigest(input.value);
  if (!key) return "present";
  return hmacDigest(input.value, key);
}

function hmacDigest(value: unknown, key: string): string {
  const canonical = canonicalize(value);
  return `hmac:${createHmac("sha256", key).update(canonical).digest("hex").slice(0, KEY_DIGEST_LENGTH)}`;
}

/**
 * A value that is not secret but carries credentials (a URL with a password, a `?token=`): keyed, the whole
 * value through the HMAC; without a key, only its masked form, so no digest lets anyone test a guessed password.
 */
function credentialsDigest(value: unknown, key: string | undefined): string {
  return key ? hmacDigest(value, key) : valueDigest(redactValue(value, false));
}

/** Identifies a fingerprint key without revealing it, so two snapshots can tell whether they used the same. */
export function fingerprintKeyId(key: string): string {
  return createHmac("sha256", key).update("cfgkit fingerprint key id").digest("hex").slice(0, 12);
}
