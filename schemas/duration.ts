import { z } from "zod";

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** A duration spelled with a unit: `"250ms"`, `"3s"`, `"1.5m"`, `"1h"`. */
export type DurationString = `${number}${Unit}`;

// A bare number is milliseconds, so numeric env strings ("3000") mean the same as the number 3000.
const DURATION_PATTERN = /^\d+(?:\.\d+)?(?:ms|s|m|h)?$/;
const EXPECTED = "expected a duration such as 250ms, 3s or 1m (a bare number means milliseconds)";

function parseDuration(spec: string | number): number {
  if (typeof spec === "number") return spec;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(spec);
  if (!match) return Number.NaN;
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? "ms") as Unit];
  // 1.1s is 1100.0000000000002 in floating point; snap such results, but leave 0.5ms fractional for the int check.
  const rounded = Math.round(ms);
  return Math.abs(ms - rounded) < 1e-6 ? rounded : ms;
}

/** Milliseconds in the largest unit that divides them exactly, for messages: 60000 -> "1m", 1500 -> "1500ms". */
function formatDuration(ms: number): string {
  for (const unit of ["h", "m", "s"] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

export interface DurationBounds {
  /** Shortest accepted duration, in ms or with a unit. @default 0 */
  min?: number | DurationString;
  /** Longest accepted duration, in ms or with a unit. @default Number.MAX_SAFE_INTEGER */
  max?: number | DurationString;
}

/**
 * A duration given as `"250ms"`, `"3s"`, `"1m"`, `"1h"` or a number of milliseconds (a number, or a numeric
 * string as env vars are), parsed to a whole number of milliseconds within `min`..`max`.
 *
 * Its input JSON Schema is `number | string` with a pattern. Give defaults with `.prefault("30s")` (an input
 * value, which is run through the parser and shown in the JSON Schema); `.default()` takes milliseconds but is
 * dropped from an input JSON Schema because the schema transforms.
 *
 * @example
 * const settings = z.object({ idleTimeout: duration({ min: "1s", max: "1h" }).prefault("30s") });
 * settings.parse({ idleTimeout: "2m" }); // { idleTimeout: 120000 }
 */
export function duration(bounds: DurationBounds = {}) {
  const min = parseDuration(bounds.min ?? 0);
  const max = parseDuration(bounds.max ?? Number.MAX_SAFE_INTEGER);
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || min > max) {
    throw new RangeError(`duration(): bounds must be whole milliseconds with 0 <= min <= max`);
  }
  const minMessage = `must be at least ${formatDuration(min)}`;
  const maxMessage = `must be at most ${formatDuration(max)}`;
  // The number branch repeats the bounds so the input JSON Schema shows them. No .int() there: its issue would
  // abort the branch and leave only the generic union message; the output side says what is wrong instead.
  const milliseconds = z
    .number({ error: EXPECTED })
    .min(min, { error: minMessage })
    .max(max, { error: maxMessage });
  return z
    .union([milliseconds, z.string({ error: EXPECTED }).regex(DURATION_PATTERN, { error: EXPECTED })], {
      error: EXPECTED,
    })
    .transform(parseDuration)
    .pipe(
      z
        .number()
        .int({ error: "must be a whole number of milliseconds" })
        .min(min, { error: minMessage })
        .max(max, { error: maxMessage }),
    );
}
