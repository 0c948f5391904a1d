/** A drift report as text, JSON, Markdown, GitHub annotations or a unified patch. Values shown are redacted. */
import { formatPatch } from "diff";
import type { DriftEntry, DriftReport, OperandValue } from "../drift.js";
import { CI_FORMATS } from "./ci-report.js";
import type { Palette } from "./io.js";
import { widestOf } from "./text.js";

export const DIFF_FORMATS = ["text", "json", "markdown", "patch", ...CI_FORMATS] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const VERDICT_ORDER: DriftEntry["verdict"][] = [
  "invalid",
  "drift",
  "not-comparable",
  "accepted",
  "expected",
  "same",
];

/** Failing differences first, then the allowed ones, each group in schema order (bucketed: no sort). */
function byVerdict(report: DriftReport): DriftReport {
  const buckets = new Map<DriftEntry["verdict"], DriftEntry[]>(VERDICT_ORDER.map((verdict) => [verdict, []]));
  for (const entry of report.entries) buckets.get(entry.verdict)?.push(entry);
  return { ...report, entries: [...buckets.values()].flat() };
}

/** Text, JSON, Markdown and patch; the CI formats (github, sarif, …) go through `driftFindings()`. */
export function renderDrift(
  report: DriftReport,
  format: "text" | "json" | "markdown" | "patch",
  palette: Palette,
): string {
  if (format === "text" || format === "markdown") report = byVerdict(report);
  switch (format) {
    case "json":
      return `${JSON.stringify(driftJson(report), null, 2)}\n`;
    case "markdown":
      return driftMarkdown(report);
    case "patch":
      return driftPatch(report);
    default:
      return driftText(report, palette);
  }
}

function names(report: DriftReport): string[] {
  return report.operands.map((o) => o.name);
}

/** The versioned JSON shape. Secrets carry no fingerprint: only whether they differ. */
function driftJson(report: DriftReport) {
  return {
    version: 1,
    operands: report.operands,
    summary: report.summary,
    entries: report.entries.map((entry) => ({
      path: entry.path,
      envName: entry.envName,
      status: entry.status,
      policy: entry.policy,
      verdict: entry.verdict,
      secret: entry.secret,
      values: entry.values.map((value, i) => ({ operand: report.operands[i]?.name, ...valueJson(value) })),
      ...(entry.majority
        ? {
            majority: {
              value: entry.majority.display,
              count: entry.majority.count,
              outliers: entry.majority.outliers,
            },
          }
        : {}),
    })),
    unknown: report.unknown,
  };
}

function valueJson(value: OperandValue | undefined) {
  if (!value) return { set: false };
  return {
    set: true,
    value: value.display,
    origin: value.origin,
    defaulted: value.defaulted,
    ...(value.secret ? {} : { fingerprint: value.fingerprint }),
    ...(value.invalid === undefined ? {} : { invalid: value.invalid }),
  };
}

const MARKERS: Record<DriftEntry["verdict"], string> = {
  drift: "✗",
  invalid: "✗",
  expected: "=",
  accepted: "~",
  "not-comparable": "?",
  same: " ",
};

export function describeStatus(entry: DriftEntry): string {
  const status = entry.status === "secret-changed" ? "secret differs" : entry.status.replace(/-/g, " ");
  const policy = entry.verdict === "accepted" ? "accepted" : entry.policy === "report" ? "" : entry.policy;
  return [status, policy].filter(Boolean).join(", ");
}

function cellText(value: OperandValue | undefined, withOrigin: boolean): string {
  if (!value) return "(unset)";
  const shown = value.invalid === undefined ? value.display : `${value.display} (invalid)`;
  return withOrigin ? `${shown}  ${value.origin}` : shown;
}

