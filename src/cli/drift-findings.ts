/** A drift report's failing differences as findings, so that every CI format renders diff as it renders check. */
import { type DriftReport, valueIfSet } from "../drift.js";
import type { Finding } from "./findings.js";
import { describeStatus } from "./render-drift.js";

/**
 * One finding per difference that fails (drift or an invalid value), on the line that set the first located
 * value. Values appear only as their redacted display text.
 */
export function driftFindings(report: DriftReport): Finding[] {
  const operands = report.operands.map((operand) => operand.name).join(" vs ");
  return report.entries
    .filter((entry) => entry.verdict === "drift" || entry.verdict === "invalid")
    .map((entry) => {
      const located = entry.values.find((value) => value && /:\d+$/.test(value.origin));
      const match = located ? /^(.*):(\d+)$/.exec(located.origin) : null;
      const values = entry.values
        .map((value, i) => `${report.operands[i]?.name}=${valueIfSet(value)?.display ?? "(unset)"}`)
        .join(", ");
      const finding: Finding = {
        rule:
          entry.verdict === "invalid"
            ? "invalid"
            : entry.policy === "forbidden"
              ? "forbidden-drift"
              : "drift",
        severity: "error",
        message: `${entry.envName} ${describeStatus(entry)}: ${values}`,
        key: entry.envName,
        path: entry.path,
        environment: operands,
      };
      if (match?.[1] && match[2]) {
        finding.file = match[1];
        finding.line = Number(match[2]);
      }
      return finding;
    });
}
