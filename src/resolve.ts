/**
 * Resolution: layers -> one candidate list per leaf in precedence order, the winner of each, and the input
 * object handed to validation. Pure: no files, no process.env.
 */
import { suggestName } from "./_suggest.js";
import { coercesToNumber, parseWithoutThrowing } from "./_zod.js";
import type { LeafPlan, ObjectPlan, SettingsPlan } from "./plan.js";
import { parseJsonValue } from "./sources/json-checks.js";
import { DEFAULT_LIMITS } from "./sources/limits.js";
import type { ConfigNode, Layer, Origin, SourceProblem } from "./sources/types.js";

export interface Candidate {
  value: unknown;
  origin: Origin;
  /** The layer's name: `.env.staging`, `config/default.yaml`, `process.env`. */
  layer: string;
  /** The layer's precedence: higher wins. */
  rank: number;
  /** Set when the value came from a whole-object JSON env var (`APP_REDIS={"url":…}`). */
  viaJson?: string;
  /** The source says the value is secret (a Kubernetes Secret, a secret file). */
  secret?: true;
}

export interface ResolvedLeaf {
  leaf: LeafPlan;
  /** Every candidate, the winner first, then the ones it shadowed. */
  candidates: Candidate[];
  winner?: Candidate;
  /** An empty value that was treated as unset (a required key then reads "empty", not "missing"). */
  ignoredEmpty?: Candidate;
  /** The winner's value converted to what the schema expects (numbers, booleans, JSON). */
  input?: unknown;
  /** Set when the winner could not be converted (invalid JSON for an object/array key). */
  conversionError?: string;
  /** The schema does not mark the key secret, but a secret source (a Kubernetes Secret, a file) gave it. */
  secretBySource?: true;
}

export interface UnknownKey {
  key: string;
  origin: Origin;
  suggestion?: string;
}

export interface Resolution {
  leaves: ResolvedLeaf[];
  input: Record<string, unknown>;
  unknown: UnknownKey[];
  problems: SourceProblem[];
}

/** Variables that steer cfgkit itself and never belong to a schema. */
const CONTROL_VARIABLES = new Set(["CFG_ENV", "NODE_ENV", "CFG_FINGERPRINT_KEY"]);

export function resolveLayers(
  plan: SettingsPlan,
  layers: readonly Layer[],
  naming: "nested" | "flat",
): Resolution {
  const candidates = new Map<LeafPlan, Candidate[]>(plan.leaves.map((leaf) => [leaf, []]));
  const unknown: UnknownKey[] = [];
  const problems: SourceProblem[] = [];
  const add = (leaf: LeafPlan, candidate: Candidate) => candidates.get(leaf)?.push(candidate);
  let configSink: ConfigSink | undefined;

  for (const layer of [...layers].sort((a, b) => a.rank - b.rank)) {
    if (layer.kind === "config") {
      configSink ??= { add, unknown, problems, knownPaths: plan.leaves.map((leaf) => leaf.dottedPath) };
      collectConfig(layer.tree, plan.root, layer, configSink);
      continue;
    }
    for (const [key, entry] of layer.entries) {
      const node = plan.byEnvName.get(key);
      if (node?.kind === "leaf") {
        const secret = entry.secret ? { secret: entry.secret } : {};
        add(node, {
          value: entry.value,
          origin: entry.origin,
          layer: layer.name,
          rank: layer.rank,
          ...secret,
        });
      } else if (node?.kind === "object") {
        // Every leaf a secret source's JSON fills is as secret as the source.
        const addFrom = entry.secret
          ? (leaf: LeafPlan, c: Candidate) => add(leaf, { ...c, secret: true })
          : add;
        spreadJson(node, key, entry.value, entry.origin, layer, addFrom, problems);
      } else if (isReportable(key, layer, plan.prefix)) {
        unknown.push({ key, origin: entry.origin, ...suggestionFor(key, plan) });
      }
    }
  }

  const leaves: ResolvedLeaf[] = [];
  for (const [leaf, list] of candidates) {
    // A value from a secret source makes the key secret wherever it is shown, whatever the schema says.
    const bySource = list.some((candidate) => candidate.secret) && !leaf.secret;
    const resolved: ResolvedLeaf = bySource
      ? { leaf: { ...leaf, secret: true }, candidates: list.sort(byPrecedence), secretBySource: true }
      : { leaf, candidates: list.sort(byPrecedence) };
    for (const candidate of resolved.candidates) {
      if (candidate.value === "" && !leaf.keepsEmpty) {
        resolved.ignoredEmpty ??= candidate;
        continue;
      }
      resolved.winner = candidate;
      break;
    }
    if (resolved.winner) convertInput(resolved, naming);
    leaves.push(resolved);
  }
  return { leaves, input: buildInput(plan.root, leaves), unknown, problems };
}

