/** reviewdog's Diagnostic Format as JSON Lines (`reviewdog -f=rdjsonl`): one diagnostic per line. */
import { type CiReport, locatedFile } from "./ci-report.js";

export function renderRdjsonl(report: CiReport): string {
  return report.findings
    .map((finding) => {
      const start =
        finding.line === undefined
          ? undefined
          : { line: finding.line, ...(finding.column === undefined ? {} : { column: finding.column }) };
      const diagnostic = {
        message: finding.environment ? `${finding.message} [${finding.environment}]` : finding.message,
        location: { path: locatedFile(finding, report) ?? ".", ...(start ? { range: { start } } : {}) },
        severity: finding.severity === "error" ? "ERROR" : "WARNING",
        source: { name: "cfgkit" },
        code: { value: finding.rule },
      };
      return `${JSON.stringify(diagnostic)}\n`;
    })
    .join("");
}
