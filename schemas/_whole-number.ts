import { z } from "zod";

/**
 * A whole number with human error messages. Env values arrive as strings; cfgkit converts numeric strings for a
 * plain `z.number()` leaf, so no coercion here, which also keeps the JSON Schema a clean `integer`.
 */
export function wholeNumber(range: { min: number; max?: number }) {
  const { min, max } = range;
  const expected =
    max === undefined
      ? `expected a whole number of at least ${min}`
      : `expected a whole number from ${min} to ${max}`;
  const schema = z
    .number({ error: expected })
    .int({ error: expected })
    .min(min, { error: `must be at least ${min}` });
  return max === undefined ? schema : schema.max(max, { error: `must be at most ${max}` });
}
