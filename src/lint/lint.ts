/**
 * The `.env` linter behind `cfg check`: reads a file's text the way dotenv does and reports, per line, what
 * dotenv-linter's checks report plus what changes how the file is read (unmatched quotes, `$(...)`).
 * Pure: text in, findings out. Linear in the size of the file (O(n log n) for key order).
 */

import { type Entry, scanDotenv } from "../sources/dotenv-scan.js";
import type { Draft } from "./_draft.js";
import { checkDuplicates } from "./check-duplicates.js";
import { checkKey } from "./check-key.js";
import { checkLayout } from "./check-layout.js";
import { checkOrder } from "./check-order.js";
import { checkSubstitution } from "./check-substitution.js";
import { checkValue } from "./check-value.js";
import { RULES, RULES_BY_ID } from "./rules.js";
import type { LintFinding, LintOptions, LintRuleSetting } from "./types.js";

const RULE_ORDER = new Map(RULES.map((rule, i) => [rule.id, i]));

/**
 * Lints the text of one `.env` file; `file` is the name findings carry. Findings are sorted by line, then in
 * the order of `RULES`. No message contains a value.
 *
 * @example
 * lintDotenv("api_url = http://x\n", ".env")
 * // [{ rule: "space-around-equals", severity: "error", line: 1, column: 8, key: "api_url", ... },
 * //  { rule: "lowercase-key", severity: "warning", line: 1, column: 1, key: "api_url", ... }]
 * @throws {Error} when `options.rules` names a rule that does not exist (a typo would silently lint nothing).
 */
export function lintDotenv(text: string, file: string, options: LintOptions = {}): LintFinding[] {
  const settings = readSettings(options);
  const scanned = scanDotenv(text);
  const entries = scanned.lines.filter((line): line is Entry => line.kind === "entry");
  const physical = text
    .replace(/\r\n?/g, "\n")
    .replace(/^\uFEFF/, "")
    .split("\n");
  const drafts: Draft[] = [
    ...checkLayout(scanned),
    ...entries.flatMap((entry) => [
      ...checkKey(entry),
      ...checkValue(entry),
      ...checkSubstitution(entry, scanned),
    ]),
    ...checkDuplicates(entries, (from, to) => physical.slice(from - 1, to).join("\n")),
    ...checkOrder(scanned.lines),
  ];

  const findings: LintFinding[] = [];
  for (const { severity, ...draft } of drafts) {
    const setting = settings.get(draft.rule);
    if (setting === "off") continue;
    const rule = RULES_BY_ID.get(draft.rule);
    findings.push({ ...draft, severity: setting ?? severity ?? rule?.severity ?? "error", file });
  }
  return findings.sort(
    (a, b) => a.line - b.line || (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0),
  );
}

function readSettings(options: LintOptions): Map<string, LintRuleSetting> {
  const settings = new Map<string, LintRuleSetting>();
  for (const [id, setting] of Object.entries(options.rules ?? {})) {
    if (!RULES_BY_ID.has(id)) {
      throw new Error(
        `Unknown lint rule "${id}"; the rules are: ${RULES.map((rule) => rule.id).join(", ")}.`,
      );
    }
    if (setting !== "off" && setting !== "warning" && setting !== "error") {
      throw new Error(
        `Lint rule "${id}" is set to ${JSON.stringify(setting)}; use "off", "warning" or "error".`,
      );
    }
    settings.set(id, setting);
  }
  return settings;
}
