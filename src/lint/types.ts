/** What the `.env` linter reports. Messages never contain a value: values may be secrets. */

export type LintSeverity = "error" | "warning";

/** A rule's setting in {@link LintOptions}: turn it off or change its severity. */
export type LintRuleSetting = "off" | LintSeverity;

export interface LintFinding {
  /** Stable kebab-case id of the rule (see `RULES`). */
  rule: string;
  severity: LintSeverity;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, where one character is to blame. */
  column?: number;
  /** The key concerned, when the line has one (never the text of a line without `=`). */
  key?: string;
  /** Names the key and the line, what is wrong and how to fix it; never the value. */
  message: string;
  /** Another line the finding is about, e.g. the first definition of a duplicate key. */
  related?: { line: number };
}

export interface LintOptions {
  /**
   * Per-rule settings by rule id: `"off"` drops the rule, `"warning"`/`"error"` replace its severity.
   * @default every rule on, with its severity from `RULES`
   */
  rules?: { [rule: string]: LintRuleSetting };
}
