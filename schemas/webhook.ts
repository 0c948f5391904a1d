import { z } from "zod";
import { secret } from "../src/meta.js";
import { duration } from "./duration.js";

const MIN_SECRET_LENGTH = 32;

// An HTTP header name is an RFC 9110 token.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Signed webhooks, sent or received: the shared signing secret (required, secret), the header that carries the
 * signature, how old a signed timestamp may be, and, for a sender, where to deliver.
 *
 * @example
 * const settings = z.object({ webhook }); // APP_WEBHOOK__SECRET, APP_WEBHOOK__SIGNATURE_HEADER, ...
 */
export const webhook = z.object({
  secret: secret(
    z
      .string({ error: "expected a string" })
      .min(MIN_SECRET_LENGTH, {
        // Says how long the value is, never what it is.
        error: (issue) =>
          typeof issue.input === "string"
            ? `has ${issue.input.length} characters, needs at least ${MIN_SECRET_LENGTH}`
            : `needs at least ${MIN_SECRET_LENGTH} characters`,
      })
      .meta({
        description: `Shared key that signs each delivery (HMAC), at least ${MIN_SECRET_LENGTH} characters.`,
        drift: "expected",
      }),
  ),
  signatureHeader: z
    .string({ error: "expected an HTTP header name" })
    .regex(HEADER_NAME, { error: "expected an HTTP header name, such as x-webhook-signature" })
    .toLowerCase()
    .default("x-webhook-signature")
    .meta({
      description: "Header that carries the signature; lower-cased, as Node.js reports header names.",
    }),
  tolerance: duration({ min: "1s", max: "1h" }).prefault("5m").meta({
    description: "How old a signed timestamp may be before a delivery is refused as a replay, in ms.",
  }),
  url: z
    .url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" })
    .optional()
    .meta({ description: "Endpoint deliveries are sent to; only a sender needs it.", drift: "expected" }),
});
