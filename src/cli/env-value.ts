/**
 * A value as `.env` text that reads back as the same value, through cfgkit's own reader and through dotenv
 * with dotenv-expand 12 (whose `${...}` expansion cfgkit follows). What dotenv can carry decides the quoting:
 * - bare text is trimmed and cut at ` #`, so only plain characters stay bare;
 * - single quotes and backticks are literal and may span lines, but cannot hold their own quote character,
 *   and no quoting can hold a carriage return except double quotes (dotenv turns CR and CRLF into LF first);
 * - double quotes turn `\n` and `\r` into a newline and a carriage return, and know no other escape, so a
 *   value holding a backslash before `n` or `r` cannot be double-quoted;
 * - a backslash before the closing quote escapes it for dotenv, which then reads on to the next quote of the
 *   kind, further down the file: a value ending in a backslash cannot be quoted at all;
 * - every `$` is written `\$`, which expansion turns back into `$` (never a reference).
 */

const BARE = /^[\w@%+=:,./<>-]*$/;

/** The `.env` spelling of `text`, or `undefined` when no dotenv quoting can carry it. */
export function formatEnvValue(text: string): string | undefined {
  if (BARE.test(text)) return text;
  if (text.endsWith("\\")) return undefined;
  const escaped = text.replaceAll("$", "\\$");
  if (!text.includes("\r")) {
    if (!text.includes("'")) return `'${escaped}'`;
    if (!text.includes("`")) return `\`${escaped}\``;
  }
  if (!text.includes('"') && !/\\[nr]/.test(text)) {
    return `"${escaped.replaceAll("\n", "\\n").replaceAll("\r", "\\r")}"`;
  }
  return undefined;
}
