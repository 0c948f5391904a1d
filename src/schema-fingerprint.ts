/**
 * The schema fingerprint: which schema a snapshot or a running service was made with. Its own module, so the
 * runtime (telemetry's schema attribute) does not load snapshots and drift to compute it.
 */
import { z } from "zod";
import { nodeCrypto } from "./builtins.js";
import type { SettingsDefinition } from "./define.js";
import { canonicalize } from "./fingerprint.js";

/**
 * The schema fingerprint's form has not changed since `cfg1` (only the settings fingerprint's did): snapshots
 * taken before still match the schema they were taken with.
 */
const SCHEMA_FINGERPRINT_FORMAT = "cfg1";

/** The schema's shape (its input JSON Schema, prefix and delimiter), hashed. */
export function schemaFingerprint(definition: SettingsDefinition): string {
  let shape: unknown;
  try {
    shape = z.toJSONSchema(definition.schema, { io: "input", unrepresentable: "any" });
  } catch {
    shape = definition.plan.leaves.map((leaf) => leaf.envName);
  }
  const canonical = canonicalize({
    shape,
    prefix: definition.options.prefix,
    delimiter: definition.options.delimiter,
  });
  return `${SCHEMA_FINGERPRINT_FORMAT}:sha256:${nodeCrypto().createHash("sha256").update(canonical).digest("hex")}`;
}
