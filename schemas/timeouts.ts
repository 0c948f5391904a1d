import { z } from "zod";
import { fieldsValid } from "./_fields-valid.js";
import { duration } from "./duration.js";

/**
 * Timeouts for outgoing calls, each given as `"250ms"`, `"3s"`, `"1m"` or milliseconds and parsed to
 * milliseconds. `total` must cover `connect` and `read`.
 *
 * @example
 * const settings = z.object({ timeouts }); // APP_TIMEOUTS__CONNECT=2s -> settings.timeouts.connect === 2000
 */
export const timeouts = z
  .object({
    connect: duration({ min: "1ms", max: "5m" })
      .prefault("5s")
      .meta({ description: "Longest wait for a connection to open, in ms after parsing (1ms-5m)." }),
    read: duration({ min: "1ms", max: "10m" })
      .prefault("30s")
      .meta({ description: "Longest wait for a response once connected, in ms after parsing (1ms-10m)." }),
    total: duration({ min: "1ms", max: "1h" }).prefault("1m").meta({
      description: "Longest a whole call may take, retries included, in ms after parsing (1ms-1h).",
    }),
  })
  .superRefine(
    (t, ctx) => {
      if (t.total < t.connect) {
        ctx.addIssue({ code: "custom", message: "must be at least the connect timeout", path: ["total"] });
      }
      if (t.total < t.read) {
        ctx.addIssue({ code: "custom", message: "must be at least the read timeout", path: ["total"] });
      }
    },
    { when: fieldsValid },
  );
