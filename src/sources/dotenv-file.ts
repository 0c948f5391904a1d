/**
 * `.env` files. Values come from `dotenv.parse()`, so cfgkit reads a file exactly as dotenv does; the scan
 * in dotenv-scan.ts (shared with the linter) finds where each assignment starts and ends, for line numbers,
 * duplicate keys, and what dotenv is given to parse.
 */
import { createRequire } from "node:module";
import type * as Dotenv from "dotenv";
import { dotenvDiagnostics } from "./dotenv-diagnostics.js";
import { type ScannedLine, scanDotenv } from "./dotenv-scan.js";
import type { RawEntry, SourceProblem } from "./types.js";

let dotenv: typeof Dotenv | undefined;

/**
 * `dotenv.parse`, loaded on the first `.env` file. Through require(): dotenv is CommonJS, and importing it from an
 * ES module also starts Node's CommonJS export scanner, twice the cost of the require itself at every start.
 */
export function dotenvParse(text: string): Record<string, string> {
  dotenv ??= createRequire(import.meta.url)("dotenv") as typeof Dotenv;
  return dotenv.parse(text);
}

/** The keys dotenv's expression reads; other lines are the linter's to report. */
const DOTENV_KEY = /^[\w.-]+$/;

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
 * Parses the text of one `.env` file; `file` is the name used in origins and messages. One `dotenv.parse()`
 * reads the values, over the assignments the scan found joined together: the same values as over the whole
 * file (the conformance corpus checks it) without what lies between them, over a long run of which (blank
 * lines) its expression backtracks quadratically: 40,000 of them took seconds. Only an assignment that a later
 * one of the same key overrides is parsed again on its own, for the duplicate's message.
 */
export function parseDotenvText(text: string, file: string): ParsedDotenv {
  const scanned = scanDotenv(text).lines;
  const positions = keyPositions(scanned);
  const lines = text.split(/\r\n|\r|\n/);
  const source = (position: KeyPosition) => lines.slice(position.line - 1, position.endLine).join("\n");
  // Each key's value from its last assignment (a Map: a lookup per key in dotenv's object cost more than the parse).
  const values = new Map(Object.entries(dotenvParse(positions.map(source).join("\n"))));
  const valueOnItsOwn = (position: KeyPosition) => dotenvParse(source(position))[position.key] ?? "";
  const entries = new Map<string, RawEntry>();
  const problems: SourceProblem[] = [];
  const seen = new Map<string, Assignment>();
  problems.push(...dotenvDiagnostics(text, scanned, file));
  for (const position of positions) {
    const value = values.get(position.key);
    if (value === undefined) {
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
    const earlier = seen.get(position.key);
    // A key set twice: both assignments' own values, for the message (the last one's is also the key's value).
    const assignment = { ...position, value: earlier ? valueOnItsOwn(position) : value };
    if (earlier)
      problems.push(duplicateProblem(file, { ...earlier, value: valueOnItsOwn(earlier) }, assignment));
    seen.set(position.key, assignment);
    entries.set(position.key, { value, origin: { kind: "file", file, line: position.line } });
  }
  return { entries, problems };
}

interface Assignment extends KeyPosition {
  value: string;
}

/**
 * A duplicate is a warning at run time: dotenv and Vite read such a file, the later line winning, and a
 * service must load what they load. `cfg check` reports it again as the linter's `duplicate-key`, an error
 * when the lines disagree.
 */
function duplicateProblem(file: string, first: Assignment, second: Assignment): SourceProblem {
  const differs = first.value !== second.value;
  return {
    file,
    line: second.line,
    key: second.key,
    related: { line: first.line, key: first.key },
    severity: "warning",
    message: differs
      ? `${second.key} is set twice with different values (lines ${first.line} and ${second.line}); line ${second.line} wins, as in dotenv`
      : `${second.key} is set twice (lines ${first.line} and ${second.line})`,
  };
}

/** Where each assignment dotenv reads starts and ends (a quoted value may span lines). */
export function scanKeyPositions(text: string): KeyPosition[] {
  return keyPositions(scanDotenv(text).lines);
}

function keyPositions(lines: readonly ScannedLine[]): KeyPosition[] {
  const positions: KeyPosition[] = [];
  for (const line of lines) {
    if (line.kind === "entry" && line.delimiter !== undefined && DOTENV_KEY.test(line.key)) {
      positions.push({ key: line.key, line: line.line, endLine: line.endLine });
    }
  }
  return positions;
}
