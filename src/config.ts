/** The project config (`cfg.config.ts`): how the `cfg` CLI finds the settings and the environments. */
import type { EnvFileConvention, SettingsDefinition } from "./define.js";
import type { LintRuleSetting } from "./lint/types.js";
import type { DriftPolicy } from "./meta.js";
import type { LoadOptions } from "./settings.js";

/**
 * One environment: its `.env` files, and where its deployment keeps the rest (the same options as
 * `loadSettings()`). Deployment sources stack above the `.env` files in the order they are written.
 *
 * @example
 * production: { kubernetes: { manifests: "deploy/rendered/production.yaml", workload: "deployment/api" } }
 */
export interface EnvironmentConfig
  extends Pick<LoadOptions, "kubernetes" | "compose" | "secretsDir" | "fileEnv"> {
  /** `.env` files of this environment, lowest precedence first, relative to the project root. */
  files?: readonly string[];
}

export interface CfgConfig {
  /** The settings definition, or a module path with an optional export: `"./settings.js#settings"`. */
  settings?: SettingsDefinition | string;
  /**
   * Environments to check and compare. By default they are found from `.env.<name>` and `config/<name>.*` files.
   */
  environments?: readonly string[] | Readonly<Record<string, EnvironmentConfig>>;
  /** Overrides the definition's `.env` convention for every environment. */
  envFiles?: EnvFileConvention;
  /** Drift policy per key (env name or schema path), over what the schema's metadata says. */
  drift?: Readonly<Record<string, DriftPolicy>>;
  /**
   * `cfg check`'s lint rules a team does not want, by rule id (as dotenv-linter's `--skip`): `"off"` drops
   * the rule, `"warning"`/`"error"` replace its severity. Checks against the schema are not lint rules and
   * cannot be turned off here.
   * @example lint: { "unordered-key": "off", "unquoted-value": "warning" }
   * @default every rule on, with its own severity
   */
  lint?: Readonly<Record<string, LintRuleSetting>>;
}

/**
 * Gives a project config its types.
 *
 * @example
 * // cfg.config.ts
 * export default defineConfig({ settings, environments: ["development", "staging", "production"] });
 */
export function defineConfig(config: CfgConfig): CfgConfig {
  return config;
}
