/** Validation: the resolved input through Zod (or env-core's createEnv) into typed data or issues. */
import { createRequire } from "node:module";
import type { createEnv as CreateEnv, StandardSchemaV1 } from "@t3-oss/env-core";
import type { z } from "zod";
import type { SettingsDefinition } from "./define.js";
import { originFields, type SettingsIssue } from "./issues.js";
import type { LeafPlan, PlanNode } from "./plan.js";
import { printValue } from "./redact.js";
import type { Resolution, ResolvedLeaf } from "./resolve.js";
import { formatOrigin } from "./sources/types.js";

export type Validation =
  | { ok: true; data: Record<string, unknown> }
  | {
      ok: false;
      issues: SettingsIssue[];
      /** A flat definition's issues exactly as env-core hands them to `onValidationError`. */
      envCoreIssues?: readonly StandardSchemaV1.Issue[];
    };

interface RawIssue {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  inclusive?: boolean;
}

export function validateResolution(definition: SettingsDefinition, resolution: Resolution): Validation {
  const conversion = resolution.leaves.filter((r) => r.conversionError).map(conversionIssue);
  const raw =
    definition.kind === "flat" ? runCreateEnv(definition, resolution) : runZod(definition, resolution);
  if (raw.ok && conversion.length === 0) return raw;
  const byPath = new Map(resolution.leaves.map((r) => [r.leaf.dottedPath, r]));
  const converted = new Set(conversion.map((issue) => issue.path));
  const issues = raw.ok ? [] : raw.issues.map((issue) => toSettingsIssue(issue, definition, byPath));
  const all = [...conversion, ...issues.filter((issue) => !converted.has(issue.path))];
  const envCore = !raw.ok && raw.envCoreIssues ? { envCoreIssues: raw.envCoreIssues } : {};
  return { ok: false, issues: all, ...envCore };
}

function runZod(definition: SettingsDefinition, resolution: Resolution): RawValidation {
  let result: ReturnType<z.ZodType["safeParse"]>;
  try {
    result = (definition.schema as z.ZodType).safeParse(resolution.input);
  } catch (error) {
    return { ok: false, issues: thrownIssues(error, resolution) };
  }
  if (result.success) return { ok: true, data: result.data as Record<string, unknown> };
  return { ok: false, issues: result.error.issues as RawIssue[] };
}

/** The issue code of a schema that threw instead of reporting; its message is cfgkit's own, never the value. */
const THREW = "cfgkit_threw";

const STANDARD_ERRORS = new Set(["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError"]);

/**
 * A transform or refinement that throws (Zod lets the exception through) stops the whole parse. Each leaf is
 * then parsed alone: the one whose schema throws gets an issue saying so, with the message withheld (it may
 * quote the value), and the others still report their own problems.
 */
function thrownIssues(error: unknown, resolution: Resolution): RawIssue[] {
  const issues: RawIssue[] = [];
  let located = false;
  for (const resolved of resolution.leaves) {
    const input = resolved.winner ? resolved.input : undefined;
    try {
      const result = (resolved.leaf.schema as z.ZodType).safeParse(input);
      if (!result.success)
        for (const issue of result.error.issues as RawIssue[])
          issues.push({ ...issue, path: [...resolved.leaf.path, ...issue.path] });
    } catch (leafError) {
      located = true;
      issues.push({ path: resolved.leaf.path, message: `its ${threwMessage(leafError)}`, code: THREW });
    }
  }
  if (!located) issues.push({ path: [], message: `the schema's ${threwMessage(error)}`, code: THREW });
  return issues;
}

function threwMessage(error: unknown): string {
  const name = error instanceof Error && STANDARD_ERRORS.has(error.name) ? error.name : "an exception";
  return `transform or refinement threw (${name}; message withheld: it may quote the value)`;
}

class EnvCoreIssues {
  constructor(readonly issues: readonly StandardSchemaV1.Issue[]) {}
}

type RawValidation =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; issues: RawIssue[]; envCoreIssues?: readonly StandardSchemaV1.Issue[] };

/**
 * env-core, loaded on the first flat definition: nested ones (the common case) never need it. Loading stays
 * synchronous, as loadSettings() is: Node 20.19+ can require() an ES module.
 */
let envCore: { createEnv: typeof CreateEnv } | undefined;
function loadEnvCore(): { createEnv: typeof CreateEnv } {
  envCore ??= createRequire(import.meta.url)("@t3-oss/env-core") as { createEnv: typeof CreateEnv };
  return envCore;
}

/**
 * Flat definitions go through env-core itself, so its options behave exactly as in t3-env: the resolved
 * sources are its `runtimeEnv`. cfgkit always runs on the server (`isServer: false` is refused at definition).
 */
function runCreateEnv(definition: SettingsDefinition, resolution: Resolution): RawValidation {
  const flat = definition.flat ?? {};
  const runtimeEnv: Record<string, string | boolean | number | undefined> = {};
  for (const resolved of resolution.leaves) {
    if (resolved.winner) runtimeEnv[resolved.leaf.envName] = resolved.winner.value as string;
  }
  try {
    const { createEnv } = loadEnvCore();
    const env = createEnv({
      server: flat.server ?? {},
      client: flat.client ?? {},
      shared: flat.shared ?? {},
      clientPrefix: flat.clientPrefix ?? "",
      runtimeEnv,
      isServer: true,
      emptyStringAsUndefined: flat.emptyStringAsUndefined ?? false,
      skipValidation: flat.skipValidation ?? false,
      ...(flat.createFinalSchema ? { createFinalSchema: flat.createFinalSchema } : {}),
      ...(flat.onInvalidAccess ? { onInvalidAccess: flat.onInvalidAccess } : {}),
      // cfgkit reports the issues itself; loadSettings hands them to the definition's own handler, if any.
      onValidationError: (issues: readonly StandardSchemaV1.Issue[]) => {
        throw new EnvCoreIssues(issues);
      },
    } as unknown as Parameters<typeof CreateEnv>[0]);
    const data: Record<string, unknown> = {};
    for (const key of Object.keys(env)) data[key] = (env as Record<string, unknown>)[key];
    return { ok: true, data };
  } catch (error) {
    if (!(error instanceof EnvCoreIssues)) return { ok: false, issues: thrownIssues(error, resolution) };
    const issues = error.issues.map((issue) => ({
      ...(issue as object),
      message: issue.message,
      path: (issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment)),
    }));
    return { ok: false, issues, envCoreIssues: error.issues };
  }
}

