/** Checks on the shape of a line's key and delimiter. */

import type { Entry } from "../sources/dotenv-scan.js";
import { about, type Draft, nameOf, shownKey } from "./_draft.js";

const DOTENV_KEY_CHAR = /[\w.-]/;
const NAME_CHAR = /\w/;
const LEADING = /[A-Za-z_]/;

export function checkKey(entry: Entry): Draft[] {
  const drafts: Draft[] = [];
  const name = nameOf(entry);
  const { key, line } = entry;

  if (entry.delimiter === undefined) {
    drafts.push({
      rule: "key-without-value",
      ...about(entry, entry.keyColumn),
      message: `Line ${line} has no "=", so dotenv ignores it. Write KEY=value (KEY= for an empty value), or start the line with # to make it a comment.`,
    });
  }
  if (entry.indent > 0) {
    drafts.push({
      rule: "leading-whitespace",
      ...about(entry, 0),
      message: `${name} is indented; remove the whitespace before the key.`,
    });
  }

  // Invalid characters before the first letter or `_` are the leading character's problem; any after it
  // are the delimiter's (as in dotenv-linter).
  let body = 0;
  while (body < key.length && !LEADING.test(key[body] ?? "")) body++;
  const dropped = `dotenv skips line ${line} entirely, so this key is never set`;
  if (body > 0) {
    const unreadable = [...key.slice(0, body)].some((c) => !DOTENV_KEY_CHAR.test(c));
    drafts.push({
      rule: "leading-character",
      ...(unreadable ? { severity: "error" as const } : {}),
      ...about(entry, entry.keyColumn),
      message: unreadable
        ? `${name} starts with a character dotenv does not accept in a key: ${dropped}. Start the key with a letter or _.`
        : `${name} starts with a digit, "." or "-", which no shell accepts in a variable name. Start the key with a letter or _.`,
    });
  }
  const bad = [...key.slice(body)].findIndex((c) => !NAME_CHAR.test(c));
  if (bad >= 0) {
    const unreadable = [...key.slice(body)].some((c) => !DOTENV_KEY_CHAR.test(c));
    drafts.push({
      rule: "incorrect-delimiter",
      ...(unreadable ? { severity: "error" as const } : {}),
      ...about(entry, entry.keyColumn + body + bad),
      message: unreadable
        ? `${name} has a character dotenv does not accept in a key (column ${entry.keyColumn + body + bad + 1}): ${dropped}. Use only letters, digits and _.`
        : `${name} has "." or "-" in it, which shells and most tools do not accept in a variable name. Separate words with _.`,
    });
  }
  if (key !== key.toUpperCase()) {
    drafts.push({
      rule: "lowercase-key",
      ...about(entry, entry.keyColumn),
      message:
        shownKey(entry) === undefined
          ? `The name on line ${line} has lowercase letters; env names are UPPER_SNAKE_CASE.`
          : `${name} has lowercase letters; rename it ${key.toUpperCase()} (env names are UPPER_SNAKE_CASE).`,
    });
  }
  if (entry.delimiter === ":") {
    drafts.push({
      rule: "colon-assignment",
      ...about(entry, entry.keyColumn + key.length),
      message: `${name} is assigned with ":"; dotenv accepts that, but shells and Docker do not. Use "=".`,
    });
  }
  const space = entry.spaceBeforeEquals ?? entry.spaceAfterEquals;
  if (space !== undefined) {
    const where = entry.spaceBeforeEquals === undefined ? "after" : "before";
    drafts.push({
      rule: "space-around-equals",
      ...about(entry, space),
      message: `${name} has whitespace ${where} "="; dotenv trims it, but shells and Docker's --env-file read a different key or value. Remove the whitespace around "=".`,
    });
  }
  return drafts;
}
