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
 * Whether an empty string is a meaningful value for this schema. Coercing schemas turn `""` into `0` or
 * `false`, which is never what an empty env var means, so they count as not accepting it.
 */
export function acceptsEmptyString(schema: AnySchema): boolean {
  const { base } = unwrapSchema(schema);
  if (defOf(base).coerce) return false;
  return (base as z.ZodType).safeParse("").success;
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
