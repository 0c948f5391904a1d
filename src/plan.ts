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
  ownMeta,
  someSchemaNode,
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
  /** Marked secret or named like a secret: every leaf below it is secret too. */
  secret: boolean;
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

interface SecretAbove {
  marked: boolean;
  named: boolean;
}

export function buildPlan(schema: z.core.$ZodType, options: PlanOptions): SettingsPlan {
  const leaves: LeafPlan[] = [];
  const byEnvName = new Map<string, PlanNode>();
  const nameFor = (path: readonly string[], meta: SettingMeta) =>
    meta.env ??
    (options.naming === "flat" ? path.join(".") : envNameForPath(path, options.prefix, options.delimiter));

  // `secretAbove`: a node above this one is marked secret (all below it is secret), or is named like a
  // secret (all text below it is).
  const visit = (node: z.core.$ZodType, path: readonly string[], secretAbove: SecretAbove): PlanNode => {
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
      const secretHere: SecretAbove = {
        marked: secretAbove.marked || meta.secret === true,
        named: secretAbove.named || (path.length > 0 && looksSecretName(base.envName)),
      };
      for (const key of Object.keys(shape)) {
        refuseReservedKey(key, [...path, key]);
        const field = shape[key];
        if (field) fields.set(key, visit(field, [...path, key], secretHere));
      }
      planned = { ...base, kind: "object", fields, secret: secretHere.marked || secretHere.named };
    } else {
      const emptyIsUnset = meta.emptyIsUnset ?? options.emptyIsUnset;
      let keepsEmpty = emptyIsUnset === undefined ? undefined : !emptyIsUnset;
      const kind = valueKindOf(node);
      // Secret when marked (here, above, or anywhere inside), or named like a secret (here or above) and text.
      const secret =
        secretAbove.marked ||
        (secretAbove.named && kind === "text") ||
        meta.secret === true ||
        looksSecretName(base.envName, kind) ||
        someSchemaNode(node, (inner) => ownMeta(inner)?.secret === true);
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

  const root = visit(schema, [], { marked: false, named: false });
  if (root.kind !== "object") throw new TypeError("defineSettings: `schema` must be a z.object(...)");
  return { root, leaves, byEnvName, prefix: options.prefix };
}

/**
 * Keys that cannot work as settings: `__proto__` would set a prototype wherever an object is built from paths,
 * and a `toJSON` value would replace the redacting `toJSON` that keeps secrets out of `JSON.stringify`.
 */
const RESERVED_KEYS = new Set(["__proto__", "toJSON"]);

function refuseReservedKey(key: string, path: readonly string[]): void {
  if (!RESERVED_KEYS.has(key)) return;
  throw new TypeError(
    `defineSettings: the schema key "${key}" (at "${formatPath(path)}") cannot be used: ${
      key === "toJSON"
        ? "JSON.stringify would call it instead of cfgkit's redaction"
        : "it would set an object's prototype"
    }; rename it (its env name can stay the same with .meta({ env: "..." }))`,
  );
}
