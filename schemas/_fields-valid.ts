import type { z } from "zod";

/**
 * `when` for a cross-field refinement: run it only once every field is valid. Zod runs object refinements after
 * non-fatal field issues too, so without this a bad field ("30 seconds") also fails a comparison that involves it.
 */
export function fieldsValid(payload: z.core.ParsePayload): boolean {
  return payload.issues.length === 0;
}
