/** Checks on the file's lines as a whole: blank lines, whitespace-only lines, the final newline. */

import type { ScannedDotenv } from "../sources/dotenv-scan.js";
import type { Draft } from "./_draft.js";

export function checkLayout(scanned: ScannedDotenv): Draft[] {
  const drafts: Draft[] = [];
  let previousBlank = false;
  for (const line of scanned.lines) {
    const blank = line.kind === "blank";
    if (blank && previousBlank) {
      drafts.push({
        rule: "extra-blank-line",
        line: line.line,
        message: `Line ${line.line} is a second blank line in a row; remove it.`,
      });
    }
    if (blank && line.text !== "") {
      drafts.push({
        rule: "trailing-whitespace",
        line: line.line,
        column: 1,
        message: `Line ${line.line} is blank but holds whitespace; remove it.`,
      });
    }
    previousBlank = blank;
  }
  if (!scanned.endsWithNewline) {
    drafts.push({
      rule: "ending-blank-line",
      line: scanned.lineCount,
      message: `The file does not end with a newline (after line ${scanned.lineCount}); add one.`,
    });
  }
  return drafts;
}
