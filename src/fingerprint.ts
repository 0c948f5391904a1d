/**
 * Fingerprints: a stable hash of resolved settings. Stable under key order, spelling (it hashes the typed
 * values after validation: "3s" and 3000 agree) and runtime; changed by any value change.
 *
 * The whole fingerprint is one sha256 over one canonical text of every (path, value) pair in path order,
 * built in one pass: per-key digests cost a hash per key, so they are computed only when a command asks for
 * them (`cfg hash --keys`, lock files, snapshots, diffs). The canonical form is our own typed encoding, with
 * every type tagged (JSON serializers silently turn Map/Set into `{}`, drop `undefined` and flatten Date and
 * BigInt). A secret, and a value carrying credentials, enter both forms only as a keyed HMAC, or without a
 * key as their presence (a secret) or masked form (credentials): no fingerprint lets anyone test a guess.
 */
import { nodeCrypto } from "./builtins.js";
import { containsCredentials, redactValue } from "./redact.js";

/**
 * Bumped whenever the canonical form of the whole fingerprint changes, so old and new never compare equal.
 * `cfg1` hashed the per-key digests; `cfg2` hashes the values' canonical text once.
 */
export const FINGERPRINT_FORMAT = "cfg2";

/** The typed canonical text of a value: maps and sets sorted, object keys sorted, every type tagged. */
export function canonicalize(value: unknown): string {
  return encode(value, 0, undefined);
}

/**
 * Below this depth no ancestors are tracked: a cycle recurses past it and is caught there, and the common
 * shallow value (a list, a small object) costs no Set. Past it, the chain of ancestors is tracked.
 */
const TRACKED_DEPTH = 32;

function encode(value: unknown, depth: number, ancestors: Set<object> | undefined): string {
  switch (typeof value) {
    case "string":
      return `s${JSON.stringify(value)}`;
    case "number":
      return Object.is(value, -0) ? "n0" : `n${value}`;
    case "bigint":
      return `i${value}`;
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
  if (object instanceof Date) return `d${Number.isNaN(object.getTime()) ? "invalid" : object.toISOString()}`;
  if (object instanceof URL) return `u${JSON.stringify(object.href)}`;
  if (object instanceof RegExp) return `r${JSON.stringify(object.toString())}`;
  if (depth < TRACKED_DEPTH) return encodeContainer(object, depth + 1, undefined);
  const seen = ancestors ?? new Set<object>();
  if (seen.has(object)) throw new TypeError("cannot fingerprint a value that contains itself");
  seen.add(object);
  try {
    return encodeContainer(object, depth + 1, seen);
  } finally {
    seen.delete(object);
  }
}

function encodeContainer(value: object, depth: number, ancestors: Set<object> | undefined): string {
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      // A hole (a sparse array) stays empty, as `map` and `join` leave it.
      const item = i in value ? encode(value[i], depth, ancestors) : "";
      text += i === 0 ? item : `,${item}`;
    }
    return `${text}]`;
  }
  if (value instanceof Set)
    return `S[${[...value]
      .map((item) => encode(item, depth, ancestors))
      .sort()
      .join(",")}]`;
  if (value instanceof Map) {
    const entries = [...value].map(
      ([k, v]) => `${encode(k, depth, ancestors)}:${encode(v, depth, ancestors)}`,
    );
    return `M{${entries.sort().join(",")}}`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    text += `${i === 0 ? "" : ","}${JSON.stringify(key)}:${encode(record[key], depth, ancestors)}`;
  }
  return `${text}}`;
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
  /** `cfg2:sha256:<64 hex>` */
  fingerprint: string;
  /** Per-key digests in path order, computed on first read (a hash per key costs more than the whole). */
  readonly keys: KeyFingerprint[];
  /** How many keys entered (leaves whose value is undefined are left out, as if unset). */
  keyCount: number;
  /** Secrets entered through a keyed HMAC (`true`), or as present/absent only (`false`). */
  secretsKeyed: boolean;
  /** Secret keys, and keys whose values carry credentials (a URL password): what the key protects. */
  secretCount: number;
}

/** Per-key digests stay short: they compare keys, and nothing is derived from them. */
const KEY_DIGEST_LENGTH = 32;

/**
 * Fingerprints a list of settings. `key` (from `CFG_FINGERPRINT_KEY`) lets secrets enter through
 * HMAC-SHA256; without it a secret contributes only its presence, so no fingerprint lets anyone test a guess.
 */
