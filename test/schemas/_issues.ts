import type { z } from "zod";

/** The path and message of each issue when parsing fails, or `[]` when it succeeds. */
export function issuesOf(schema: z.ZodType, input: unknown): { path: PropertyKey[]; message: string }[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
}
