/**
 * Flat definitions in @t3-oss/env-core's shape: its option types, so a definition env-core accepts type-checks
 * here too, and the checks that refuse, by name, the few options cfgkit cannot honour as env-core does.
 */
import type {
  CreateEnv,
  CreateSchemaOptions,
  LooseOptions,
  ServerClientOptions,
  StandardSchemaV1,
  StrictOptions,
} from "@t3-oss/env-core";
import type { z } from "zod";

/** The schemas of one group (`server`, `client`, `shared`): cfgkit reads Zod schemas only. */
export type FlatShape = Record<string, z.ZodType>;

/** A record of env values as env-core's `runtimeEnv` takes them. */
export type RuntimeEnv = Record<string, string | boolean | number | undefined>;

// biome-ignore lint/complexity/noBannedTypes: env-core's own constraint on a final schema, kept identical.
export type AnyFinalSchema = StandardSchemaV1<{}, {}>;

/** env-core's options without a required `runtimeEnv`: cfgkit reads its own sources, so it may be left out. */
type LooseWithoutRuntimeEnv<
  TShared extends FlatShape,
  TExtends extends Array<Record<string, unknown>>,
> = Omit<LooseOptions<TShared, TExtends>, "runtimeEnv"> & {
  /**
   * Values that take precedence over every source (env-core's `runtimeEnv`); `process.env` itself means the
   * process environment, which cfgkit reads anyway (and the CLI only with `--process-env`).
   */
  runtimeEnv?: RuntimeEnv;
};

/** Every option env-core's `createEnv` takes, with `runtimeEnv` optional. */
export type FlatEnvCoreOptions<
  TPrefix extends string | undefined,
  TServer extends FlatShape,
  TClient extends FlatShape,
  TShared extends FlatShape,
  TExtends extends Array<Record<string, unknown>>,
  TFinalSchema extends AnyFinalSchema,
> = (
  | LooseWithoutRuntimeEnv<TShared, TExtends>
  | StrictOptions<TPrefix, TServer, TClient, TShared, TExtends>
) &
  ServerClientOptions<TPrefix, TServer, TClient> &
  CreateSchemaOptions<TServer, TClient, TShared, TFinalSchema>;

/** What a flat definition's `loadSettings()` returns: exactly what env-core's `createEnv` would. */
export type FlatOutput<
  TFinalSchema extends AnyFinalSchema,
  TExtends extends Array<Record<string, unknown>>,
> = CreateEnv<TFinalSchema, TExtends>;

/** The options of a flat definition as cfgkit reads them at run time. */
export interface FlatOptions {
  server?: FlatShape;
  client?: FlatShape;
  shared?: FlatShape;
  clientPrefix?: string;
  runtimeEnv?: RuntimeEnv;
  runtimeEnvStrict?: RuntimeEnv;
  isServer?: boolean;
  emptyStringAsUndefined?: boolean;
  skipValidation?: boolean;
  extends?: Array<Record<string, unknown>>;
  onValidationError?: (issues: readonly StandardSchemaV1.Issue[]) => never;
  onInvalidAccess?: (variable: string) => never;
  createFinalSchema?: (shape: FlatShape, isServer: boolean) => AnyFinalSchema;
}

const ENV_CORE_OPTIONS = new Set([
  "server",
  "client",
  "shared",
  "clientPrefix",
  "runtimeEnv",
  "runtimeEnvStrict",
  "isServer",
  "emptyStringAsUndefined",
  "skipValidation",
  "extends",
  "onValidationError",
  "onInvalidAccess",
  "createFinalSchema",
]);
const CFGKIT_OPTIONS = new Set(["envFiles", "configDir", "emptyIsUnset"]);

/**
 * Refuses what cfgkit cannot do as env-core does, before anything is loaded: each error says why and what
 * to do instead.
 */
export function checkFlatOptions(options: Record<string, unknown>): void {
  for (const key of Object.keys(options)) {
    if (!ENV_CORE_OPTIONS.has(key) && !CFGKIT_OPTIONS.has(key)) {
      throw new TypeError(
        `defineSettings: unknown option "${key}"; a flat definition takes env-core's options (${[...ENV_CORE_OPTIONS].join(", ")}) and cfgkit's (${[...CFGKIT_OPTIONS].join(", ")})`,
      );
    }
  }
  if (options.isServer === false) {
    throw new TypeError(
      "defineSettings: isServer: false is not supported: cfgkit loads settings on the server (it reads files and the process environment), so server variables are always validated and readable. In a client bundle, use env-core's createEnv directly.",
    );
  }
  if (Array.isArray(options.extends) && options.extends.length > 0) {
    throw new TypeError(
      "defineSettings: extends is not supported: a preset's values are read and validated by the preset itself, outside cfgkit's sources, provenance, fingerprint and redaction. Put the preset's variables in server/client/shared instead.",
    );
  }
  if (options.runtimeEnv !== undefined && options.runtimeEnvStrict !== undefined) {
    throw new TypeError(
      "defineSettings: give runtimeEnv or runtimeEnvStrict, not both (as env-core's types say)",
    );
  }
  for (const group of ["server", "client", "shared"] as const) {
    const shape = options[group];
    if (shape === undefined) continue;
    if (shape === null || typeof shape !== "object") {
      throw new TypeError(`defineSettings: ${group} must be an object of Zod schemas`);
    }
    for (const [key, schema] of Object.entries(shape)) {
      if (!isZodSchema(schema)) {
        throw new TypeError(
          `defineSettings: ${group}.${key} is not a Zod schema; cfgkit reads Zod schemas only (env-core also takes other Standard Schema libraries)`,
        );
      }
    }
  }
}

function isZodSchema(value: unknown): boolean {
  return typeof value === "object" && value !== null && "_zod" in value && "~standard" in value;
}
