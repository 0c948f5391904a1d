/**
 * `cfg init`'s lint settings: the project it writes must pass its first `cfg check` on the files it was
 * inferred from, without hiding what the linter found. Every rule that fires on those files gets a line in
 * `cfg.config.ts` with its count: style rules are turned off (a file grouped by topic is a choice), rules
 * that would fail the check are lowered to warnings, so they still print until fixed.
 */
import { lintDotenv, RULES_BY_ID } from "../lint/index.js";
import type { LintRuleSetting } from "../lint/types.js";

export interface InitLintRule {
  rule: string;
  setting: Exclude<LintRuleSetting, "error">;
  /** How many findings, and of which severity, the files had. */
  findings: number;
  errors: number;
}

/** The lint settings for the files `cfg init` read, by rule id in the linter's order. */
export function lintSettingsFor(files: readonly { file: string; text: string }[]): InitLintRule[] {
  const byRule = new Map<string, InitLintRule>();
  for (const { file, text } of files) {
    for (const finding of lintDotenv(text, file)) {
      const entry = byRule.get(finding.rule) ?? {
        rule: finding.rule,
        setting: "off",
        findings: 0,
        errors: 0,
      };
      entry.findings++;
      if (finding.severity === "error") {
        entry.errors++;
        entry.setting = "warning";
      }
      byRule.set(finding.rule, entry);
    }
  }
  const order = [...RULES_BY_ID.keys()];
  return [...byRule.values()].sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
}

/** The `lint: { … }` lines of `cfg.config.ts`, each saying what it silences; none when nothing fired. */
export function renderLintSettings(rules: readonly InitLintRule[]): string[] {
  if (rules.length === 0) return [];
  const lines = [
    "  // What the linter found in the files cfg init read. Style rules are off; rules that would fail the check",
    "  // are warnings until the lines are fixed. Remove a line to see its findings again.",
    "  lint: {",
  ];
  for (const { rule, setting, findings, errors } of rules) {
    const what =
      errors > 0 ? `${errors} error${errors === 1 ? "" : "s"}: fix, then remove this line` : "style";
    lines.push(
      `    ${JSON.stringify(rule)}: ${JSON.stringify(setting)}, // ${findings} finding${findings === 1 ? "" : "s"} (${what})`,
    );
  }
  lines.push("  },");
  return lines;
}
