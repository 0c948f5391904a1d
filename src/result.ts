/**
 * The loaded settings object: deeply frozen, with its provenance kept beside it, and guarded so that
 * `util.inspect`, `JSON.stringify` and `String` never show a secret.
 */
import { parseWithoutThrowing } from "./_zod.js";
import type { SettingsDefinition } from "./define.js";
import { type Fingerprints, fingerprintSettings } from "./fingerprint.js";
import { fingerprintInputs } from "./fingerprint-inputs.js";
import type { SettingsIssue } from "./issues.js";
import type { PlanNode, SettingsPlan } from "./plan.js";
import { privateRecord } from "./private-record.js";
import { printValue, redactValue } from "./redact.js";
import type { Resolution, ResolvedLeaf } from "./resolve.js";
import type { SourceFile } from "./sources/collect.js";
import { formatOrigin, type Layer } from "./sources/types.js";

/** One setting as `describeSettings()` reports it; values are printable text, secrets `<secret>`. */
export interface SettingDescription {
  path: string;
  envName: string;
  /** Printable text: strings quoted, secrets `<secret>`. */
  value: string;
  /** The typed value with secrets replaced, for JSON output. */
  redacted: unknown;
  secret: boolean;
  /** The winning origin: `.env.staging:12`, `process.env`, `config/production.yaml:4`, `default`. */
  origin: string;
  /** Candidates the winner shadowed, highest precedence first. */
  shadowed: { origin: string; value: string }[];
}

export interface SettingsDescription {
  environment: string;
  settings: SettingDescription[];
  /** Every file considered, in precedence order, and whether it was read. */
  files: SourceFile[];
  /** Unknown keys and duplicate lines that did not stop the load. */
  warnings: SettingsIssue[];
}

/** What a loaded object was made from; its description and fingerprint are worked out on first request. */
interface Loaded {
  parts: ResultParts;
  description?: SettingsDescription;
  fingerprints?: Fingerprints;
}

const loaded = privateRecord<Loaded>();
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

export interface ResultParts {
  /** What the settings were loaded with: the telemetry helpers fingerprint its schema. */
  definition: SettingsDefinition;
  plan: SettingsPlan;
  data: Record<string, unknown>;
  resolution: Resolution;
  environment: string;
  files: SourceFile[];
  warnings: SettingsIssue[];
  /** `CFG_FINGERPRINT_KEY`, read at the edge: lets secrets enter the fingerprint through HMAC. */
  fingerprintKey: string | undefined;
}

export function createResult<T>(parts: ResultParts): T {
  // A fresh copy of every object the plan knows: Zod may hand back the same default object on every parse,
  // and guarding or freezing that shared object would break the next load.
  const secretPaths = secretPathsOf(parts.resolution);
  const data = guardedCopy(parts.data, parts.plan.root, { environment: parts.environment, secretPaths });
  // Nothing else at startup: describing and fingerprinting wait until someone asks.
  loaded.set(data, { parts: { ...parts, data } });
  deepFreeze(data);
  return data as T;
}

/**
 * The fingerprint of loaded settings and of each key (computed on first use): compare it with `cfg hash` to
 * know whether a running service has the configuration the repository resolves to.
 *
 * @example
 * fingerprint(config).fingerprint // "cfg2:sha256:…"
 */
export function fingerprint(settings: object): Fingerprints {
  const source = loaded.get(settings);
  if (!source) throw new TypeError("fingerprint: expects the object returned by loadSettings()");
  const { plan, resolution, data, fingerprintKey } = source.parts;
  source.fingerprints ??= fingerprintSettings(
    fingerprintInputs(plan, resolution.leaves, ({ leaf }) => valueAt(data, leaf.path)),
    fingerprintKey,
  );
  return source.fingerprints;
}

/** The environment and definition a loaded object was made from; `caller` names who asked, in the error. */
export function loadedFrom(
  settings: object,
  caller: string,
): { environment: string; definition: SettingsDefinition } {
  const source = loaded.get(settings);
  if (!source) throw new TypeError(`${caller}: expects the object returned by loadSettings()`);
  return { environment: source.parts.environment, definition: source.parts.definition };
}

