/**
 * Fleet drift by cause: the outliers of a comparison of many snapshots, grouped by what makes them differ
 * (key, value digest, origin), so that one bad rollout reads "1 cause → 37 hosts", not 37 rows. Pure and
 * linear in keys × snapshots: one pass over the report's entries, one map lookup per outlier.
 */
import type { DriftReport } from "./drift.js";

export interface DriftCause {
  path: string;
  envName: string;
  /** The outliers' value as printable text (secrets `<secret>`), or `(unset)`. */
  value: string;
  /** Where the outliers got it: `.env.production:12`, `process.env`, or `(unset)`. */
  origin: string;
  secret: boolean;
  /** The value the majority has. */
  majority: string;
  /** The operands (hosts) that have this cause, in operand order. */
  hosts: string[];
}

/** Causes of failing differences (drift, invalid), most hosts first; ties in key order. */
export function causesOf(report: DriftReport): DriftCause[] {
  const causes = new Map<string, DriftCause>();
  for (const entry of report.entries) {
    const majority = entry.majority;
    if (!majority || (entry.verdict !== "drift" && entry.verdict !== "invalid")) continue;
    entry.values.forEach((value, index) => {
      const digest = value?.fingerprint ?? "(unset)";
      if (digest === majority.fingerprint) return;
      const origin = value?.origin ?? "(unset)";
      const key = `${entry.path}\u0000${digest}\u0000${origin}`;
      let cause = causes.get(key);
      if (!cause) {
        cause = {
          path: entry.path,
          envName: entry.envName,
          value: value?.display ?? "(unset)",
          origin,
          secret: entry.secret,
          majority: majority.display,
          hosts: [],
        };
        causes.set(key, cause);
      }
      cause.hosts.push(report.operands[index]?.name ?? String(index));
    });
  }
  // Map insertion order is key order; a stable sort by host count keeps it among equals.
  return [...causes.values()].sort((a, b) => b.hosts.length - a.hosts.length);
}
