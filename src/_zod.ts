/**
 * The one place that looks inside Zod schemas. cfgkit needs a few structural facts (is this an object, is
 * it optional, what is its base type, what metadata does it carry) that Zod keeps on `_zod.def`.
 */
import type { z } from "zod";

type AnySchema = z.core.$ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  coerce?: boolean;
}

function defOf(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

/** Wrappers that change presence or add behaviour but not the shape of the value inside. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

export interface Unwrapped {
  /** The innermost schema once presence wrappers and the input side of pipes are removed. */
  base: AnySchema;
  /** `true` when the value may be absent (optional, default, prefault, catch). */
  mayBeAbsent: boolean;
}

export function unwrapSchema(schema: AnySchema): Unwrapped {
  let current = schema;
  let mayBeAbsent = false;
  for (let depth = 0; depth < 64; depth++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) {
      if (def.type !== "nullable" && def.type !== "readonly" && def.type !== "nonoptional")
        mayBeAbsent = true;
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) {
      current = def.in;
    } else {
      break;
    }
  }
  return { base: current, mayBeAbsent };
}

/** The fields of an object schema (after unwrapping), or `undefined` for any other schema. */
export function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const def = defOf(unwrapSchema(schema).base);
  return def.type === "object" ? def.shape : undefined;
}

/** Whether the schema turns text into a number itself (`z.coerce.number()`), rounding an integer past 2^53. */
export function coercesToNumber(schema: AnySchema): boolean {
  const def = defOf(unwrapSchema(schema).base);
  return def.coerce === true && def.type === "number";
}

/** How a raw env string should be turned into the input this schema expects. */
export type InputKind = "string" | "number" | "bigint" | "boolean" | "json" | "union";

export function inputKindOf(schema: AnySchema): InputKind {
  const def = defOf(unwrapSchema(schema).base);
  if (def.coerce) return "string";
  switch (def.type) {
    case "number":
      return "number";
    case "bigint":
      return "bigint";
    case "boolean":
      return "boolean";
    case "object":
    case "array":
    case "tuple":
    case "record":
    case "map":
    case "set":
      return "json";
    case "union":
      return "union";
    default:
      return "string";
  }
}

/**
 * What a schema's output is, for the secret-name rule: `number` (also bigint) and `boolean` when every value
 * it produces is one (`z.coerce.number()`, `z.stringbool()`, a union of numbers), `text` otherwise.
 */
export function valueKindOf(schema: AnySchema): "text" | "number" | "boolean" {
  const kinds = outputKinds(schema, 0);
  if (kinds.size === 1 && !kinds.has("text")) return kinds.has("number") ? "number" : "boolean";
  return "text";
}

function outputKinds(schema: AnySchema, depth: number): Set<"text" | "number" | "boolean"> {
  const def = defOf(schema) as Def & { out?: AnySchema; options?: AnySchema[]; values?: unknown[] };
  if (depth > 64) return new Set(["text"]);
  if (WRAPPERS.has(def.type) && def.innerType) return outputKinds(def.innerType, depth + 1);
  if (def.type === "pipe" && def.out) {
    // A transform's output is unknown to the schema: fall back to what goes in.
    const out = defOf(def.out).type === "transform" ? def.in : def.out;
    return out ? outputKinds(out, depth + 1) : new Set(["text"]);
  }
  if (def.type === "number" || def.type === "bigint") return new Set(["number"]);
  if (def.type === "boolean") return new Set(["boolean"]);
  if (def.type === "union" && def.options) {
    return new Set(def.options.flatMap((option) => [...outputKinds(option, depth + 1)]));
  }
  if (def.type === "literal" && def.values) {
    return new Set(
      def.values.map((value) =>
        typeof value === "number" || typeof value === "bigint"
          ? "number"
          : typeof value === "boolean"
            ? "boolean"
            : "text",
      ),
    );
  }
  return new Set(["text"]);
}

/**
 * Whether an empty string is a meaningful value for this schema. Coercing schemas turn `""` into `0` or
 * `false`, which is never what an empty env var means, so they count as not accepting it.
 */
export function acceptsEmptyString(schema: AnySchema): boolean {
  const { base } = unwrapSchema(schema);
  if (defOf(base).coerce) return false;
  return parseWithoutThrowing(base, "").success;
}

/**
 * `safeParse` that also survives a transform or refinement that throws (Zod lets such exceptions through):
 * that counts as a failed parse. Its message is dropped, since it may quote the value.
 */
export function parseWithoutThrowing(
  schema: AnySchema,
  input: unknown,
): { success: true; data: unknown } | { success: false } {
  try {
    const result = (schema as z.ZodType).safeParse(input);
    return result.success ? { success: true, data: result.data } : { success: false };
  } catch {
    return { success: false };
  }
}

/** Metadata attached with `.meta()` anywhere along the wrapper chain; outer wrappers win. */
export function readMeta(schema: AnySchema): Record<string, unknown> {
  const chain: AnySchema[] = [];
  let current: AnySchema | undefined = schema;
  for (let depth = 0; current && depth < 64; depth++) {
    chain.push(current);
    const def = defOf(current);
    current = WRAPPERS.has(def.type) ? def.innerType : def.type === "pipe" ? def.in : undefined;
  }
  const merged: Record<string, unknown> = {};
  for (const node of chain.reverse()) {
    const meta = (node as z.ZodType).meta?.();
    if (meta) Object.assign(merged, meta);
  }
  return merged;
}

/** The schemas directly inside one node, wherever Zod keeps them (fields, elements, options, pipe ends…). */
function childSchemas(schema: AnySchema): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown>;
  const children: unknown[] = [];
  for (const key of ["innerType", "in", "out", "element", "keyType", "valueType", "left", "right", "rest"])
    children.push(def[key]);
  if (Array.isArray(def.options)) children.push(...def.options);
  if (Array.isArray(def.items)) children.push(...def.items);
  if (def.type === "object") {
    children.push(def.catchall);
    const shape = def.shape as Record<string, unknown> | undefined;
    if (shape) children.push(...Object.values(shape));
  }
  if (def.type === "lazy" && typeof def.getter === "function") children.push(def.getter());
  return children.filter((child): child is AnySchema => isSchema(child));
}

function isSchema(value: unknown): value is AnySchema {
  return typeof value === "object" && value !== null && "_zod" in value;
}

/**
 * Whether `test` holds for this schema or any schema nested anywhere inside it (objects, arrays, records,
 * unions, tuples, maps, sets, optional/default wrappers, pipes, lazy). Iterative with a visited set, so a
 * recursive (lazy) schema ends and a deep one cannot overflow the stack.
 */
export function someSchemaNode(schema: AnySchema, test: (node: AnySchema) => boolean): boolean {
  const seen = new Set<AnySchema>();
  const pending: AnySchema[] = [schema];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    if (test(node)) return true;
    pending.push(...childSchemas(node));
  }
  return false;
}

/** The node's own `.meta()`, without looking through wrappers. */
export function ownMeta(schema: AnySchema): Record<string, unknown> | undefined {
  return (schema as z.ZodType).meta?.() as Record<string, unknown> | undefined;
}
