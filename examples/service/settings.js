// The settings of the example order service: one definition, used by main.js at startup and by `cfg`.
import { defineSettings } from "cfgkit";
import { httpServer, logging, postgres, redis, retryPolicy, timeouts, webhook } from "cfgkit/schemas";
import { z } from "zod";

export const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({
    env: z.enum(["development", "staging", "production"]).meta({ description: "Deployment environment." }),
    http: httpServer,
    postgres,
    redis,
    webhook,
    logging,
    retry: retryPolicy,
    upstream: timeouts,
    requestTimeoutMs: z.coerce
      .number()
      .int()
      .min(200)
      .max(15000)
      .default(3000)
      .meta({ description: "Budget for one incoming request, in ms." }),
  }),
});
