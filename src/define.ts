/** `defineSettings()`: a schema plus how it meets the environment, for the runtime and the CLI alike. */

import type { DefaultCombinedSchema } from "@t3-oss/env-core";
import { z } from "zod";
import {
  type AnyFinalSchema,
  checkFlatOptions,
  type FlatEnvCoreOptions,
  type FlatOptions,
  type FlatOutput,
  type FlatShape,
} from "./define-flat.js";
import { buildPlan, type SettingsPlan } from "./plan.js";
import { resolveLimits, type SourceLimits } from "./sources/limits.js";

/** Which `.env` files an environment reads, lowest precedence first. */
export type EnvFileConvention = "dotenv-flow" | "nextjs" | readonly string[];

interface CommonOptions {
  /**
   * `.env` files to read: `"dotenv-flow"` (`.env` < `.env.local` < `.env.<env>` < `.env.<env>.local`),
   * `"nextjs"` (`.env.local` beats `.env.<env>` and is skipped for `test`), or an explicit list of files, each
   * of which must exist.
   * @default "dotenv-flow"
   */
  envFiles?: EnvFileConvention;
  /**
   * Directory of config files (`default`, `<env>`, `local`; `.json`, `.yaml`, `.yml`), relative to `cwd`;
   * `false` reads none.
   * @default "config"
   */
  configDir?: string | false;
  /**
   * Treat empty values as unset (`true`) or as values (`false`). By default an empty value is unset unless the
   * key's schema accepts the empty string.
   */
  emptyIsUnset?: boolean;
  /**
   * Limits on what a source may hold, each checked before the input is read whole:
   * `maxFileBytes` (1 MiB), `maxValueBytes` (64 KiB) and `maxDepth` (64 levels of nesting).
   */
  limits?: Partial<SourceLimits>;
}

/** A nested definition: one Zod object schema whose paths map onto env names. */
export interface NestedSettingsOptions<TSchema extends z.ZodObject> extends CommonOptions {
  schema: TSchema;
  /**
   * Prepended to every env name: `APP_` makes `redis.maxLen` read `APP_REDIS__MAX_LEN`.
   * @default ""
   */
  prefix?: string;
  /**
   * Joins nesting levels in env names.
   * @default "__"
   */
  delimiter?: string;
}

/**
 * A flat definition in @t3-oss/env-core's shape (every option of its `createEnv`), validated through
 * `createEnv` itself, plus cfgkit's own options.
 */
export type FlatSettingsOptions<
  TPrefix extends string | undefined = string | undefined,
  TServer extends FlatShape = FlatShape,
  TClient extends FlatShape = FlatShape,
  TShared extends FlatShape = FlatShape,
  TExtends extends Array<Record<string, unknown>> = [],
  TFinalSchema extends AnyFinalSchema = AnyFinalSchema,
> = CommonOptions & FlatEnvCoreOptions<TPrefix, TServer, TClient, TShared, TExtends, TFinalSchema>;

/** What `defineSettings()` returns; the same object serves `loadSettings()` and the `cfg` CLI. */
export interface SettingsDefinition<TOutput = unknown> {
  readonly kind: "nested" | "flat";
  readonly schema: z.ZodObject;
  readonly plan: SettingsPlan;
  readonly options: Readonly<
    Omit<CommonOptions, "limits"> & { prefix: string; delimiter: string; limits: SourceLimits }
  >;
  readonly flat?: FlatOptions;
  /** Carries the output type; never set at run time. */
  readonly __output?: TOutput;
}

/**
 * Defines the settings of a service.
 *
 * @example
 * export const settings = defineSettings({
 *   prefix: "APP_",
 *   schema: z.object({ http: httpServer, webhookSecret: secret(z.string().min(32)) }),
 * });
 */
export function defineSettings<TSchema extends z.ZodObject>(
  options: NestedSettingsOptions<TSchema>,
): SettingsDefinition<z.output<TSchema>>;
export function defineSettings<
  TPrefix extends string | undefined,
  TServer extends FlatShape = NonNullable<unknown>,
  TClient extends FlatShape = NonNullable<unknown>,
  TShared extends FlatShape = NonNullable<unknown>,
  const TExtends extends Array<Record<string, unknown>> = [],
  TFinalSchema extends AnyFinalSchema = DefaultCombinedSchema<TServer, TClient, TShared>,
>(
  options: FlatSettingsOptions<TPrefix, TServer, TClient, TShared, TExtends, TFinalSchema>,
): SettingsDefinition<FlatOutput<TFinalSchema, TExtends>>;
export function defineSettings(input: object): SettingsDefinition {
  const options = input as Partial<NestedSettingsOptions<z.ZodObject>>;
  if (options.schema) {
    const prefix = options.prefix ?? "";
    const delimiter = options.delimiter ?? "__";
    if (delimiter === "") throw new TypeError("defineSettings: `delimiter` must not be empty");
    const plan = buildPlan(options.schema, {
      prefix,
      delimiter,
      naming: "nested",
      emptyIsUnset: options.emptyIsUnset,
    });
    const limits = resolveLimits(options.limits);
    return {
      kind: "nested",
      schema: options.schema,
      plan,
      options: { ...options, prefix, delimiter, limits },
    };
  }
  checkFlatOptions(input as Record<string, unknown>);
  const flat = input as FlatOptions & CommonOptions;
  const schema = z.object({ ...flat.server, ...flat.shared, ...flat.client });
  // Empty values reach env-core as they are (its `emptyStringAsUndefined` decides), unless cfgkit's policy says.
  const emptyIsUnset = flat.emptyIsUnset ?? false;
  const plan = buildPlan(schema, { prefix: "", delimiter: "__", naming: "flat", emptyIsUnset });
  const limits = resolveLimits(flat.limits);
  return { kind: "flat", schema, plan, options: { ...flat, prefix: "", delimiter: "__", limits }, flat };
}

export function isSettingsDefinition(value: unknown): value is SettingsDefinition {
  return (
    typeof value === "object" &&
    value !== null &&
    "plan" in value &&
    "schema" in value &&
    ((value as SettingsDefinition).kind === "nested" || (value as SettingsDefinition).kind === "flat")
  );
}
