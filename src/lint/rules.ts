/**
 * Every rule of the `.env` linter. Stylistic rules are warnings; a rule is an error when the line is not read
 * the way it looks (by dotenv, by a shell, or by Docker's `--env-file`), or when it is unsafe (`$(...)`).
 */
import type { LintSeverity } from "./types.js";

export interface LintRule {
  id: string;
  /** Default severity; a few rules raise single findings to `error` (see `description`). */
  severity: LintSeverity;
  description: string;
  /** The matching dotenv-linter check, if any. */
  dotenvLinter?: string;
}

export const RULES: readonly LintRule[] = [
  {
    id: "duplicate-key",
    severity: "warning",
    description: "A key is set twice; an error when the values differ (the later one silently wins).",
    dotenvLinter: "DuplicatedKey",
  },
  {
    id: "key-without-value",
    severity: "error",
    description: "A line with no `=`: dotenv ignores it.",
    dotenvLinter: "KeyWithoutValue",
  },
  {
    id: "space-around-equals",
    severity: "error",
    description: "Whitespace before or after `=`: shells and Docker's --env-file read another key or value.",
    dotenvLinter: "SpaceCharacter",
  },
  {
    id: "unquoted-value",
    severity: "warning",
    description:
      "An unquoted value with whitespace (shells split it); an error when a `#` cuts the value short.",
    dotenvLinter: "ValueWithoutQuotes",
  },
  {
    id: "unmatched-quote",
    severity: "error",
    description: "A quote that dotenv does not close: the value is read literally, quote included.",
  },
  {
    id: "command-substitution",
    severity: "error",
    description: "`$(...)` in a value: never executed by cfgkit, but a shell sourcing the file would run it.",
  },
  {
    id: "invalid-substitution",
    severity: "error",
    description: "A malformed `${...}`/`$NAME` reference (unclosed brace, bad name, stray `}`).",
    dotenvLinter: "SubstitutionKey",
  },
  {
    id: "leading-whitespace",
    severity: "warning",
    description: "Whitespace before the key.",
    dotenvLinter: "LeadingCharacter",
  },
  {
    id: "leading-character",
    severity: "warning",
    description:
      "A key starting with a digit, `.` or `-` (no shell accepts it); an error when dotenv skips the line.",
    dotenvLinter: "LeadingCharacter",
  },
  {
    id: "incorrect-delimiter",
    severity: "warning",
    description:
      "A key with characters other than letters, digits and `_`; an error when dotenv skips the line.",
    dotenvLinter: "IncorrectDelimiter",
  },
  {
    id: "lowercase-key",
    severity: "warning",
    description: "A key with lowercase letters.",
    dotenvLinter: "LowercaseKey",
  },
  {
    id: "colon-assignment",
    severity: "warning",
    description: "`KEY: value`: dotenv accepts it, shells and Docker do not.",
  },
  {
    id: "trailing-whitespace",
    severity: "warning",
    description: "Whitespace at the end of a line (outside a quoted value).",
    dotenvLinter: "TrailingWhitespace",
  },
  {
    id: "unnecessary-quotes",
    severity: "warning",
    description: "A quoted value that reads the same without its quotes.",
    dotenvLinter: "QuoteCharacter",
  },
  {
    id: "extra-blank-line",
    severity: "warning",
    description: "Two blank lines in a row.",
    dotenvLinter: "ExtraBlankLine",
  },
  {
    id: "ending-blank-line",
    severity: "warning",
    description: "The file does not end with a newline.",
    dotenvLinter: "EndingBlankLine",
  },
  {
    id: "unordered-key",
    severity: "warning",
    description:
      "Keys out of alphabetical order within a group (groups end at blank lines and at references to the group).",
    dotenvLinter: "UnorderedKey",
  },
];

/** Rule id -> rule. */
export const RULES_BY_ID: ReadonlyMap<string, LintRule> = new Map(RULES.map((rule) => [rule.id, rule]));
