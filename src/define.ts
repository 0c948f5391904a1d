/** `defineSettings()`: a schema plus how it meets the environment, for the runtime and the CLI alike. */
import { z } from "zod";
import { buildPlan, type SettingsPlan } from "./plan.js";

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

type Shape = Record<string, z.ZodType>;

/** A flat definition in @t3-oss/env-core's shape, validated through its `createEnv`. */
export interface FlatSettingsOptions<
  TServer extends Shape = Shape,
  TClient extends Shape = Shape,
  TShared extends Shape = Shape,
> extends CommonOptions {
  server?: TServer;
  client?: TClient;
  shared?: TShared;
  clientPrefix?: string;
  /** Values that take precedence over every source (env-core's `runtimeEnv`). */
  runtimeEnv?: Record<string, string | boolean | number | undefined>;
  /** As in env-core: empty strings become `undefined` before validation. @default false */
  emptyStringAsUndefined?: boolean;
  /** As in env-core: skip validation (and cfgkit's report) entirely. @default false */
  skipValidation?: boolean;
}

/** What `defineSettings()` returns; the same object serves `loadSettings()` and the `cfg` CLI. */
export interface SettingsDefinition<TOutput = unknown> {
  readonly kind: "nested" | "flat";
  readonly schema: z.ZodObject;
  readonly plan: SettingsPlan;
  readonly options: Readonly<CommonOptions & { prefix: string; delimiter: string }>;
  readonly flat?: FlatSettingsOptions;
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
  TServer extends Shape = Record<never, never>,
  TClient extends Shape = Record<never, never>,
  TShared extends Shape = Record<never, never>,
>(
  options: FlatSettingsOptions<TServer, TClient, TShared>,
): SettingsDefinition<z.output<z.ZodObject<TServer & TClient & TShared>>>;
export function defineSettings(
  options: NestedSettingsOptions<z.ZodObject> | FlatSettingsOptions,
): SettingsDefinition {
  if ("schema" in options && options.schema) {
    const prefix = options.prefix ?? "";
    const delimiter = options.delimiter ?? "__";
    if (delimiter === "") throw new TypeError("defineSettings: `delimiter` must not be empty");
    const plan = buildPlan(options.schema, {
      prefix,
      delimiter,
      naming: "nested",
      emptyIsUnset: options.emptyIsUnset,
    });
    return { kind: "nested", schema: options.schema, plan, options: { ...options, prefix, delimiter } };
  }
  const flat = options as FlatSettingsOptions;
  const schema = z.object({ ...flat.server, ...flat.shared, ...flat.client });
  const plan = buildPlan(schema, { prefix: "", delimiter: "__", naming: "flat", emptyIsUnset: false });
  return { kind: "flat", schema, plan, options: { ...flat, prefix: "", delimiter: "__" }, flat };
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