/**
 * Where every setting came from, with secrets redacted.
 *
 * @example
 * for (const s of describeSettings(config).settings) console.log(s.envName, s.value, s.origin);
 */
export function describeSettings(settings: object): SettingsDescription {
  const source = loaded.get(settings);
  if (!source) throw new TypeError("describeSettings: expects the object returned by loadSettings()");
  source.description ??= describe(source.parts);
  return source.description;
}

function describe(parts: ResultParts): SettingsDescription {
  // Copies: a warm load shares its files and warnings with the loads before it (reuse.ts).
  return {
    environment: parts.environment,
    settings: describeResolution(parts.resolution, parts.data),
    files: parts.files.map((file) => ({ ...file })),
    warnings: parts.warnings.map((warning) => ({ ...warning })),
  };
}

/**
 * Every leaf with its value, origin and shadowed candidates. Without validated data (an invalid environment)
 * the value is the winning candidate's, as resolution converted it.
 */
export function describeResolution(
  resolution: Resolution,
  data: Record<string, unknown> | undefined,
): SettingDescription[] {
  return resolution.leaves.map((resolved) => describeLeaf(resolved, leafValue(resolved, data)));
}

/** One leaf with its value (from {@link leafValue}) as users see it: printable, redacted, with its origins. */
export function describeLeaf(resolved: ResolvedLeaf, value: unknown): SettingDescription {
  const { leaf, winner, candidates } = resolved;
  return {
    path: leaf.dottedPath,
    envName: leaf.envName,
    value: printValue(value, leaf.secret),
    redacted: redactValue(value, leaf.secret),
    secret: leaf.secret,
    origin: originOf(resolved, value),
    shadowed: candidates
      .filter((candidate) => candidate !== winner)
      .map((candidate) => ({
        origin: formatOrigin(candidate.origin),
        value: printValue(candidate.value, leaf.secret),
      })),
  };
}

/** Where a leaf's value came from, as every output words it: the winning candidate's origin, `default` or `unset`. */
export function originOf(resolved: Pick<ResolvedLeaf, "winner">, value: unknown): string {
  return resolved.winner ? formatOrigin(resolved.winner.origin) : value === undefined ? "unset" : "default";
}

/**
 * A leaf's value: the validated one when there is data. In an invalid environment each leaf is validated on
 * its own, so valid keys still get their typed value and default; an invalid one keeps its resolved input.
 */
export function leafValue(
  resolved: Pick<ResolvedLeaf, "leaf" | "winner" | "input">,
  data: Record<string, unknown> | undefined,
): unknown {
  if (data) return valueAt(data, resolved.leaf.path);
  const input = resolved.winner ? (resolved.input ?? resolved.winner.value) : undefined;
  const parsed = parseWithoutThrowing(resolved.leaf.schema, input);
  return parsed.success ? parsed.data : input;
}

/** Own properties only: an absent `constructor` or `toString` key is absent, not Object.prototype's. */
function valueAt(data: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = data;
  for (const key of path)
    current =
      current !== null && typeof current === "object" && Object.hasOwn(current, key)
        ? (current as Record<string, unknown>)[key]
        : undefined;
  return current;
}

/** Leaves that are secret in this resolution: marked in the schema, or holding a value expanded from a secret. */
function secretPathsOf(resolution: Resolution): ReadonlySet<string> {
  return new Set(resolution.leaves.filter((r) => r.leaf.secret).map((r) => r.leaf.dottedPath));
}

