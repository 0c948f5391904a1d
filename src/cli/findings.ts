/** Findings: what `cfg check` (and later `cfg diff`) reports, and the one renderer per output format. */
import type { SettingsIssue } from "../issues.js";
import { issueDetails, plural } from "../report.js";
import { CI_FORMATS } from "./ci-report.js";
import type { Palette } from "./io.js";
import { escapeMarkdownCell, widestOf } from "./text.js";

export const OUTPUT_FORMATS = ["text", "json", "markdown", ...CI_FORMATS] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Finding {
  /** Stable id: `missing`, `invalid`, `unknown-key`, `duplicate-key`, a lint rule id… */
  rule: string;
  severity: "error" | "warning";
  /** Never contains a secret value. */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The env var concerned. */
  key?: string;
  /** The schema path concerned. */
  path?: string;
  environment?: string;
}

const RULE_OF_KIND: Record<SettingsIssue["kind"], string> = {
  source: "unreadable-source",
  missing: "missing",
  empty: "empty",
  invalid: "invalid",
  unknown: "unknown-key",
  duplicate: "duplicate-key",
};

/**
 * A load issue as a finding. In a check, unknown keys are errors (DESIGN.md §3); a key missing everywhere is
 * pinned on the environment's most specific file so that an annotation has somewhere to land.
 */
export function findingFromIssue(issue: SettingsIssue, environment: string, fallbackFile?: string): Finding {
  const { problem, received, suggestion } = issueDetails(issue);
  const details = [problem, received, suggestion].filter(Boolean);
  const subject =
    issue.kind === "source" || issue.kind === "duplicate" ? "" : `${issue.envName ?? issue.path} `;
  const finding: Finding = {
    // A source problem about one value (`APP_REDIS` is not JSON, an expansion that never ends) is that value's.
    rule: issue.kind === "source" && issue.envName !== undefined ? "invalid" : RULE_OF_KIND[issue.kind],
    severity: issue.kind === "unknown" ? "error" : issue.severity,
    message: `${subject}${details.join("; ")}`,
    environment,
  };
  // Only a key missing everywhere borrows the file: an unknown key from process.env belongs to no file.
  const file = issue.file ?? (issue.kind === "missing" || issue.kind === "empty" ? fallbackFile : undefined);
  if (file) finding.file = file;
  if (issue.line !== undefined) finding.line = issue.line;
  if (issue.column !== undefined) finding.column = issue.column;
  if (issue.envName) finding.key = issue.envName;
  if (issue.path) finding.path = issue.path;
  return finding;
}

export interface FindingsReport {
  command: string;
  findings: readonly Finding[];
  /** What was checked, for the summary line: environments or files. */
  checked: readonly string[];
  /** Warnings fail too (`--strict`). */
  strict?: boolean;
}

/**
 * What a report says, and so its exit code: `unreadable` when a source could not be read (no verdict, exit 2),
 * `fails` on any error (or with `strict` any finding), else `clean`. The summary line and the exit code both
 * come from here, so they always tell the same story.
 */
export function reportOutcome(report: FindingsReport): "clean" | "fails" | "unreadable" {
  if (report.findings.some(isUnreadableFinding)) return "unreadable";
  return reportFails(report) ? "fails" : "clean";
}

export const EXIT_OF_OUTCOME = { clean: 0, fails: 1, unreadable: 2 } as const;

function isUnreadableFinding(finding: Finding): boolean {
  return finding.rule === "unreadable-source" && finding.severity === "error";
}

/** Whether a report fails: any error, or with `strict` any finding at all. */
export function reportFails(report: FindingsReport): boolean {
  const { errors, warnings } = countFindings(report.findings);
  return errors > 0 || (report.strict === true && warnings > 0);
}

