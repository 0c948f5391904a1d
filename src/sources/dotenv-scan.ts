/**
 * Splits `.env` text into blank lines, comments and entries the way dotenv reads it, in one pass over the
 * lines: an entry whose quoted value spans lines takes those lines with it, so their text is never mistaken
 * for keys. dotenv.parse itself is not run over the file: its pattern is quadratic on long runs of blank
 * lines followed by a line it cannot read.
 */
import { lineLocator } from "./_lines.js";
import { findClosingQuote, indexQuotes, type QuoteChar, type QuoteIndex } from "./dotenv-quotes.js";

export interface BlankLine {
  kind: "blank";
  line: number;
  text: string;
}

export interface CommentLine {
  kind: "comment";
  line: number;
  text: string;
}

export interface Entry {
  kind: "entry";
  /** First and last line (1-based); they differ for a quoted value that spans lines. */
  line: number;
  endLine: number;
  /** The first line's text. */
  text: string;
  /** Width of the whitespace before the key (or before `export`). */
  indent: number;
  /** 0-based column of the key in `text`. */
  keyColumn: number;
  /** The key as written, without whitespace around it; a line without `=` is all key. */
  key: string;
  /** `=`, `:` (dotenv's `KEY: value`), or none: a line without `=`. */
  delimiter: "=" | ":" | undefined;
  /** 0-based column of whitespace between the key and `=`. */
  spaceBeforeEquals: number | undefined;
  /** 0-based column of whitespace between `=` and a value. */
  spaceAfterEquals: number | undefined;
  value: Value | undefined;
  /** Where trailing whitespace starts on the entry's last line (outside a quoted value), if any. */
  trailingWhitespace: { line: number; column: number } | undefined;
}

export interface Value {
  /** `quoted`: dotenv strips the quotes; `literal`: an opening quote dotenv does not close. */
  style: "unquoted" | "quoted" | "literal";
  quote: QuoteChar | undefined;
  /** The value as written: inside the quotes, or before an unquoted comment. */
  content: string;
  /** Offset of `content` in the normalised text (see {@link ScannedDotenv.locate}). */
  offset: number;
  /** 0-based column in the first line where the value starts (its opening quote, if any). */
  column: number;
  /** For `literal`: the column of a quote that closes too early (text follows it on the line). */
  earlyCloseColumn: number | undefined;
  /** For `unquoted`: the column of a `#` that dotenv reads as a comment although no whitespace precedes it. */
  cutAtHashColumn: number | undefined;
  /**
   * The value as a shell sourcing the file would see it, from `offset`: for an unquoted value, up to a `#`
   * after whitespace (a shell comment), so past a `#` dotenv cuts at; otherwise `content`.
   */
  shellContent: string;
}

export type ScannedLine = BlankLine | CommentLine | Entry;

export interface ScannedDotenv {
  lines: ScannedLine[];
  /** Number of physical lines (a final newline starts a last, empty line, as in dotenv-linter). */
  lineCount: number;
  endsWithNewline: boolean;
  /** Offset in the normalised text -> 1-based line and column. */
  locate(offset: number): { line: number; column: number };
}

const EXPORT = /^export\s+(?=\S)/;
const COLON_ASSIGNMENT = /^([\w.-]+):[ \t]/;

export function scanDotenv(input: string): ScannedDotenv {
  // dotenv reads \r\n and \r as \n; a byte-order mark is not part of the first key.
  const text = input.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  const physical = text.split("\n");
  const starts: number[] = [];
  let offset = 0;
  for (const line of physical) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const quotes = indexQuotes(text);
  const lines: ScannedLine[] = [];
  for (let i = 0; i < physical.length; ) {
    const lineText = physical[i] ?? "";
    const trimmed = lineText.trim();
    if (trimmed === "") lines.push({ kind: "blank", line: i + 1, text: lineText });
    else if (trimmed.startsWith("#")) lines.push({ kind: "comment", line: i + 1, text: lineText });
    else {
      const entry = scanEntry(text, physical, starts, quotes, i);
      lines.push(entry);
      i = entry.endLine;
      continue;
    }
    i++;
  }
  const locate = lineLocator(text);
  return { lines, lineCount: physical.length, endsWithNewline: text === "" || text.endsWith("\n"), locate };
}