function driftText(report: DriftReport, palette: Palette): string {
  const { summary } = report;
  const notComparable = summary["not-comparable"] > 0 ? `, ${summary["not-comparable"]} not comparable` : "";
  const head = `cfg diff ${names(report).join(" ")}: ${summary.drift} drift, ${summary.invalid} invalid, ${summary.expected} expected, ${summary.accepted} accepted${notComparable}, ${summary.same} same`;
  if (report.entries.length === 0) return `${head}\n${palette.green("✓ no differences")}\n`;
  const withOrigin = report.operands.length <= 2;
  const rows = report.entries.map((entry) => [
    entry.envName,
    ...entry.values.map((value) => cellText(value, withOrigin)),
    describeStatus(entry),
    ...(entry.majority && entry.majority.outliers.length > 0
      ? [`outliers: ${entry.majority.outliers.join(", ")}`]
      : []),
  ]);
  const header = ["KEY", ...names(report), "STATUS"];
  const widths = header.map((h, i) => widestOf([h, ...rows.map((r) => r[i] ?? "")], 48));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < widths.length - 1 ? c.padEnd(widths[i] ?? 0) : c)).join("  ");
  const lines = [head, "", `  ${palette.bold(line(header))}`];
  report.entries.forEach((entry, index) => {
    const marker = MARKERS[entry.verdict];
    const colour =
      entry.verdict === "drift" || entry.verdict === "invalid"
        ? palette.red
        : entry.verdict === "expected"
          ? palette.dim
          : (t: string) => t;
    lines.push(colour(`${marker} ${line(rows[index] ?? [])}`));
  });
  if (report.unknown.length > 0) {
    lines.push("", "Unknown keys (not in the schema):");
    for (const item of report.unknown)
      lines.push(`  ${item.key}: ${item.operands.map((o) => `${o.name} ${o.origin}`).join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

function driftMarkdown(report: DriftReport): string {
  const { summary } = report;
  const verdict =
    summary.drift + summary.invalid === 0
      ? "✅ no drift outside policy"
      : `❌ ${summary.drift} drift, ${summary.invalid} invalid`;
  const lines = [`### cfg diff ${names(report).join(" vs ")}: ${verdict}`, ""];
  if (report.entries.length === 0) return `${lines.join("\n")}\n`;
  lines.push(`| Key | ${names(report).map(escapeCell).join(" | ")} | Status |`);
  lines.push(
    `|---|${names(report)
      .map(() => "---")
      .join("|")}|---|`,
  );
  for (const entry of report.entries) {
    const cells = entry.values.map((value) =>
      escapeCell(value ? `\`${value.display}\` ${value.origin}` : "(unset)"),
    );
    lines.push(
      `| \`${entry.envName}\` | ${cells.join(" | ")} | ${MARKERS[entry.verdict]} ${escapeCell(describeStatus(entry))} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

const CONTEXT_LINES = 3;

/**
 * A unified diff of the canonical redacted config text of two operands. Built from the structural result,
 * hunks around changed keys only: a line diff of the whole text is quadratic when much of it changed.
 */
function driftPatch(report: DriftReport): string {
  // Code-point order: the same on every machine, unlike localeCompare.
  const all = [...report.entries].sort((a, b) =>
    a.envName < b.envName ? -1 : a.envName > b.envName ? 1 : 0,
  );
  const changed = all.map((entry) => entry.verdict !== "same");
  const lineOf = (entry: DriftEntry, side: 0 | 1) => {
    const value = entry.values[side];
    return value ? `${entry.envName}=${value.display}` : undefined;
  };
  const hunks: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }[] =
    [];
  let oldLine = 0;
  let newLine = 0;
  let current: (typeof hunks)[number] | undefined;
  // Lines within CONTEXT_LINES of a change, marked in one pass so the patch stays linear in the keys.
  const near = new Array<boolean>(all.length).fill(false);
  changed.forEach((isChanged, index) => {
    if (!isChanged) return;
    const last = Math.min(all.length - 1, index + CONTEXT_LINES);
    for (let j = Math.max(0, index - CONTEXT_LINES); j <= last; j++) near[j] = true;
  });
  all.forEach((entry, index) => {
    const left = lineOf(entry, 0);
    const right = lineOf(entry, 1);
    if (near[index]) {
      current ??= { oldStart: oldLine + 1, oldLines: 0, newStart: newLine + 1, newLines: 0, lines: [] };
      if (changed[index]) {
        if (left !== undefined) current.lines.push(`-${left}`);
        if (right !== undefined) current.lines.push(`+${right}`);
      } else if (left !== undefined) {
        current.lines.push(` ${left}`);
      }
      current.oldLines += left === undefined ? 0 : 1;
      current.newLines += right === undefined ? 0 : 1;
    } else if (current) {
      hunks.push(current);
      current = undefined;
    }
    if (left !== undefined) oldLine++;
    if (right !== undefined) newLine++;
  });
  if (current) hunks.push(current);
  if (hunks.length === 0) return "";
  const [a, b] = names(report);
  const patch = formatPatch({
    oldFileName: `${a}`,
    newFileName: `${b}`,
    oldHeader: "",
    newHeader: "",
    hunks,
  });
  return patch.endsWith("\n") ? patch : `${patch}\n`;
}
