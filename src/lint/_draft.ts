import type { Entry } from "../sources/dotenv-scan.js";
import type { LintFinding, LintSeverity } from "./types.js";

/** A finding before the file name and the configured severity are applied. */
export interface Draft extends Omit<LintFinding, "file" | "severity"> {
  /** Overrides the rule's default severity for this finding (e.g. a duplicate with a different value). */
  severity?: LintSeverity;
}

/**
 * The key as messages may show it: never the text of a line without `=` (it may be a pasted secret), nor a
 * "key" with whitespace in it (part of it may be a value).
 */
export function shownKey(entry: Entry): string | undefined {
  return entry.delimiter && !/\s/.test(entry.key) ? entry.key : undefined;
}

/** How a message names an entry: its key, or its line when the key cannot be shown. */
export function nameOf(entry: Entry): string {
  const key = shownKey(entry);
  return key === undefined ? `The key on line ${entry.line}` : `${key} on line ${entry.line}`;
}

/** Common fields of a draft about one entry. */
export function about(entry: Entry, column?: number): Pick<Draft, "line" | "column" | "key"> {
  const key = shownKey(entry);
  return {
    line: entry.line,
    ...(column === undefined ? {} : { column: column + 1 }),
    ...(key === undefined ? {} : { key }),
  };
}
