/**
 * Where dotenv closes a quoted value. dotenv's pattern for a double-quoted value is `"(?:\\"|[^"])*"` followed
 * by optional whitespace and comment up to the end of a line, and it may span lines. So the closing quote is
 * the first quote not preceded by a backslash, when only whitespace or a comment follows it on its line;
 * otherwise the regex backtracks onto the last backslash-escaped quote before it that is so followed; and
 * when there is none, the value is read literally, opening quote included. Linear: every position of each
 * quote character is indexed once, and each lookup is a binary search.
 */

export type QuoteChar = '"' | "'" | "`";

const QUOTE_CHARS: readonly QuoteChar[] = ['"', "'", "`"];

interface Positions {
  /** Quotes not preceded by a backslash. */
  plain: number[];
  /** Quotes preceded by a backslash and followed by nothing but whitespace or a comment on their line. */
  escapedAtLineEnd: number[];
}

export type QuoteIndex = ReadonlyMap<QuoteChar, Positions>;

export function indexQuotes(text: string): QuoteIndex {
  const index = new Map<QuoteChar, Positions>(
    QUOTE_CHARS.map((q) => [q, { plain: [], escapedAtLineEnd: [] }]),
  );
  for (let i = 0; i < text.length; i++) {
    const positions = index.get(text[i] as QuoteChar);
    if (!positions) continue;
    if (text[i - 1] !== "\\") positions.plain.push(i);
    else if (endsLine(text, i + 1)) positions.escapedAtLineEnd.push(i);
  }
  return index;
}

/** Whether only whitespace, then optionally a `#` comment, follows `from` on its line. */
function endsLine(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || c === "#") return true;
    if (c !== " " && c !== "\t" && c !== "\f" && c !== "\v" && c !== "\r") return false;
  }
  return true;
}

/** The offset of the quote that closes the one at `opening`, or `undefined` when dotenv reads it literally. */
export function findClosingQuote(text: string, index: QuoteIndex, quote: QuoteChar, opening: number) {
  const positions = index.get(quote);
  if (!positions) return undefined;
  const plain = positions.plain[firstAbove(positions.plain, opening)];
  if (plain !== undefined && endsLine(text, plain + 1)) return plain;
  // Backtracking: the last escaped quote before `plain` whose backslash is inside the value.
  const escaped = positions.escapedAtLineEnd;
  const candidate = escaped[firstAbove(escaped, plain ?? Number.POSITIVE_INFINITY, true) - 1];
  return candidate !== undefined && candidate >= opening + 2 ? candidate : undefined;
}

/** Index of the first element greater than `value` (or `>= value` when `inclusive`) in a sorted array. */
function firstAbove(sorted: readonly number[], value: number, inclusive = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const element = sorted[mid] ?? 0;
    if (element < value || (!inclusive && element === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}
