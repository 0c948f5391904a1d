/** The `.env` linter: `lintDotenv()` and its rules. */
export { lintDotenv } from "./lint.js";
export type { LintRule } from "./rules.js";
export { RULES, RULES_BY_ID } from "./rules.js";
export type { LintFinding, LintOptions, LintRuleSetting, LintSeverity } from "./types.js";
