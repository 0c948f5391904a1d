import { z } from "zod";
import { httpServer, logging, postgres, redis, retryPolicy, timeouts, webhook } from "./index.js";

/** The fragments that get a JSON Schema file, by export name. */
const FRAGMENTS: Record<string, z.ZodType> = {
  httpServer,
  logging,
  postgres,
  redis,
  retryPolicy,
  timeouts,
  webhook,
};

/**
 * The input JSON Schema of every fragment (what a config file or editor may hold), keyed by file name
 * (`httpServer.schema.json`), as pretty JSON with a trailing newline. Pure: writing is `_write-json-schemas.ts`.
 */
export function renderJsonSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, fragment] of Object.entries(FRAGMENTS)) {
    files[`${name}.schema.json`] = `${JSON.stringify(z.toJSONSchema(fragment, { io: "input" }), null, 2)}\n`;
  }
  return files;
}