/**
 * The input object of a resolution again, for another validation of it (a warm load whose sources did not
 * change): objects and arrays read from JSON text are read again, so that nothing a schema keeps or changes
 * of its input is shared with an earlier load. Everything else is text, numbers and booleans.
 */
export function inputAgain(
  plan: SettingsPlan,
  resolution: Resolution,
  naming: "nested" | "flat",
): Record<string, unknown> {
  return buildInput(plan.root, resolution.leaves, (resolved) => {
    const { input } = resolved;
    if (input === null || typeof input !== "object" || typeof resolved.winner?.value !== "string")
      return input;
    const again: ResolvedLeaf = {
      leaf: resolved.leaf,
      candidates: resolved.candidates,
      winner: resolved.winner,
    };
    convertInput(again, naming);
    return again.input;
  });
}

/** Higher layers first; within one layer a nested variable beats a whole-object JSON one on the same leaf. */
function byPrecedence(a: Candidate, b: Candidate): number {
  return b.rank - a.rank || Number(a.viaJson !== undefined) - Number(b.viaJson !== undefined);
}

function isReportable(key: string, layer: Extract<Layer, { kind: "env" }>, prefix: string): boolean {
  if (CONTROL_VARIABLES.has(key)) return false;
  if (prefix) return key.startsWith(prefix);
  // Without a prefix, only keys written in the project's own files are ours to judge.
  return layer.file !== undefined;
}

function suggestionFor(key: string, plan: SettingsPlan): { suggestion?: string } {
  const suggestion = suggestName(key, plan.byEnvName.keys());
  return suggestion ? { suggestion } : {};
}

/** Where one config file's values go: candidates for leaves, unknown keys, problems. */
interface ConfigSink {
  add: (leaf: LeafPlan, candidate: Candidate) => void;
  unknown: UnknownKey[];
  problems: SourceProblem[];
  /** Every leaf's dotted path, for "did you mean". */
  knownPaths: readonly string[];
}

function collectConfig(
  node: ConfigNode,
  planNode: ObjectPlan,
  layer: Extract<Layer, { kind: "config" }>,
  sink: ConfigSink,
): void {
  const { add, unknown, problems } = sink;
  if (!node.children) {
    const where = planNode.dottedPath ? `"${planNode.dottedPath}"` : "the top level";
    problems.push({
      file: layer.file,
      line: node.line,
      message: `expected a mapping of keys at ${where}`,
      severity: "error",
    });
    return;
  }
  for (const [key, child] of node.children) {
    const field = planNode.fields.get(key);
    const origin: Origin = { kind: "file", file: layer.file, line: child.line };
    if (!field) {
      const path = [...planNode.path, key].join(".");
      const suggestion = suggestName(path, sink.knownPaths);
      unknown.push({ key: path, origin, ...(suggestion ? { suggestion } : {}) });
    } else if (field.kind === "object") {
      collectConfig(child, field, layer, sink);
    } else {
      add(field, { value: child.value, origin, layer: layer.name, rank: layer.rank });
    }
  }
}

/** An object given whole as JSON in its own env var: each leaf inside becomes a candidate. */
function spreadJson(
  node: ObjectPlan,
  envName: string,
  raw: unknown,
  origin: Origin,
  layer: Layer,
  add: (leaf: LeafPlan, candidate: Candidate) => void,
  problems: SourceProblem[],
): void {
  let parsed: unknown = raw;
  if (typeof raw === "string") {
    if (raw === "") return;
    const read = parseJsonValue(raw, DEFAULT_LIMITS.maxDepth);
    if (!read.ok && read.problem) {
      problems.push({
        ...originLocation(origin),
        key: envName,
        message: `${envName}: ${read.problem.message}`,
        severity: "error",
      });
      return;
    }
    parsed = read.ok ? read.value : undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    problems.push({
      ...originLocation(origin),
      key: envName,
      message: `${envName} must be a JSON object with the fields of "${node.dottedPath}"`,
      severity: "error",
    });
    return;
  }
  const visit = (plan: ObjectPlan, value: Record<string, unknown>) => {
    for (const [key, field] of plan.fields) {
      if (!Object.hasOwn(value, key)) continue;
      const inner = value[key];
      if (field.kind === "leaf")
        add(field, { value: inner, origin, layer: layer.name, rank: layer.rank, viaJson: envName });
      else if (inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
        visit(field, inner as Record<string, unknown>);
      }
    }
  };
  visit(node, parsed as Record<string, unknown>);
}

