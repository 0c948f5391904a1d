/**
 * `.env` files. Values come from `dotenv.parse()`, so cfgkit reads a file exactly as dotenv does; a light
 * scan of our own only finds where each key starts, for line numbers and duplicate keys.
 */
import { parse } from "dotenv";
import type { RawEntry, SourceProblem } from "./types.js";

// As in dotenv, leading white space includes a stray byte-order mark.
const ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=|:\s)/;

interface KeyPosition {
  key: string;
  line: number;
  /** Last line of the assignment (a quoted value may span lines). */
  endLine: number;
}

export interface ParsedDotenv {
  entries: Map<string, RawEntry>;
  problems: SourceProblem[];
}

/**
 * Parses the text of one `.env` file; `file` is the name used in origins and messages. `dotenv.parse()` runs
 * over one assignment at a time: the same values as over the whole file, in linear time (over a long run of
 * blank lines its expression backtracks quadratically: 40,000 of them took seconds).
 */
export function parseDotenvText(text: string, file: string): ParsedDotenv {
  const lines = text.split(/\r\n|\r|\n/);
  const entries = new Map<string, RawEntry>();
  const problems: SourceProblem[] = [];
  const seen = new Map<string, Assignment>();
  for (const position of scanKeyPositions(text)) {
    const parsed = parse(lines.slice(position.line - 1, position.endLine).join("\n"));
    if (!Object.hasOwn(parsed, position.key)) {
      // dotenv assigns keys onto a plain object, where `__proto__` vanishes: say so rather than drop it silently.
      problems.push({
        file,
        line: position.line,
        key: position.key,
        severity: "warning",
        message: `${position.key} cannot be used as a key: dotenv ignores it`,
      });
      continue;
    }
    const assignment = { ...position, value: parsed[position.key] ?? "" };
    const earlier = seen.get(position.key);
    if (earlier) problems.push(duplicateProblem(file, earlier, assignment));
    seen.set(position.key, assignment);
    entries.set(position.key, {
      value: assignment.value,
      origin: { kind: "file", file, line: position.line },
    });
  }
  return { entries, problems };
}

interface Assignment extends KeyPosition {
  value: string;
}

/** A duplicate is an error when the two lines disagree (which one wins is then a trap), a warning otherwise. */
function duplicateProblem(file: string, first: Assignment, second: Assignment): SourceProblem {
  const differs = first.value !== second.value;
  return {
    file,
    line: second.line,
    key: second.key,
    related: { line: first.line, key: first.key },
    severity: differs ? "error" : "warning",
    message: differs
      ? `${second.key} is set twice with different values (lines ${first.line} and ${second.line}); the later one wins, which is rarely what was meant`
      : `${second.key} is set twice (lines ${first.line} and ${second.line})`,
  };
}

/** Finds the line where each assignment starts, skipping the inner lines of multi-line quoted values. */
export function scanKeyPositions(text: string): KeyPosition[] {
  const normalized = text.replace(/\r\n?/g, "\n");
  const lines = normalized.split("\n");
  const positions: KeyPosition[] = [];
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const lineStart = offset;
    offset += line.length + 1;
    const match = ASSIGNMENT.exec(line);
    if (!match?.[1]) continue;
    const valueStart = lineStart + line.length - line.slice(match[0].length).trimStart().length;
    const quote = normalized[valueStart];
    let endLine = i;
    if (quote === '"' || quote === "'" || quote === "`") {
      const close = closingQuote(normalized, valueStart, quote);
      if (close !== undefined) {
        for (let j = valueStart; j < close; j++) if (normalized.charCodeAt(j) === 10) endLine++;
      }
    }
    positions.push({ key: match[1], line: i + 1, endLine: endLine + 1 });
    for (; i < endLine; i++) offset += (lines[i + 1] ?? "").length + 1;
  }
  return positions;
}

/**
 * Where dotenv's quoted value ends: a quote may be passed over only when a backslash precedes it, and of the
 * quotes reachable that way, the last one followed by nothing but blanks or a comment on its line closes the
 * value (the regular expression dotenv uses is greedy and anchored at the line's end).
 */
function closingQuote(text: string, open: number, quote: string): number | undefined {
  let closing: number | undefined;
  for (let j = text.indexOf(quote, open + 1); j !== -1; j = text.indexOf(quote, j + 1)) {
    if (restOfLineIsBlank(text, j + 1)) closing = j;
    const escaped = j - 1 > open && text[j - 1] === "\\";
    if (!escaped) break;
  }
  return closing;
}

function restOfLineIsBlank(text: string, from: number): boolean {
  for (let k = from; k < text.length; k++) {
    const char = text[k];
    if (char === "\n" || char === "#") return true;
    if (char !== " " && char !== "\t" && char !== "\f" && char !== "\v") return false;
  }
  return true;
}
