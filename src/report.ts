/** Issues -> the text and JSON a user sees. The one place that decides how a problem reads. */
import type { IssueKind, SettingsIssue } from "./issues.js";

export interface ReportContext {
  environment: string;
  /** Files that were read, in precedence order. */
  filesRead: readonly string[];
  /** A line on the environment itself, when its name is the likely cause (a misspelt CFG_ENV). */
  hint?: string;
}

const SECTIONS: { kinds: IssueKind[]; title: string }[] = [
  { kinds: ["source"], title: "Unreadable sources" },
  { kinds: ["missing"], title: "Missing" },
  { kinds: ["empty"], title: "Empty" },
  { kinds: ["invalid"], title: "Invalid" },
  { kinds: ["duplicate"], title: "Duplicate keys" },
  { kinds: ["unknown"], title: "Unknown keys (a typo is often why a required key is missing)" },
];

/**
 * The full report of a failed load: every problem, grouped, each with its env var, schema path, origin and
 * expectation. This text is `SettingsError.message` and what an entrypoint prints before exiting 78.
 */
export function renderReport(issues: readonly SettingsIssue[], context: ReportContext): string {
  const errors = issues.filter((issue) => issue.severity === "error").length;
  const warnings = issues.length - errors;
  const counts = [plural(errors, "error"), warnings > 0 ? plural(warnings, "warning") : undefined].filter(
    Boolean,
  );
  const lines = [`Invalid settings for environment "${context.environment}" (${counts.join(", ")}):`];
  for (const section of SECTIONS) {
    const inSection = issues.filter((issue) => section.kinds.includes(issue.kind));
    if (inSection.length === 0) continue;
    lines.push("", `  ${section.title}:`);
    for (const issue of inSection) lines.push(...renderIssue(issue));
  }
  lines.push("", `  Files read: ${context.filesRead.length > 0 ? context.filesRead.join(", ") : "none"}`);
  if (context.hint) lines.push(`  Note: ${context.hint}`);
  return lines.join("\n");
}

/**
 * What an issue says, part by part: the problem with the expectation, the offending value (never a secret's),
 * and a suggestion. The report puts each on its own line; a CLI finding joins them on one.
 */
export function issueDetails(issue: SettingsIssue): {
  problem: string;
  received?: string;
  suggestion?: string;
} {
  const problem = [issue.message, issue.expected ? `expected ${issue.expected}` : undefined]
    .filter(Boolean)
    .join("; ");
  const details: { problem: string; received?: string; suggestion?: string } = { problem };
  if (issue.received !== undefined && issue.kind === "invalid" && !issue.secret)
    details.received = `got ${issue.received}`;
  if (issue.suggestion) details.suggestion = `did you mean ${issue.suggestion}?`;
  return details;
}

function renderIssue(issue: SettingsIssue): string[] {
  const marker = issue.severity === "error" ? "✗" : "!";
  const { problem, received, suggestion } = issueDetails(issue);
  return [
    `    ${marker} ${headline(issue)}`,
    ...[problem, received, suggestion].filter(Boolean).map((line) => `        ${line}`),
  ];
}

function headline(issue: SettingsIssue): string {
  if (issue.kind === "source" || issue.kind === "duplicate") return location(issue) ?? issue.file ?? "source";
  const name = issue.envName ?? issue.path ?? "(settings)";
  const path = issue.envName && issue.path && issue.kind !== "unknown" ? ` (${issue.path})` : "";
  const where = issue.origin ? ` at ${issue.origin}` : "";
  return `${name}${path}${where}`;
}

function location(issue: SettingsIssue): string | undefined {
  if (!issue.file) return undefined;
  if (issue.line === undefined) return issue.file;
  return issue.column === undefined
    ? `${issue.file}:${issue.line}`
    : `${issue.file}:${issue.line}:${issue.column}`;
}

/** `1 error`, `2 errors`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
