/** Per-key metadata: how a setting meets the environment, and how cfgkit treats its value. */
import type { z } from "zod";
import { readMeta } from "./_zod.js";

/** Whether a key's value may differ between environments. */
export type DriftPolicy = "expected" | "forbidden" | "report";

const DRIFT_POLICIES: ReadonlySet<unknown> = new Set<DriftPolicy>(["report", "expected", "forbidden"]);

/** Whether `value` names a drift policy: what a schema's `.meta({ drift })` and a project config may say. */
export function isDriftPolicy(value: unknown): value is DriftPolicy {
  return DRIFT_POLICIES.has(value);
}

/** Metadata that cfgkit reads from a schema's `.meta()`. */
export interface SettingMeta {
  /** An env var name used as is, without prefix or nesting (`"DATABASE_URL"`). */
  env?: string;
  /** The value is never printed, logged, diffed in clear or fingerprinted without a key. */
  secret?: boolean;
  /** May the value differ between environments? @default "report" */
  drift?: DriftPolicy;
  /** Shown in reports, `.env.example` and docs. */
  description?: string;
  /** Treat an empty value as unset even when the schema accepts `""`, or keep it when `false`. */
  emptyIsUnset?: boolean;
}

/**
 * Marks a setting secret: its value never appears in any output, only whether it is set and what was wrong.
 *
 * @example
 * webhookSecret: secret(z.string().min(32))
 */
export function secret<T extends z.ZodType>(schema: T): T {
  return schema.meta({ ...schema.meta(), secret: true });
}

/** The cfgkit metadata of a schema, read through optional/default wrappers. */
export function readSettingMeta(schema: z.core.$ZodType): SettingMeta {
  const raw = readMeta(schema);
  const meta: SettingMeta = {};
  if (typeof raw.env === "string") meta.env = raw.env;
  if (raw.secret === true) meta.secret = true;
  if (isDriftPolicy(raw.drift)) meta.drift = raw.drift;
  if (typeof raw.description === "string") meta.description = raw.description;
  if (typeof raw.emptyIsUnset === "boolean") meta.emptyIsUnset = raw.emptyIsUnset;
  return meta;
}
