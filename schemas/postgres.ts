import { z } from "zod";
import { secret } from "../src/meta.js";
import { fieldsValid } from "./_fields-valid.js";
import { wholeNumber } from "./_whole-number.js";
import { duration } from "./duration.js";

/** libpq's `sslmode` values, weakest first. */
const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;

const pool = z
  .object({
    min: wholeNumber({ min: 0, max: 1000 })
      .default(0)
      .meta({ description: "Connections the pool keeps open when idle." }),
    max: wholeNumber({ min: 1, max: 1000 })
      .default(10)
      .meta({ description: "Most connections the pool opens at once." }),
  })
  .refine((p) => p.min <= p.max, { error: "must be at least pool.min", path: ["max"], when: fieldsValid })
  .prefault({})
  .meta({ description: "Connection pool size." });

/**
 * A PostgreSQL connection. Only `url` is required; it is secret (it usually carries the password) and expected
 * to differ between environments.
 *
 * @example
 * const settings = z.object({ postgres }); // APP_POSTGRES__URL, APP_POSTGRES__POOL__MAX, ...
 */
export const postgres = z.object({
  url: secret(
    z.url({ protocol: /^postgres(?:ql)?$/, error: "expected a postgres:// or postgresql:// URL" }).meta({
      description: "Connection URL, postgres://user:password@host:5432/database.",
      drift: "expected",
    }),
  ),
  pool,
  sslMode: z
    .enum(SSL_MODES, { error: `expected one of ${SSL_MODES.join(", ")}` })
    .default("prefer")
    .meta({ description: "TLS mode, as libpq's sslmode." }),
  statementTimeoutMs: duration({ min: "100ms", max: "1h" })
    .prefault(30_000)
    .meta({ description: "Longest a statement may run before the server cancels it, in ms (or 30s, 1m)." }),
});