function originLocation(origin: Origin): { file: string; line?: number } {
  if (origin.kind !== "file") return { file: origin.kind === "process-env" ? "process.env" : origin.kind };
  return origin.line === undefined ? { file: origin.file } : { file: origin.file, line: origin.line };
}

const TRUE_WORDS = new Set(["true", "1", "yes", "on"]);
const FALSE_WORDS = new Set(["false", "0", "no", "off"]);

/**
 * Env values are text; a plain `z.number()`, `z.boolean()` or object/array key gets the typed value it
 * expects. Text that does not convert is passed on unchanged so the schema reports it in its own words.
 * Flat (t3-style) definitions get the raw text, exactly as env-core would.
 */
function convertInput(resolved: ResolvedLeaf, naming: "nested" | "flat"): void {
  const value = resolved.winner?.value;
  if (typeof value !== "string" || naming === "flat") {
    resolved.input = value;
    return;
  }
  const kind = resolved.leaf.inputKind;
  if (kind === "union") {
    // A union takes the first reading of the text that one of its options accepts, the text itself first.
    const readings = [value, toNumber(value), toBoolean(value), toJson(value)].filter((r) => r !== undefined);
    resolved.input =
      readings.find((reading) => parseWithoutThrowing(resolved.leaf.schema, reading).success) ?? value;
    return;
  }
  if (kind === "json") {
    const parsed = readJson(value);
    if (!parsed.ok)
      resolved.conversionError = parsed.problem?.message ?? "expected JSON (an array or object)";
    else resolved.input = parsed.value;
    return;
  }
  const numeric = kind === "number" || (kind === "string" && coercesToNumber(resolved.leaf.schema));
  if (numeric && isUnsafeInteger(value)) {
    // Number() would round it silently; the schema would then accept a different value.
    resolved.conversionError = `an integer beyond 2^53 (${Number.MAX_SAFE_INTEGER}) cannot be a number exactly; use z.bigint() or a string`;
    return;
  }
  const converted =
    kind === "number"
      ? toNumber(value)
      : kind === "boolean"
        ? toBoolean(value)
        : kind === "bigint"
          ? toBigInt(value)
          : value;
  resolved.input = converted ?? value;
}

function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : undefined;
}

function toBigInt(text: string): bigint | undefined {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? BigInt(trimmed) : undefined;
}

function toBoolean(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
}

function toJson(text: string): unknown {
  const read = readJson(text);
  return read.ok ? read.value : undefined;
}

/** An object or array given as JSON text, held to the depth limit, without duplicate keys or rounded integers. */
function readJson(text: string): ReturnType<typeof parseJsonValue> {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return { ok: false };
  return parseJsonValue(trimmed, DEFAULT_LIMITS.maxDepth);
}

function isUnsafeInteger(text: string): boolean {
  const trimmed = text.trim();
  return /^[-+]?\d{16,}$/.test(trimmed) && !Number.isSafeInteger(Number(trimmed));
}

/**
 * Nests winners by path; required objects exist even when empty so their defaults apply. Every object is
 * prototype-less: Zod reads `input[key]`, and an absent `valueOf` or `constructor` key must read as absent,
 * not as Object.prototype's member (and no path can reach Object.prototype to write to it).
 */
function buildInput(
  root: ObjectPlan,
  leaves: readonly ResolvedLeaf[],
  inputOf: (resolved: ResolvedLeaf) => unknown = (resolved) => resolved.input,
): Record<string, unknown> {
  const input: Record<string, unknown> = emptyObject();
  for (const resolved of leaves) {
    if (resolved.winner === undefined || resolved.conversionError) continue;
    let target = input;
    const path = resolved.leaf.path;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i] as string;
      if (!Object.hasOwn(target, key)) target[key] = emptyObject();
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1] as string] = inputOf(resolved);
  }
  ensureRequiredObjects(root, input);
  return input;
}

/**
 * An empty object without Object.prototype in its chain. Its prototype is an empty object whose own prototype is
 * null, rather than null itself: `Object.create(null)` objects are kept in V8's slow dictionary mode, and Zod reads
 * every key of every one of them on each validation.
 */
const NO_MEMBERS: object = Object.freeze(Object.create(null));
function emptyObject(): Record<string, unknown> {
  return Object.create(NO_MEMBERS);
}

function ensureRequiredObjects(plan: ObjectPlan, target: Record<string, unknown>): void {
  for (const [key, field] of plan.fields) {
    if (field.kind !== "object") continue;
    if (!Object.hasOwn(target, key)) {
      if (field.mayBeAbsent) continue;
      target[key] = emptyObject();
    }
    const child = target[key];
    if (child !== null && typeof child === "object")
      ensureRequiredObjects(field, child as Record<string, unknown>);
  }
}