/** The summary line's words: what was found, and what could not be read. */
function summaryOf(report: FindingsReport): string {
  const { errors, warnings } = countFindings(report.findings);
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${report.checked.join(", ") || "nothing"}`;
  const unreadable = new Set(report.findings.filter(isUnreadableFinding).map((f) => f.file ?? "a source"));
  if (unreadable.size === 0) return counts;
  return `no verdict: could not read ${[...unreadable].join(", ")} (${counts})`;
}

function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}

/** Text, JSON and Markdown; the CI formats (github, sarif, …) are printed by `emitCiReport()`. */
export function renderFindings(
  report: FindingsReport,
  format: "text" | "json" | "markdown",
  palette: Palette,
): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(findingsJson(report), null, 2)}\n`;
    case "markdown":
      return findingsMarkdown(report);
    default:
      return findingsText(report, palette);
  }
}

/** The versioned JSON shape (documented in the README). */
function findingsJson(report: FindingsReport) {
  const counts = countFindings(report.findings);
  return {
    version: 1,
    command: report.command,
    ok: reportOutcome(report) === "clean",
    checked: report.checked,
    ...counts,
    findings: report.findings,
  };
}

function location(finding: Finding): string {
  if (!finding.file) return finding.environment ? `(${finding.environment})` : "";
  const line =
    finding.line === undefined
      ? ""
      : `:${finding.line}${finding.column === undefined ? "" : `:${finding.column}`}`;
  return `${finding.file}${line}`;
}

function findingsText(report: FindingsReport, palette: Palette): string {
  const { shown, hidden } = capRepeats(report.findings);
  const lines: string[] = [];
  const width = widestOf(shown.map(location), 40);
  for (const finding of shown) {
    const severity = finding.severity === "error" ? palette.red("error  ") : palette.yellow("warning");
    const environment = finding.environment ? palette.dim(` [${finding.environment}]`) : "";
    lines.push(
      `${location(finding).padEnd(width)}  ${severity}  ${finding.message}  ${palette.dim(finding.rule)}${environment}`,
    );
  }
  for (const { file, rule, count } of hidden)
    lines.push(palette.dim(`… ${count} more ${rule} in ${file} (all of them with --format json)`));
  const summary = summaryOf(report);
  lines.push(reportOutcome(report) === "clean" ? palette.green(`✓ ${summary}`) : palette.red(`✗ ${summary}`));
  return `${lines.join("\n")}\n`;
}

/** The same rule firing on hundreds of lines of one file (40,000 blank lines) is summarised after a few. */
const MAX_REPEATS = 20;

function capRepeats(findings: readonly Finding[]): {
  shown: Finding[];
  hidden: { file: string; rule: string; count: number }[];
} {
  const counts = new Map<string, number>();
  const shown: Finding[] = [];
  const hidden = new Map<string, { file: string; rule: string; count: number }>();
  for (const finding of findings) {
    const key = `${finding.file ?? ""}\u0000${finding.rule}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count <= MAX_REPEATS) {
      shown.push(finding);
      continue;
    }
    const entry = hidden.get(key) ?? { file: finding.file ?? "(no file)", rule: finding.rule, count: 0 };
    entry.count++;
    hidden.set(key, entry);
  }
  return { shown, hidden: [...hidden.values()] };
}

function findingsMarkdown(report: FindingsReport): string {
  const { errors, warnings } = countFindings(report.findings);
  const unreadable =
    reportOutcome(report) === "unreadable" ? " (no verdict: a source could not be read)" : "";
  const head = `### cfg ${report.command}: ${reportOutcome(report) === "clean" ? "✅" : "❌"} ${plural(errors, "error")}, ${plural(warnings, "warning")}${unreadable}\n`;
  if (report.findings.length === 0) return `${head}\nChecked: ${report.checked.join(", ")}\n`;
  const { shown, hidden } = capRepeats(report.findings);
  const rows = shown.map(
    (f) =>
      `| ${f.severity} | ${escapeMarkdownCell(location(f))} | ${escapeMarkdownCell(f.environment ?? "")} | \`${f.rule}\` | ${escapeMarkdownCell(f.message)} |`,
  );
  const more = hidden
    .map(({ file, rule, count }) => `\n… ${count} more \`${rule}\` in ${escapeMarkdownCell(file)}`)
    .join("");
  return `${head}\n| Severity | Where | Environment | Rule | Message |\n|---|---|---|---|---|\n${rows.join("\n")}\n${more ? `${more}\n` : ""}`;
}
