import { z } from "zod";

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
const FORMATS = ["json", "pretty"] as const;

/**
 * Log level and format, with pino's level names. Both have defaults.
 *
 * @example
 * const settings = z.object({ log: logging }); // APP_LOG__LEVEL=debug, APP_LOG__FORMAT=pretty
 */
export const logging = z.object({
  level: z
    .enum(LEVELS, { error: `expected one of ${LEVELS.join(", ")}` })
    .default("info")
    .meta({ description: "Least severe level that is written." }),
  format: z
    .enum(FORMATS, { error: `expected one of ${FORMATS.join(", ")}` })
    .default("json")
    .meta({ description: "json for one JSON object per line, pretty for humans at a terminal." }),
});
