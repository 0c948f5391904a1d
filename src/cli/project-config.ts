/**
 * Checks a project config's shape when it is loaded: a key cfgkit does not read, or a lint rule that does not
 * exist, is a mistake that would otherwise change nothing without a word.
 */
import { suggestName } from "../_suggest.js";
import type { CfgConfig } from "../config.js";
import { RULES } from "../lint/index.js";
import type { LintRuleSetting } from "../lint/types.js";
import { isDriftPolicy } from "../meta.js";
import type { LeafPlan } from "../plan.js";
import { CliError } from "./errors.js";
import { UNDEFINED_REFERENCE_RULE } from "./undefined-references.js";

const CONFIG_KEYS: readonly (keyof CfgConfig)[] = ["settings", "environments", "envFiles", "drift", "lint"];

/** Every rule `lint` may name: the linter's, and `cfg check`'s own check of references nothing defines. */
export const LINT_RULE_IDS: readonly string[] = [...RULES.map((rule) => rule.id), UNDEFINED_REFERENCE_RULE];

const SETTINGS: readonly LintRuleSetting[] = ["off", "warning", "error"];

/** Returns the config when its keys and lint rules are known; otherwise a `bad-config` error naming the file. */
export function checkProjectConfig(config: unknown, shown: string): CfgConfig {
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new CliError(`${shown}: a project config is an object ({ "settings": ... })`, "bad-config");
  }
  for (const key of Object.keys(config)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      throw new CliError(
        `${shown}: unknown key "${key}"; a project config has ${CONFIG_KEYS.map((k) => `"${k}"`).join(", ")}`,
        "bad-config",
      );
    }
  }
  checkDriftPolicies((config as CfgConfig).drift, shown);
  const { lint } = config as CfgConfig;
  if (lint === undefined) return config as CfgConfig;
  if (lint === null || typeof lint !== "object" || Array.isArray(lint)) {
    throw new CliError(`${shown}: "lint" must map rule ids to "off", "warning" or "error"`, "bad-config");
  }
  for (const [rule, setting] of Object.entries(lint)) {
    if (!LINT_RULE_IDS.includes(rule)) {
      throw new CliError(
        `${shown}: lint rule "${rule}" does not exist; the rules are ${LINT_RULE_IDS.join(", ")}`,
        "bad-config",
      );
    }
    if (!SETTINGS.includes(setting)) {
      throw new CliError(
        `${shown}: lint rule "${rule}" is set to ${JSON.stringify(setting)}; use "off", "warning" or "error"`,
        "bad-config",
      );
    }
  }
  return config as CfgConfig;
}

/** A finding's rule setting applied: `undefined` when the rule is off, else the finding with its severity. */
export function applyLintSetting<T extends { rule: string; severity: "error" | "warning" }>(
  finding: T,
  lint: CfgConfig["lint"],
): T | undefined {
  const setting = lint?.[finding.rule];
  if (setting === undefined) return finding;
  return setting === "off" ? undefined : { ...finding, severity: setting };
}

/** `drift` maps keys to a policy; a misspelt policy would silently mean another one. */
function checkDriftPolicies(drift: unknown, shown: string): void {
  if (drift === undefined) return;
  if (drift === null || typeof drift !== "object" || Array.isArray(drift))
    throw new CliError(
      `${shown}: "drift" must map keys to "report", "expected" or "forbidden"`,
      "bad-config",
    );
  for (const [key, policy] of Object.entries(drift)) {
    if (!isDriftPolicy(policy))
      throw new CliError(
        `${shown}: drift policy of ${key} is ${JSON.stringify(policy)}; use "report", "expected" or "forbidden"`,
        "bad-config",
      );
  }
}

/**
 * Every key `drift` names must be a setting (its env name or its path): a typo would silently leave the key
 * under the default policy. Checked once the definition is known; untyped, any variable may be named.
 */
export function checkDriftKeys(config: CfgConfig, leaves: readonly LeafPlan[], shown: string): void {
  const names = Object.keys(config.drift ?? {});
  if (names.length === 0) return;
  const known = new Set(leaves.flatMap((leaf) => [leaf.envName, leaf.dottedPath]));
  for (const name of names) {
    if (known.has(name)) continue;
    const suggestion = suggestName(name, known);
    throw new CliError(
      `${shown}: drift names ${name}, which is not a setting of the schema${suggestion ? `; did you mean ${suggestion}?` : ""}`,
      "bad-config",
    );
  }
}
