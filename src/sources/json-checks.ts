/**
 * Checks on JSON text that parsers do not make, in one linear pass with an explicit stack (so it cannot
 * overflow): nesting deeper than the limit (parsers recurse, and so does everything that walks their result),
 * a key given twice in one object (`JSON.parse` silently keeps the last), and an integer beyond 2^53 (which
 * would be rounded). `//` and `/* *\/` comments are skipped, as config files allow them.
 */

export interface JsonTextProblem {
  kind: "depth" | "duplicate" | "integer";
  message: string;
  offset: number;
  line: number;
  column: number;
  /** For a duplicate key: where it was first given. */
  related?: { line: number; key: string };
}

interface Frame {
  /** Keys seen so far and their offsets; `undefined` for an array. */
  keys: Map<string, number> | undefined;
  expectKey: boolean;
}

/** The first problem in `text`, or `undefined`. Syntax errors are left to the parser. */
export function checkJsonText(text: string, maxDepth: number): JsonTextProblem | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (char === 0x22 /* " */) {
      const end = endOfString(text, i);
      if (top?.keys && top.expectKey) {
        const key = decodeKey(text.slice(i, end + 1));
        const first = key === undefined ? undefined : top.keys.get(key);
        if (key !== undefined && first !== undefined) return duplicate(text, key, first, i);
        if (key !== undefined) top.keys.set(key, i);
        top.expectKey = false;
      }
      i = end;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      if (stack.length >= maxDepth) {
        const message = `nested deeper than ${maxDepth} levels (raise limits.maxDepth to allow it)`;
        return { kind: "depth", message, offset: i, ...position(text, i) };
      }
      stack.push({ keys: char === 0x7b ? new Map() : undefined, expectKey: char === 0x7b });
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      stack.pop();
    } else if (char === 0x2c /* , */) {
      if (top?.keys) top.expectKey = true;
    } else if (char === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const newline = text.indexOf("\n", i);
      i = newline === -1 ? text.length : newline;
    } else if (char === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? text.length : close + 1;
    } else if (char === 0x2d /* - */ || (char >= 0x30 && char <= 0x39)) {
      const end = endOfNumber(text, i);
      if (isUnsafeInteger(text.slice(i, end))) {
        const message = `an integer beyond 2^53 (${Number.MAX_SAFE_INTEGER}) cannot be kept exact; write it as a string`;
        return { kind: "integer", message, offset: i, ...position(text, i) };
      }
      i = end - 1;
    }
  }
  return undefined;
}

/** `JSON.parse` after the checks above; the messages never quote the text (it may hold a secret). */
export function parseJsonValue(
  text: string,
  maxDepth: number,
): { ok: true; value: unknown } | { ok: false; problem?: JsonTextProblem } {
  const problem = checkJsonText(text, maxDepth);
  if (problem) return { ok: false, problem };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The index of the closing quote (or the last index, for an unterminated string). */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x5c /* \ */) i++;
    else if (char === 0x22) return i;
  }
  return text.length - 1;
}

function endOfNumber(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && /[0-9eE.+-]/.test(text[i] as string)) i++;
  return i;
}

function isUnsafeInteger(token: string): boolean {
  if (!/^-?\d{16,}$/.test(token)) return false;
  return !Number.isSafeInteger(Number(token));
}

function decodeKey(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

function duplicate(text: string, key: string, firstOffset: number, offset: number): JsonTextProblem {
  const first = position(text, firstOffset);
  const here = position(text, offset);
  return {
    kind: "duplicate",
    message: `key "${key}" appears twice in the same object${first.line === here.line ? "" : ` (lines ${first.line} and ${here.line})`}`,
    offset,
    ...here,
    related: { line: first.line, key },
  };
}

/** 1-based line and column of an offset; only computed for a problem, so a scan is fine. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Whether a built value nests deeper than `maxDepth`; a cycle (an alias inside its own anchor) always does. */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next.value === null || typeof next.value !== "object") continue;
    if (next.depth >= maxDepth) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}
