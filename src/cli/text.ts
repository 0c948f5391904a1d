/** Small text helpers shared by the CLI's renderers. */

/** The length of the longest text, at most `cap`; a loop, since spreading 100,000 lengths into Math.max overflows the stack. */
export function widestOf(texts: Iterable<string>, cap = Number.POSITIVE_INFINITY): number {
  let widest = 0;
  for (const text of texts) if (text.length > widest) widest = text.length;
  return Math.min(widest, cap);
}

/** GitHub Actions workflow-command escaping: the message part. */
export function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** GitHub Actions workflow-command escaping: a property (`file=`, `title=`), where `:` and `,` are separators. */
export function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** A Markdown table cell: `|` escaped, line breaks flattened. */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