/** The same tree with every secret replaced: what JSON, inspection and string conversion see. */
function redactTree(value: unknown, node: PlanNode | undefined, secretPaths: ReadonlySet<string>): unknown {
  if (node?.kind === "leaf") return redactValue(value, node.secret || secretPaths.has(node.dottedPath));
  if (value === null || typeof value !== "object" || Array.isArray(value)) return redactValue(value, false);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = node?.kind === "object" ? node.fields.get(key) : undefined;
    const redacted = redactTree((value as Record<string, unknown>)[key], child, secretPaths);
    Object.defineProperty(copy, key, {
      value: redacted,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/**
 * A copy of the objects of the tree, each with hidden `toJSON`, `util.inspect` and `toString` that show only
 * redacted values. A schema key named `toString` keeps its value (and `String()` then is the user's business);
 * `toJSON` cannot be a key (defineSettings refuses it), or `JSON.stringify` would bypass the redaction.
 */
function guardedCopy(
  value: Record<string, unknown>,
  node: PlanNode,
  context: { environment: string; secretPaths: ReadonlySet<string> },
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    let child = value[key];
    const field = node.kind === "object" ? node.fields.get(key) : undefined;
    if (field?.kind === "object" && child !== null && typeof child === "object" && !Array.isArray(child))
      child = guardedCopy(child as Record<string, unknown>, field, context);
    // Assignment makes the same writable, enumerable, configurable property, except for `__proto__`.
    if (key === "__proto__")
      Object.defineProperty(copy, key, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = child;
  }
  const show = () => redactTree(copy, node, context.secretPaths);
  // An absent optional key named like an Object.prototype member (`valueOf`) reads as undefined, as typed.
  for (const key of prototypeNamedKeys(node))
    if (!Object.hasOwn(copy, key)) Object.defineProperty(copy, key, hidden(undefined));
  // One defineProperty each: a descriptor map through defineProperties costs about twice as much.
  Object.defineProperty(copy, "toJSON", hidden(show));
  Object.defineProperty(copy, INSPECT, hidden(show));
  if (!Object.hasOwn(copy, "toString")) {
    const label = `[settings ${node.dottedPath || context.environment}]`;
    Object.defineProperty(
      copy,
      "toString",
      hidden(() => label),
    );
  }
  return copy;
}

function hidden(value: unknown): PropertyDescriptor {
  return { value, enumerable: false, writable: false, configurable: false };
}

/** Per object node, its keys named like an Object.prototype member (other than `toString`): almost always none. */
const prototypeNamed = new WeakMap<PlanNode, readonly string[]>();

function prototypeNamedKeys(node: PlanNode): readonly string[] {
  let keys = prototypeNamed.get(node);
  if (!keys) {
    keys =
      node.kind === "object"
        ? [...node.fields.keys()].filter((key) => key in Object.prototype && key !== "toString")
        : [];
    prototypeNamed.set(node, keys);
  }
  return keys;
}

/** Freezes every object reachable from `value`, with an explicit stack: a deep value must not overflow it. */
function deepFreeze(value: unknown): void {
  const stack: unknown[] = [value];
  for (let next = stack.pop(); stack.length > 0 || next !== undefined; next = stack.pop()) {
    if (next === null || typeof next !== "object" || Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const key of Object.keys(next)) stack.push((next as Record<string, unknown>)[key]);
  }
}

/**
 * Gives what `resolveSettings()` returns (and the parts users are likely to print) a `toJSON` and a
 * `util.inspect` that show the redacted description, never the raw candidates and layers they hold.
 */
export function guardResolved<T extends object>(
  resolved: T & {
    environment: string;
    resolution: Resolution;
    layers: Layer[];
    data?: Record<string, unknown>;
  },
  plan: SettingsPlan,
  extra: { files: SourceFile[]; issues: readonly SettingsIssue[] },
): T {
  const view = () => ({
    environment: resolved.environment,
    settings: describeResolution(resolved.resolution, resolved.data),
    files: extra.files,
    issues: extra.issues,
  });
  const secretPaths = secretPathsOf(resolved.resolution);
  const hide = (target: object, show: () => unknown) =>
    Object.defineProperties(target, {
      toJSON: { value: show, enumerable: false, configurable: true },
      [INSPECT]: { value: show, enumerable: false, configurable: true },
    });
  hide(resolved, view);
  hide(resolved.resolution, () => view().settings);
  hide(resolved.layers, () => view().settings);
  if (resolved.data) {
    const data = resolved.data;
    hide(data, () => redactTree(data, plan.root, secretPaths));
  }
  return resolved;
}
