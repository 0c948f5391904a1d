/**
 * What a setting expects, in words, read from its input JSON Schema: shared by `explain`, `example` and `docs`
 * so the three always describe a key the same way.
 */
import { z } from "zod";
import type { LeafPlan } from "../plan.js";
import { printValue } from "../redact.js";

export interface Expectation {
  /** `integer 1024–65535`, `one of json, pretty`, `string (uri), at least 32 characters` */
  type: string;
  required: boolean;
  /** Printable default (secrets never), when the schema has one. */
  defaultText?: string;
  description?: string;
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
}

export function describeExpectation(leaf: LeafPlan): Expectation {
  let schema: JsonSchema = {};
  try {
    schema = z.toJSONSchema(leaf.schema as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    // Some schemas (custom types, cycles) have no JSON Schema; the key is then described as "any value".
  }
  const expectation: Expectation = {
    type: describeType(schema, leaf.secret),
    required: !leaf.mayBeAbsent,
  };
  if (schema.default !== undefined) expectation.defaultText = printValue(schema.default, leaf.secret);
  const description = leaf.meta.description ?? schema.description;
  if (description) expectation.description = description;
  return expectation;
}

/** For a secret, the allowed values themselves (enum, const, pattern) are values too and stay unsaid. */
function describeType(schema: JsonSchema, secret: boolean): string {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return [...new Set(variants.map((variant) => describeType(variant, secret)))].join(" or ");
  if (schema.enum)
    return secret
      ? `one of ${schema.enum.length} values`
      : `one of ${schema.enum.map((v) => String(v)).join(", ")}`;
  if (schema.const !== undefined) return secret ? "a fixed value" : `exactly ${JSON.stringify(schema.const)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any value");
  const parts = [schema.format ? `${type} (${schema.format})` : type];
  // Zod's int() bounds itself to the safe-integer range: not worth saying.
  const bound = (value: number | undefined) =>
    value === undefined || Math.abs(value) >= Number.MAX_SAFE_INTEGER ? undefined : value;
  const low = bound(schema.minimum ?? schema.exclusiveMinimum);
  const high = bound(schema.maximum ?? schema.exclusiveMaximum);
  if (low !== undefined && high !== undefined) parts[0] = `${parts[0]} ${low}–${high}`;
  else if (low !== undefined) parts.push(`at least ${low}`);
  else if (high !== undefined) parts.push(`at most ${high}`);
  if (schema.minLength !== undefined && schema.maxLength !== undefined) {
    parts.push(`${schema.minLength}–${schema.maxLength} characters`);
  } else if (schema.minLength !== undefined && schema.minLength > 0) {
    parts.push(`at least ${schema.minLength} character${schema.minLength === 1 ? "" : "s"}`);
  } else if (schema.maxLength !== undefined) {
    parts.push(`at most ${schema.maxLength} characters`);
  }
  if (schema.pattern && !secret) parts.push(`matching /${schema.pattern}/`);
  if (type === "array" && schema.items) parts[0] = `array of ${describeType(schema.items, secret)} (JSON)`;
  if (type === "object") parts[0] = "object (JSON)";
  return parts.join(", ");
}