export function fingerprintSettings(inputs: Iterable<FingerprintInput>, key?: string): Fingerprints {
  const entries = inPathOrder(inputs);
  let secretCount = 0;
  // The canonical text: the JSON of [path, leaf, path, leaf, …] in path order, where a leaf is the value itself
  // when JSON spells it exactly (text, a finite number, a boolean) and otherwise a one-element array holding a
  // token: the value's typed canonical text, `P` (a secret, present) or `h<hmac>` (keyed). JSON.stringify
  // writes it in one native pass; the JSON structure keeps paths, values and tokens apart.
  const parts: unknown[] = [];
  for (const { path, value, secret } of entries) {
    let leaf: unknown = secret ? undefined : plainLeaf(value);
    if (leaf === undefined) {
      const token = secret ? secretToken(value, key) : valueToken(value, key);
      if (secret || token.credentials) secretCount++;
      leaf = [token.text];
    }
    parts.push(path, leaf);
  }
  const result = {
    fingerprint: `${FINGERPRINT_FORMAT}:sha256:${nodeCrypto().hash("sha256", JSON.stringify(parts), "hex")}`,
    keyCount: entries.length,
    secretsKeyed: key !== undefined && key !== "",
    secretCount,
  };
  let keys: KeyFingerprint[] | undefined;
  // Enumerable, so JSON output of the result still lists the keys.
  Object.defineProperty(result, "keys", {
    enumerable: true,
    get: () => {
      keys ??= keyFingerprints(entries, key);
      return keys;
    },
  });
  return result as Fingerprints;
}

/**
 * Per-key digests in path order: what `cfg hash --keys`, lock files, snapshots and diffs compare. Each
 * follows the same rules as the whole fingerprint (secrets keyed or present, credentials keyed or masked).
 */
export function keyFingerprints(inputs: Iterable<FingerprintInput>, key?: string): KeyFingerprint[] {
  return inPathOrder(inputs).map(({ path, value, secret }) => ({
    path,
    fingerprint: keyDigest(value, secret, key),
    secret,
  }));
}

/** The defined inputs, sorted by path (by UTF-16 code unit, as `Array.prototype.sort` orders object keys). */
function inPathOrder(inputs: Iterable<FingerprintInput>): FingerprintInput[] {
  const entries: FingerprintInput[] = [];
  let sorted = true;
  for (const input of inputs) {
    if (input.value === undefined) continue;
    const previous = entries[entries.length - 1];
    if (previous !== undefined && previous.path > input.path) sorted = false;
    entries.push(input);
  }
  return sorted ? entries : entries.sort(byPath);
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** A leaf JSON spells exactly, as itself: text without credentials, a finite number (-0 as 0), a boolean. */
function plainLeaf(value: unknown): string | number | boolean | undefined {
  switch (typeof value) {
    case "string":
      return containsCredentials(value) ? undefined : value;
    case "number":
      return Number.isFinite(value) ? value : undefined;
    case "boolean":
      return value;
    default:
      return undefined;
  }
}

interface Token {
  text: string;
  credentials: boolean;
}

/** A secret: its HMAC when keyed, only its presence without a key. */
function secretToken(value: unknown, key: string | undefined): Token {
  return { text: key ? `h${hmacHex(value, key)}` : "P", credentials: false };
}

/**
 * Any other value: its typed canonical text. One carrying credentials (a URL password, a `?token=`; text that
 * reaches here always does) enters keyed through the HMAC, or without a key as its masked form.
 */
function valueToken(value: unknown, key: string | undefined): Token {
  const credentials =
    typeof value === "string" ||
    (typeof value === "object" && !(value instanceof Date) && containsCredentials(value));
  if (!credentials) return { text: canonicalize(value), credentials };
  return { text: key ? `h${hmacHex(value, key)}` : canonicalize(redactValue(value, false)), credentials };
}

function keyDigest(value: unknown, secret: boolean, key: string | undefined): string {
  if (secret) return key ? hmacDigest(value, key) : "present";
  if (!containsCredentials(value)) return valueDigest(value);
  return key ? hmacDigest(value, key) : valueDigest(redactValue(value, false));
}

/** The per-key digest of a value that is not secret and carries no credentials. */
export function valueDigest(value: unknown): string {
  // crypto.hash: the one-shot digest, without a Hash object per key.
  return `sha256:${nodeCrypto().hash("sha256", canonicalize(value), "hex").slice(0, KEY_DIGEST_LENGTH)}`;
}

function hmacDigest(value: unknown, key: string): string {
  return `hmac:${hmacHex(value, key).slice(0, KEY_DIGEST_LENGTH)}`;
}

function hmacHex(value: unknown, key: string): string {
  return nodeCrypto().createHmac("sha256", key).update(canonicalize(value)).digest("hex");
}

/**
 * A digest of per-key digests: each `path NUL digest` line, in path order, into one sha256 (hex). A snapshot
 * holds per-key digests, not values, and is checked against its own keys this way.
 */
export function keysDigest(keys: readonly { path: string; fingerprint: string }[]): string {
  const inOrder = keys.every((key, i) => i === 0 || byPath(keys[i - 1] as (typeof keys)[number], key) <= 0);
  const sorted = inOrder ? keys : [...keys].sort(byPath);
  // One update with the whole text: an update per key cost more than the hashing itself.
  const text = sorted.map((key) => `${key.path}\u0000${key.fingerprint}\n`).join("");
  return nodeCrypto().hash("sha256", text, "hex");
}

/** Identifies a fingerprint key without revealing it, so two snapshots can tell whether they used the same. */
export function fingerprintKeyId(key: string): string {
  return nodeCrypto()
    .createHmac("sha256", key)
    .update("cfgkit fingerprint key id")
    .digest("hex")
    .slice(0, 12);
}