function scanEntry(text: string, physical: string[], starts: number[], quotes: QuoteIndex, i: number): Entry {
  const lineText = physical[i] ?? "";
  const lineStart = starts[i] ?? 0;
  const indent = leadingWhitespace(lineText, 0);
  let keyColumn = indent;
  const exported = EXPORT.exec(lineText.slice(indent));
  if (exported) keyColumn += exported[0].length;
  const rest = lineText.slice(keyColumn);

  const entry: Entry = {
    kind: "entry",
    line: i + 1,
    endLine: i + 1,
    text: lineText,
    indent,
    keyColumn,
    key: rest.trimEnd(),
    delimiter: undefined,
    spaceBeforeEquals: undefined,
    spaceAfterEquals: undefined,
    value: undefined,
    trailingWhitespace: trailingWhitespace(lineText, i + 1),
  };

  let valueFrom: number;
  const colon = COLON_ASSIGNMENT.exec(rest);
  const equals = lineText.indexOf("=", keyColumn);
  if (colon?.[1] && (equals < 0 || equals > keyColumn + colon[1].length)) {
    entry.key = colon[1];
    entry.delimiter = ":";
    valueFrom = keyColumn + colon[1].length + 1;
  } else if (equals >= 0) {
    const rawKey = lineText.slice(keyColumn, equals);
    entry.key = rawKey.trimEnd();
    entry.delimiter = "=";
    if (entry.key.length < rawKey.length) entry.spaceBeforeEquals = keyColumn + entry.key.length;
    valueFrom = equals + 1;
  } else {
    return entry;
  }

  const start = leadingWhitespace(lineText, valueFrom);
  if (entry.delimiter === "=" && start > valueFrom && start < lineText.length && lineText[start] !== "#") {
    entry.spaceAfterEquals = valueFrom;
  }
  const first = lineText[start];
  if (first === '"' || first === "'" || first === "`") {
    const close = findClosingQuote(text, quotes, first, lineStart + start);
    if (close !== undefined) {
      let end = i;
      while ((starts[end + 1] ?? Number.POSITIVE_INFINITY) <= close) end++;
      entry.endLine = end + 1;
      entry.value = {
        style: "quoted",
        quote: first,
        content: text.slice(lineStart + start + 1, close),
        offset: lineStart + start + 1,
        column: start,
        earlyCloseColumn: undefined,
        cutAtHashColumn: undefined,
        shellContent: text.slice(lineStart + start + 1, close),
      };
      const closeLine = physical[end] ?? "";
      const tail = trailingWhitespace(closeLine, end + 1);
      entry.trailingWhitespace = tail && tail.column - 1 > close - (starts[end] ?? 0) ? tail : undefined;
      return entry;
    }
    const content = beforeComment(lineText, start).trimEnd();
    const early = lineText.indexOf(first, start + 1);
    entry.value = {
      style: "literal",
      quote: first,
      content,
      offset: lineStart + start,
      column: start,
      earlyCloseColumn: early >= 0 ? early : undefined,
      cutAtHashColumn: undefined,
      shellContent: content,
    };
    return entry;
  }
  const raw = beforeComment(lineText, start);
  const hash = start + raw.length;
  const cut = hash < lineText.length && (hash === valueFrom || !/\s/.test(lineText[hash - 1] ?? ""));
  entry.value = {
    style: "unquoted",
    quote: undefined,
    content: raw.trimEnd(),
    offset: lineStart + start,
    column: start,
    earlyCloseColumn: undefined,
    cutAtHashColumn: cut ? hash : undefined,
    shellContent: lineText.slice(start).split(/\s#/)[0] ?? "",
  };
  return entry;
}

function leadingWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  return i;
}

function beforeComment(text: string, from: number): string {
  const hash = text.indexOf("#", from);
  return hash < 0 ? text.slice(from) : text.slice(from, hash);
}

function trailingWhitespace(text: string, line: number): { line: number; column: number } | undefined {
  const trimmed = text.trimEnd();
  return trimmed.length < text.length ? { line, column: trimmed.length + 1 } : undefined;
}
