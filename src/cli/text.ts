/** Column widths for aligned text output. */

/** The length of the longest text, at most `cap`; a loop, since spreading 100,000 lengths into Math.max overflows the stack. */
export function widestOf(texts: Iterable<string>, cap = Number.POSITIVE_INFINITY): number {
  let widest = 0;
  for (const text of texts) if (text.length > widest) widest = text.length;
  return Math.min(widest, cap);
}
