/**
 * The settings plan: the schema walked once into the nodes cfgkit resolves, each with its env name, how its
 * raw text becomes input, and whether it is secret. Resolution, reports and the CLI all read this plan.
 */
import type { z } from "zod";
import {
  acceptsEmptyString,
  type InputKind,
  inputKindOf,
  objectShape,
  unwrapSchema,
  valueKindOf,
} from "./_zod.js";
import { envNameForPath, formatPath } from "./env-names.js";
import { readSettingMeta, type SettingMeta } from "./meta.js";
import { looksSecretName } from "./redact.js";

interface PlanNodeBase {
  path: readonly string[];
  /** `redis.maxLen` */
  dottedPath: string;
  /** `APP_REDIS__MAX_LEN` */
  envName: string;
  schema: z.core.$ZodType;
  meta: SettingMeta;
  /** Optional or defaulted: an absent value is not an error of its own. */
  mayBeAbsent: boolean;
}

export interface LeafPlan extends PlanNodeBase {
  kind: "leaf";
  inputKind: InputKind;
  /**
   * An empty value counts as a value (the schema accepts `""` and no policy says otherwise). Worked out on
   * first use: asking the schema means a parse, which startup should not pay for every key.
   */
  readonly keepsEmpty: boolean;
  secret: boolean;
}

export interface ObjectPlan extends PlanNodeBase {
  kind: "object";
  fields: Map<string, PlanNode>;
}

export type PlanNode = LeafPlan | ObjectPlan;

export interface SettingsPlan {
  root: ObjectPlan;
  leaves: LeafPlan[];
  /** Every node (leaf or object) by its env name. */
  byEnvName: Map<string, PlanNode>;
  prefix: string;
}

export interface PlanOptions {
  prefix: string;
  delimiter: string;
  /** Nested definitions map paths to UPPER_SNAKE names; flat (t3-style) ones use keys as they are. */
  naming: "nested" | "flat";
  /** Definition-wide empty-value policy; a key's own `emptyIsUnset` wins. */
  emptyIsUnset: boolean | undefined;
}

export function buildPlan(schema: z.core.$ZodType, options: PlanOptions): SettingsPlan {
  const leaves: LeafPlan[] = [];
  const byEnvName = new Map<string, PlanNode>();
  const nameFor = (path: readonly string[], meta: SettingMeta) =>
    meta.env ??
    (options.naming === "flat" ? path.join(".") : envNameForPath(path, options.prefix, options.delimiter));

  const visit = (node: z.core.$ZodType, path: readonly string[]): PlanNode => {
    const meta = readSettingMeta(node);
    const { mayBeAbsent } = unwrapSchema(node);
    const base = {
      path,
      dottedPath: formatPath(path),
      envName: nameFor(path, meta),
      schema: node,
      meta,
      mayBeAbsent,
    };
    const shape = objectShape(node);
    let planned: PlanNode;
    if (shape && (options.naming === "nested" || path.length === 0)) {
      const fields = new Map<string, PlanNode>();
      for (const key of Object.keys(shape)) {
        const field = shape[key];
        if (field) fields.set(key, visit(field, [...path, key]));
      }
      planned = { ...base, kind: "object", fields };
    } else {
      const emptyIsUnset = meta.emptyIsUnset ?? options.emptyIsUnset;
      let keepsEmpty = emptyIsUnset === undefined ? undefined : !emptyIsUnset;
      const secret = meta.secret === true || looksSecretName(base.envName, valueKindOf(node));
      planned = Object.defineProperty(
        { ...base, kind: "leaf", inputKind: inputKindOf(node), secret },
        "keepsEmpty",
        {
          get: () => {
            keepsEmpty ??= acceptsEmptyString(node);
            return keepsEmpty;
          },
          enumerable: true,
        },
      ) as LeafPlan;
      leaves.push(planned);
    }
    if (path.length > 0) byEnvName.set(planned.envName, planned);
    return planned;
  };

  const root = visit(schema, []);
  if (root.kind !== "object") throw new TypeError("defineSettings: `schema` must be a z.object(...)");
  return { root, leaves, byEnvName, prefix: options.prefix };
}