function conversionIssue(resolved: ResolvedLeaf): SettingsIssue {
  return {
    kind: "invalid",
    severity: "error",
    ...leafFields(resolved.leaf),
    ...originFields(resolved.winner?.origin),
    message: resolved.conversionError ?? "invalid value",
    received: printValue(resolved.winner?.value, resolved.leaf.secret),
  };
}

function toSettingsIssue(
  issue: RawIssue,
  definition: SettingsDefinition,
  byPath: Map<string, ResolvedLeaf>,
): SettingsIssue {
  const path = issue.path.map(String);
  const resolved = findLeaf(path, byPath);
  const dottedPath = path.join(".");
  if (!resolved) {
    const node = findNode(definition.plan.root, path);
    const within = definition.plan.leaves.filter((leaf) => leaf.dottedPath.startsWith(`${dottedPath}.`));
    const origins = [
      ...new Set(
        within
          .map((leaf) => byPath.get(leaf.dottedPath)?.winner?.origin)
          .filter(isDefined)
          .map(formatOrigin),
      ),
    ];
    return {
      kind: "invalid",
      severity: "error",
      path: dottedPath || "(root)",
      ...(node && node.path.length > 0 ? { envName: `${node.envName}${definition.options.delimiter}*` } : {}),
      ...(origins.length > 0 ? { origin: origins.join(", ") } : {}),
      message: issue.message,
    };
  }
  const { leaf, winner, ignoredEmpty } = resolved;
  const fields = { ...leafFields(leaf), path: dottedPath };
  // Nothing was set for the key itself (zod says invalid_type for most schemas, invalid_value for enums).
  if (!winner && dottedPath === leaf.dottedPath) {
    const expected = describeExpected(issue, leaf);
    if (ignoredEmpty) {
      return {
        kind: "empty",
        severity: "error",
        ...fields,
        ...originFields(ignoredEmpty.origin),
        message: "is set but empty",
        ...expected,
      };
    }
    return { kind: "missing", severity: "error", ...fields, message: "is required but not set", ...expected };
  }
  return {
    kind: "invalid",
    severity: "error",
    ...fields,
    ...originFields(winner?.origin),
    message: leaf.secret ? describeSecretProblem(issue, winner?.value) : issue.message,
    received: printValue(winner?.value, leaf.secret),
  };
}

function describeExpected(issue: RawIssue, leaf: LeafPlan): { expected?: string } {
  const choices = choicesOf(leaf.schema);
  const type = choices ? `one of ${choices.join(", ")}` : issue.expected ? `a ${issue.expected}` : undefined;
  const text = [type, leaf.meta.description].filter(isDefined).join(": ");
  return text ? { expected: text } : {};
}

/** The values an enum or a literal allows (the schema's words, never an input's): what a missing key must be. */
function choicesOf(schema: LeafPlan["schema"]): string[] | undefined {
  const def = schema._zod.def as { type: string; entries?: Record<string, unknown>; values?: unknown[] };
  if (def.type === "enum" && def.entries) return Object.values(def.entries).map(String);
  if (def.type === "literal" && def.values) return def.values.map((value) => JSON.stringify(value));
  return undefined;
}

/**
 * Says what is wrong with a secret without its value: "12 characters, needs at least 32". Zod's own message
 * is used only for codes whose message never quotes the input.
 */
function describeSecretProblem(issue: RawIssue, value: unknown): string {
  if (issue.code === THREW) return issue.message;
  const length = typeof value === "string" ? value.length : undefined;
  if (issue.code === "too_small" && issue.origin === "string" && length !== undefined) {
    return `has ${length} characters, needs at least ${issue.minimum}`;
  }
  if (issue.code === "too_big" && issue.origin === "string" && length !== undefined) {
    return `has ${length} characters, allows at most ${issue.maximum}`;
  }
  if (issue.code === "invalid_type") return `expected ${issue.expected ?? "another type"}`;
  if (issue.code === "invalid_format") return "does not have the expected format";
  return "is not valid (details withheld: the value is secret)";
}

function leafFields(leaf: LeafPlan): Pick<SettingsIssue, "envName" | "path" | "secret"> {
  return { envName: leaf.envName, path: leaf.dottedPath, ...(leaf.secret ? { secret: true } : {}) };
}

/** The leaf a Zod issue belongs to: the longest leaf path that starts the issue's path. */
function findLeaf(path: readonly string[], byPath: Map<string, ResolvedLeaf>): ResolvedLeaf | undefined {
  for (let length = path.length; length > 0; length--) {
    const found = byPath.get(path.slice(0, length).join("."));
    if (found) return found;
  }
  return undefined;
}

function findNode(root: PlanNode, path: readonly string[]): PlanNode | undefined {
  let node: PlanNode | undefined = root;
  for (const key of path) node = node?.kind === "object" ? node.fields.get(key) : undefined;
  return node;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
