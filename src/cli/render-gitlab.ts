/**
 * GitLab code quality: the subset of the Code Climate issue format that GitLab reads (`description`,
 * `check_name`, `fingerprint`, `severity`, `location.path`, `location.lines.begin`), as one JSON array.
 */
import { type CiReport, findingIdentities, locatedFile } from "./ci-report.js";
import type { Finding } from "./findings.js";

/** GitLab's scale is info, minor, major, critical, blocker. A source that was not read blocks the verdict. */
function severityOf(finding: Finding): "minor" | "major" | "blocker" {
  if (finding.rule === "unreadable-source") return "blocker";
  return finding.severity === "error" ? "major" : "minor";
}

export function renderGitlab(report: CiReport): string {
  const identities = findingIdentities(report.findings);
  const issues = report.findings.map((finding, index) => ({
    description: finding.environment ? `${finding.message} [${finding.environment}]` : finding.message,
    check_name: `cfgkit/${finding.rule}`,
    fingerprint: identities[index] ?? "",
    severity: severityOf(finding),
    // GitLab requires a path and a line: a finding that belongs to no file is shown on the project config.
    location: { path: locatedFile(finding, report) ?? ".", lines: { begin: finding.line ?? 1 } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
