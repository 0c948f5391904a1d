/**
 * `${VAR}` expansion for values read from `.env` files, with dotenv-expand 12's semantics (DESIGN.md §3).
 *
 * Why not call dotenv-expand itself: it is quadratic in the number of keys, because every value spreads
 * `{ ...runningParsed, ...processEnv }` into a fresh object before expanding, and it writes the results into
 * `processEnv`. Measured on this machine (Node 20.20, 2 shared cores; medians of 15 runs, 5 for dotenv-expand at
 * 10,000 lines; two sessions) on `.env` files of plain values, URLs and about one reference in three lines, with
 * 100 ambient variables (test/bench/expand.bench.ts builds the same files):
 *
 *   lines      dotenv-expand 12   expandEnv
 *   100        1.7-2.0 ms         0.15-0.20 ms
 *   1,000      114-147 ms         1.2-1.4 ms
 *   10,000     18-21 s            14-21 ms
 *
 * So `expandValue` below is dotenv-expand 12's own loop, step for step, with the per-value spread replaced by
 * two O(1) lookups. The quirks are kept on purpose, since users' files already depend on the output: text
 * that was substituted is scanned again from the start, `String.prototype.replace` interprets `$&`, `$'`,
 * `` $` `` and `$$` in the substituted value and replaces the first occurrence of the reference text (even
 * an escaped one), `-` behaves like `:-` and `+` like `:+`, a reference with no operator is split on the
 * string "null" (`${nullable}` means `${:-able}`), and `\$` is unescaped only at the end.
 * test/expand.test.ts checks equality with dotenv-expand 12 by property test and against its corpus.
 *
 * Deliberate differences, where dotenv-expand 12 has no sensible answer:
 * - names are own properties only. dotenv-expand also finds `constructor`, `toString`... on Object.prototype
 *   and calls them as replacers: `[$toString]` becomes `[[object Undefined]]`, `${constructor}` loops
 *   forever, and a key named `constructor` throws a TypeError. Here they are ordinary names;
 * - a value whose expansion never ends (`A=\$A\$A` then `B=x$A`) makes dotenv-expand loop forever or run
 *   out of memory; here it throws {@link ExpansionLimitError} after a bounded amount of work.
 *
 * `$(command)` is never executed: dotenv-expand 12 does not do it either (later versions do), and the
 * reference pattern cannot match `$(`.
 */

// The same pattern as dotenv-expand 12: `${...}` without nested braces, or `$NAME`, not preceded by `\`.
const REFERENCE = /(?<!\\)\${([^{}]+)}|(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)/g;
const OPERATOR = /(:\+|\+|:-|-)/;

// Bounds that only a non-terminating expansion reaches: real values need one step per reference.
const MAX_STEPS = 10_000;
const MAX_SCANNED_CHARS = 1 << 24;
/** A terminating expansion rescans a value about once per reference; growth without end blows past this. */
const RESCANS_PER_REFERENCE = 4;

/** Thrown when a value's expansion would not terminate (dotenv-expand 12 hangs on such input). */
export class ExpansionLimitError extends Error {
  override readonly name = "ExpansionLimitError";
  constructor(readonly key: string) {
    super(`Expansion of ${key} does not terminate (it keeps substituting references to itself); gave up.`);
  }
}

type Lookup = (name: string) => string | undefined;

/**
 * Expands `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}` in values
 * parsed from `.env` files, with dotenv-expand 12 semantics: a key set (non-empty) in `processEnv` keeps
 * that value, references see `processEnv` first and then only the keys before them in `parsed`, and `\$` is
 * a literal `$`. Never executes `$(command)`. Returns a new object; never mutates its inputs.
 *
 * @example
 * expandEnv({ PORT: "8090", URL: "http://localhost:${PORT}" }, {}) // { PORT: "8090", URL: "http://localhost:8090" }
 * @throws {ExpansionLimitError} when a value's expansion would not terminate.
 */
export function expandEnv(
  parsed: Readonly<Record<string, string>>,
  processEnv: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  // Keys expanded so far, already unescaped: what dotenv-expand calls runningParsed.
  const running = new Map<string, string>();
  // Its `{ ...runningParsed, ...processEnv }`: an own key of processEnv wins even when undefined.
  const lookup: Lookup = (name) => (Object.hasOwn(processEnv, name) ? processEnv[name] : running.get(name));

  // Object.keys has for...in's order (integer-like keys first), which dotenv-expand iterates in.
  for (const key of Object.keys(parsed)) {
    const fileValue = parsed[key] as string;
    const ambient = Object.hasOwn(processEnv, key) ? processEnv[key] : undefined;
    const value = ambient && ambient !== fileValue ? ambient : expandValue(key, fileValue, lookup, running);
    running.set(key, value.replace(/\\\$/g, "$"));
  }
  return Object.fromEntries(running);
}

function expandValue(key: string, value: string, lookup: Lookup, running: Map<string, string>): string {
  if (!value.includes("$")) return value;
  const pattern = new RegExp(REFERENCE);
  const seen = new Set<string>(); // dotenv-expand's guard against self-reference
  let result = value;
  let steps = 0;
  let scanned = 0;
  // The budget grows with the value, so a long value with a few references still expands.
  const references = value.split("$").length - 1;
  const budget = MAX_SCANNED_CHARS + RESCANS_PER_REFERENCE * (references + 1) * value.length;
  for (let match = pattern.exec(result); match !== null; match = pattern.exec(result)) {
    scanned += result.length;
    if (++steps > MAX_STEPS || scanned > budget) throw new ExpansionLimitError(key);
    seen.add(result);

    const [template, braced, unbraced] = match;
    const expression = (braced || unbraced) as string;
    // With no operator dotenv-expand calls split(null) and join(null), which use the string "null".
    const operator = expression.match(OPERATOR)?.[0] ?? "null";
    const [name = "", ...rest] = expression.split(operator);
    const alternate = operator === ":+" || operator === "+";
    const fallback = alternate ? (lookup(name) ? rest.join(operator) : "") : rest.join(operator);
    const found = alternate ? undefined : lookup(name);

    // A string replacement on purpose: `$&`, `$'`... in the value are interpreted, as in dotenv-expand.
    result = result.replace(template, found && !seen.has(found) ? found : fallback);

    // Stop when the value is exactly what the referenced key expanded to, so it is not expanded twice.
    if (result === running.get(name)) break;
    pattern.lastIndex = 0; // rescan from the start, substituted text included
  }
  return result;
}
