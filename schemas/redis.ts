import { z } from "zod";
import { secret } from "../src/meta.js";
import { wholeNumber } from "./_whole-number.js";

/**
 * A Redis connection and the stream a service writes to. Only `url` is required; it is secret (it may carry a
 * password) and expected to differ between environments.
 *
 * @example
 * const settings = z.object({ redis }); // APP_REDIS__URL, APP_REDIS__STREAM, APP_REDIS__MAX_LEN
 */
export const redis = z.object({
  url: secret(
    z.url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// (TLS) URL" }).meta({
      description: "Connection URL, redis://[:password@]host:6379[/db], or rediss:// for TLS.",
      drift: "expected",
    }),
  ),
  stream: z
    .string({ error: "expected a stream name" })
    .min(1, { error: "must not be empty" })
    .default("events")
    .meta({ description: "Key of the Redis stream to write to." }),
  maxLen: wholeNumber({ min: 1000 })
    .default(10_000)
    .meta({ description: "Approximate length the stream is trimmed to (XADD MAXLEN ~)." }),
});
