/**
 * GitHub Actions annotations within GitHub's limits: a step shows at most 10 annotations of each kind, so
 * errors come first, 10 of each kind are printed, and a notice says how many more there are and where they are.
 */
import { plural } from "../report.js";
import type { CiReport } from "./ci-report.js";
import type { Finding } from "./findings.js";
import { escapeAnnotationData, escapeAnnotationProperty } from "./text.js";

/** GitHub's per-step limit for each of error, warning and notice annotations. */
export const ANNOTATIONS_PER_KIND = 10;

/** `whereTheRestIs` ends the notice: "in the job summary", or the command that shows them all. */
export function renderGithub(report: CiReport, whereTheRestIs: string): string {
  const errors = report.findings.filter((finding) => finding.severity === "error");
  const warnings = report.findings.filter((finding) => finding.severity !== "error");
  const shown = [...errors.slice(0, ANNOTATIONS_PER_KIND), ...warnings.slice(0, ANNOTATIONS_PER_KIND)];
  const lines = shown.map(annotation);
  const moreErrors = Math.max(0, errors.length - ANNOTATIONS_PER_KIND);
  const moreWarnings = Math.max(0, warnings.length - ANNOTATIONS_PER_KIND);
  if (moreErrors + moreWarnings > 0) {
    const more = [
      moreErrors > 0 ? plural(moreErrors, "more error") : "",
      moreWarnings > 0 ? plural(moreWarnings, "more warning") : "",
    ]
      .filter(Boolean)
      .join(" and ");
    const message = `${more} not shown as annotations (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step): ${whereTheRestIs}`;
    lines.push(
      `::notice title=${escapeAnnotationProperty(`cfg ${report.command}`)}::${escapeAnnotationData(message)}\n`,
    );
  }
  return lines.join("");
}

/** A GitHub Actions workflow command; properties and message escaped as the runner expects. */
function annotation(finding: Finding): string {
  const properties = [
    finding.file ? `file=${escapeAnnotationProperty(finding.file)}` : undefined,
    finding.line === undefined ? undefined : `line=${finding.line}`,
    finding.column === undefined ? undefined : `col=${finding.column}`,
    `title=${escapeAnnotationProperty(`cfg ${finding.rule}${finding.environment ? ` (${finding.environment})` : ""}`)}`,
  ].filter(Boolean);
  const level = finding.severity === "error" ? "error" : "warning";
  return `::${level} ${properties.join(",")}::${escapeAnnotationData(finding.message)}\n`;
}
