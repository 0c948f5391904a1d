/**
 * Ready-made Zod fragments for common service settings, each a `z.object` to place under a key of a settings
 * schema: `z.object({ http: httpServer, redis })`.
 */
export type { DurationBounds, DurationString } from "./duration.js";
export { duration } from "./duration.js";
export { httpServer } from "./http-server.js";
export { logging } from "./logging.js";
export { postgres } from "./postgres.js";
export { redis } from "./redis.js";
export { retryPolicy } from "./retry-policy.js";
export { timeouts } from "./timeouts.js";
export { webhook } from "./webhook.js";
