/**
 * Keys set more than once. dotenv keeps the last value; when the lines disagree that is rarely what was
 * meant, so it is an error; the same value twice is a warning. Values are compared as dotenv reads them,
 * by running dotenv.parse over the lines of each duplicated entry only (never over the whole file).
 */
import { dotenvParse } from "../sources/dotenv-file.js";
import type { Entry } from "../sources/dotenv-scan.js";
import { about, type Draft } from "./_draft.js";

export function checkDuplicates(
  entries: readonly Entry[],
  physical: (from: number, to: number) => string,
): Draft[] {
  const first = new Map<string, Entry>();
  const drafts: Draft[] = [];
  const firstValues = new Map<string, string | undefined>();
  const readValue = (entry: Entry) => dotenvParse(physical(entry.line, entry.endLine))[entry.key];
  for (const entry of entries) {
    if (!entry.delimiter) continue; // a line without "=" sets nothing
    const earlier = first.get(entry.key);
    if (!earlier) {
      first.set(entry.key, entry);
      continue;
    }
    if (!firstValues.has(entry.key)) firstValues.set(entry.key, readValue(earlier));
    const differs = firstValues.get(entry.key) !== readValue(entry);
    const lines = `line ${earlier.line} and again on line ${entry.line}`;
    drafts.push({
      rule: "duplicate-key",
      ...(differs ? { severity: "error" as const } : {}),
      ...about(entry, entry.keyColumn),
      related: { line: earlier.line },
      message: differs
        ? `${entry.key} is set on ${lines} with a different value; dotenv keeps the last one, which is rarely what was meant. Remove one of them.`
        : `${entry.key} is set on ${lines} with the same value; remove line ${entry.line}.`,
    });
  }
  return drafts;
}
