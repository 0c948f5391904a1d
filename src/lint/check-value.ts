/** Checks on how a value is written: quoting, comments, trailing whitespace. */

import type { Entry } from "../sources/dotenv-scan.js";
import { about, type Draft, nameOf } from "./_draft.js";

/** Characters that make quotes worth keeping (dotenv-linter's list); shells treat each specially. */
const NEEDS_QUOTES = /[\s$#&=]/;

export function checkValue(entry: Entry): Draft[] {
  const drafts: Draft[] = [];
  const { value } = entry;
  const name = nameOf(entry);
  if (value?.style === "literal") {
    const quote = value.quote === "`" ? "backtick" : value.quote === '"' ? "double quote" : "single quote";
    drafts.push({
      rule: "unmatched-quote",
      ...about(entry, value.earlyCloseColumn ?? value.column),
      message:
        value.earlyCloseColumn === undefined
          ? `${name}: the ${quote} at column ${value.column + 1} is never closed, so dotenv reads the value literally, quote included. Add the closing ${quote}.`
          : `${name}: text follows the closing ${quote} at column ${value.earlyCloseColumn + 1}, so dotenv reads the value literally, quotes included. Quote the whole value.`,
    });
  } else if (value?.style === "unquoted") {
    if (value.cutAtHashColumn !== undefined) {
      drafts.push({
        rule: "unquoted-value",
        severity: "error",
        ...about(entry, value.cutAtHashColumn),
        message: `${name}: dotenv reads the "#" at column ${value.cutAtHashColumn + 1} as the start of a comment, so the value is cut there. Put the value in quotes (or a space before "#" if it is a comment).`,
      });
    } else {
      const space = value.content.search(/\s/);
      if (space >= 0) {
        drafts.push({
          rule: "unquoted-value",
          ...about(entry, value.column + space),
          message: `${name} has an unquoted value with whitespace in it, which shells split. Put the value in double quotes.`,
        });
      }
    }
  } else if (value?.style === "quoted" && entry.endLine === entry.line) {
    const { content } = value;
    // Without quotes, dotenv would strip a leading quote pair, and "\n" in double quotes is a newline.
    const meaningful =
      NEEDS_QUOTES.test(content) || /^['"`]/.test(content) || (value.quote === '"' && /\\[nr]/.test(content));
    if (content !== "" && !meaningful) {
      drafts.push({
        rule: "unnecessary-quotes",
        ...about(entry, value.column),
        message: `${name} has a quoted value that reads the same without quotes; remove them.`,
      });
    }
  }
  if (entry.trailingWhitespace) {
    const { line, column } = entry.trailingWhitespace;
    drafts.push({
      rule: "trailing-whitespace",
      ...about(entry),
      line,
      column,
      message: `Line ${line} ends with whitespace (from column ${column}); remove it.`,
    });
  }
  return drafts;
}
