/**
 * Checks a project config's shape when it is loaded: a key cfgkit does not read, or a lint rule that does not
 * exist, is a mistake that would otherwise change nothing without a word.
 */
import type { CfgConfig } from "../config.js";
import { RULES } from "../lint/index.js";
import type { LintRuleSetting } from "../lint/types.js";
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
