/** A key's drift policy: the project config (by env name, then path) over the schema's metadata. */
import type { CfgConfig } from "../config.js";
import type { DriftPolicy } from "../meta.js";
import type { LeafPlan } from "../plan.js";

/** The project config's policy (by env name, then path) beats the schema's metadata; `report` by default. */
export function driftPolicyOf(leaf: LeafPlan, config: CfgConfig): DriftPolicy {
  const overrides = config.drift ?? {};
  return overrides[leaf.envName] ?? overrides[leaf.dottedPath] ?? leaf.meta.drift ?? "report";
}
