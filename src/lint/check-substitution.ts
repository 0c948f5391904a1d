/**
 * `$` in values, read as cfgkit's expansion reads it (dotenv-expand 12: `$NAME`, `${NAME}`, `${NAME:-default}`,
 * `${NAME-default}`, `${NAME:+alt}`, `${NAME+alt}`, `\$` literal), in every quote style: the expansion sees
 * parsed values, so single quotes do not stop it. `$(command)` is never executed by cfgkit; it is reported
 * because a shell that sources the file would run it.
 */

import type { Entry, ScannedDotenv } from "../sources/dotenv-scan.js";
import { about, type Draft, nameOf } from "./_draft.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /\w/;
const OPERATOR = /:\+|\+|:-|-/;

export interface Reference {
  /** Offset of the `$` in the value's content. */
  at: number;
  name: string | undefined;
  problem: string | undefined;
  /** `${NAME:-default}` and kin: the reference says what it becomes when NAME is unset. */
  hasFallback?: boolean;
}

/** Every `$` reference in `content`, with what is wrong with it, if anything. Linear in `content`. */
export function readReferences(content: string): Reference[] {
  const references: Reference[] = [];
  for (let i = content.indexOf("$"); i >= 0; i = content.indexOf("$", i + 1)) {
    if (content[i - 1] === "\\") continue;
    const next = content[i + 1];
    if (next === "{") {
      // Stops at the next brace, so text is scanned once however many "${" there are.
      let end = 0;
      while (i + 2 + end < content.length && content[i + 2 + end] !== "{" && content[i + 2 + end] !== "}")
        end++;
      if (i + 2 + end >= content.length || content[i + 2 + end] === "{") {
        references.push({ at: i, name: undefined, problem: 'a "${" that is never closed' });
        continue;
      }
      const inner = content.slice(i + 2, i + 2 + end);
      const operator = OPERATOR.exec(inner);
      const name = operator ? inner.slice(0, operator.index) : inner;
      references.push(
        NAME.test(name)
          ? { at: i, name, problem: undefined, hasFallback: operator !== null }
          : { at: i, name: undefined, problem: "a reference whose name is not a valid variable name" },
      );
      i += 2 + end;
    } else if (next !== undefined && NAME_START.test(next)) {
      let end = i + 2;
      while (end < content.length && NAME_CHAR.test(content[end] ?? "")) end++;
      const name = content.slice(i + 1, end);
      references.push({
        at: i,
        name,
        problem: content[end] === "}" ? 'a "}" without its "${"' : undefined,
      });
      i = end - 1;
    }
  }
  return references;
}

export function checkSubstitution(entry: Entry, scanned: ScannedDotenv): Draft[] {
  const { value } = entry;
  if (!value) return [];
  const drafts: Draft[] = [];
  const name = nameOf(entry);
  const command = findCommand(value.shellContent);
  if (command >= 0) {
    const { line, column } = scanned.locate(value.offset + command);
    drafts.push({
      rule: "command-substitution",
      ...about(entry),
      line,
      column,
      message: `${name}: the value has "$(" at line ${line}, column ${column}. cfgkit never runs it (the text is kept as written), but a shell sourcing this file would. Remove it, or write \\$( for a literal "$(".`,
    });
  }
  const invalid = readReferences(value.content).find((reference) => reference.problem);
  if (invalid) {
    const { line, column } = scanned.locate(value.offset + invalid.at);
    drafts.push({
      rule: "invalid-substitution",
      ...about(entry),
      line,
      column,
      message: `${name}: the value has ${invalid.problem} at line ${line}, column ${column}. Write \${NAME} or \${NAME:-default}, or \\$ for a literal "$".`,
    });
  }
  return drafts;
}

function findCommand(content: string): number {
  for (let i = content.indexOf("$("); i >= 0; i = content.indexOf("$(", i + 1)) {
    if (content[i - 1] !== "\\") return i;
  }
  return -1;
}
