import { z } from "zod";
import { fieldsValid } from "./_fields-valid.js";
import { wholeNumber } from "./_whole-number.js";
import { duration } from "./duration.js";

const JITTER = ["none", "full", "equal"] as const;

/**
 * How a client retries a failed call: exponential backoff from `baseDelayMs` capped at `maxDelayMs`, with
 * jitter as in AWS's "Exponential Backoff And Jitter". Every field has a default.
 *
 * @example
 * const settings = z.object({ retry: retryPolicy }); // APP_RETRY__MAX_ATTEMPTS=5, APP_RETRY__BASE_DELAY_MS=100ms
 */
export const retryPolicy = z
  .object({
    maxAttempts: wholeNumber({ min: 1, max: 20 })
      .default(3)
      .meta({ description: "Attempts in all, the first included; 1 means no retries." }),
    baseDelayMs: duration({ min: "1ms", max: "1m" })
      .prefault(200)
      .meta({ description: "Delay before the first retry, doubled for each later one, in ms (or 1s)." }),
    maxDelayMs: duration({ min: "1ms", max: "10m" })
      .prefault(30_000)
      .meta({ description: "Cap on the delay between two attempts, in ms (or 30s)." }),
    jitter: z
      .enum(JITTER, { error: `expected one of ${JITTER.join(", ")}` })
      .default("full")
      .meta({ description: "Randomisation of each delay: none, full (0..delay) or equal (delay/2..delay)." }),
    retryableStatuses: z
      .array(wholeNumber({ min: 100, max: 599 }), {
        error: "expected a JSON array of HTTP status codes, such as [429, 503]",
      })
      .default(() => [429, 503])
      .meta({ description: "HTTP status codes that are retried; network errors are always retried." }),
  })
  .refine((r) => r.maxDelayMs >= r.baseDelayMs, {
    error: "must be at least baseDelayMs",
    path: ["maxDelayMs"],
    when: fieldsValid,
  });
