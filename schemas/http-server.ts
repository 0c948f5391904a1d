import { z } from "zod";
import { wholeNumber } from "./_whole-number.js";

/**
 * Where an HTTP server listens. Every field has a default, so a service starts with no env at all; use
 * `httpServer.prefault({})` when the whole group may be absent from the input.
 *
 * @example
 * const settings = z.object({ http: httpServer }); // APP_HTTP__HOST, APP_HTTP__PORT
 */
export const httpServer = z.object({
  host: z
    .string({ error: "expected a host name or IP address" })
    .min(1, { error: "must not be empty" })
    .default("0.0.0.0")
    .meta({ description: "Interface to listen on; 0.0.0.0 listens on all IPv4 interfaces." }),
  port: wholeNumber({ min: 1024, max: 65535 })
    .default(3000)
    .meta({ description: "TCP port to listen on (1024-65535; lower ports need root)." }),
});
