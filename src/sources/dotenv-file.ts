/**
 * `.env` files. Values come from `dotenv.parse()`, so cfgkit reads a file exactly as dotenv does; a light
 * scan of our own only finds where each key starts, for line numbers and duplicate keys.
 */
import { parse } from "dotenv";
import type { RawEntry, SourceProblem } from "./types.js";

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=|:[ \t])/;

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

/** Parses the text of one `.env` file; `file` is the name used in origins and messages. */
export function parseDotenvText(text: string, file: string): ParsedDotenv {
  const values = parse(text);
  const positions = scanKeyPositions(text);
  const lastByKey = new Map<string, KeyPosition>();
  const problems: SourceProblem[] = [];
  const lines = positions.length > 0 ? text.split(/\r\n|\r|\n/) : [];
  for (const position of positions) {
    const earlier = lastByKey.get(position.key);
    if (earlier) problems.push(duplicateProblem(file, earlier, position, lines));
    lastByKey.set(position.key, position);
  }
  const entries = new Map<string, RawEntry>();
  for (const key of Object.keys(values)) {
    const value = values[key] ?? "";
    const line = lastByKey.get(key)?.line;
    entries.set(key, {
      value,
      origin: line === undefined ? { kind: "file", file } : { kind: "file", file, line },
    });
  }
  return { entries, problems };
}

/** A duplicate is an error when the two lines disagree (which one wins is then a trap), a warning otherwise. */
function duplicateProblem(
  file: string,
  first: KeyPosition,
  second: KeyPosition,
  lines: string[],
): SourceProblem {
  const valueAt = (p: KeyPosition) => parse(lines.slice(p.line - 1, p.endLine).join("\n"))[p.key];
  const differs = valueAt(first) !== valueAt(second);
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
  const positions: KeyPosition[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const match = ASSIGNMENT.exec(line);
    if (!match?.[1]) continue;
    const start = i;
    const rest = line.slice(match[0].length).trimStart();
    const quote = rest[0];
    if ((quote === '"' || quote === "'" || quote === "`") && !closesOn(rest, 1, quote)) {
      const end = findClosingLine(lines, i + 1, quote);
      if (end !== undefined) i = end;
    }
    positions.push({ key: match[1], line: start + 1, endLine: i + 1 });
  }
  return positions;
}

/** Whether `quote` closes in `text` from `from`, a backslash escaping the quote as in dotenv. */
function closesOn(text: string, from: number, quote: string): boolean {
  for (let j = from; j < text.length; j++) {
    if (text[j] === "\\" && text[j + 1] === quote) j++;
    else if (text[j] === quote) return true;
  }
  return false;
}

function findClosingLine(lines: string[], from: number, quote: string): number | undefined {
  for (let i = from; i < lines.length; i++) {
    if (closesOn(lines[i] ?? "", 0, quote)) return i;
  }
  return undefined;
}
