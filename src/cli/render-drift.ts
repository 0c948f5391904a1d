/** A drift report as text, JSON or Markdown (the patch: render-patch.ts). Values shown are redacted. */
import { type DriftEntry, type DriftReport, type OperandValue, valueIfSet } from "../drift.js";
import { causesOf } from "../fleet.js";
import { CI_FORMATS } from "./ci-report.js";
import type { Palette } from "./io.js";
import { causesJson, causesMarkdown, causesText } from "./render-causes.js";
import { escapeMarkdownCell, widestOf } from "./text.js";

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

/** Text, JSON and Markdown; patch is render-patch.ts's (the only user of the `diff` package, loaded when asked); the
 * CI formats (github, sarif, …) go through `driftFindings()`. */
export function renderDrift(
  report: DriftReport,
  format: "text" | "json" | "markdown",
  palette: Palette,
): string {
  if (format === "text" || format === "markdown") report = byVerdict(report);
  switch (format) {
    case "json":
      return `${JSON.stringify(driftJson(report), null, 2)}\n`;
    case "markdown":
      return driftMarkdown(report);
    default:
      return driftText(report, palette);
  }
}

export function names(report: DriftReport): string[] {
  return report.operands.map((o) => o.name);
}

/**
 * The versioned JSON shape; with three or more operands it adds the fleet's `causes`. Secrets carry no
 * fingerprint: only whether they differ.
 */
export function driftJson(report: DriftReport) {
  return {
    version: 1,
    // `ok` as in every JSON report: no drift and nothing invalid (`--fail-on` decides only the exit code).
    ok: report.summary.drift === 0 && report.summary.invalid === 0,
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
    ...(isFleet(report) ? { causes: causesJson(causesOf(report)) } : {}),
  };
}

function valueJson(listed: OperandValue | undefined) {
  const value = valueIfSet(listed);
  if (!value) return { set: false, ...(listed?.invalid === undefined ? {} : { invalid: listed.invalid }) };
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

function cellText(listed: OperandValue | undefined, withOrigin: boolean): string {
  const value = valueIfSet(listed);
  if (!value) return listed?.invalid === undefined ? "(unset)" : "(unset, invalid)";
  const shown = value.invalid === undefined ? value.display : `${value.display} (invalid)`;
  return withOrigin ? `${shown}  ${value.origin}` : shown;
}

function driftText(report: DriftReport, palette: Palette): string {
  const { summary } = report;
  const notComparable = summary["not-comparable"] > 0 ? `, ${summary["not-comparable"]} not comparable` : "";
  const named =
    report.operands.length > FLEET_COLUMNS ? `${report.operands.length} operands` : names(report).join(" ");
  const head = `cfg diff ${named}: ${summary.drift} drift, ${summary.invalid} invalid, ${summary.expected} expected, ${summary.accepted} accepted${notComparable}, ${summary.same} same`;
  if (report.entries.length === 0) return `${head}\n${palette.green("✓ no differences")}\n`;
  const withOrigin = report.operands.length <= 2;
  // A fleet has too many operands for a column each: the majority value and who departs from it.
  const compact = report.operands.length > FLEET_COLUMNS;
  const total = report.operands.length;
  const rows = report.entries.map((entry) =>
    compact
      ? [
          entry.envName,
          entry.majority ? `${entry.majority.display} (${entry.majority.count} of ${total})` : "",
          describeStatus(entry),
          entry.majority ? outlierSummary(entry.majority.outliers) : "",
        ]
      : [
          entry.envName,
          ...entry.values.map((value) => cellText(value, withOrigin)),
          describeStatus(entry),
          ...(entry.majority && entry.majority.outliers.length > 0
            ? [`outliers: ${entry.majority.outliers.join(", ")}`]
            : []),
        ],
  );
  const header = compact ? ["KEY", "MAJORITY", "STATUS", "OUTLIERS"] : ["KEY", ...names(report), "STATUS"];
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
  if (isFleet(report)) lines.push(...causesText(causesOf(report), palette));
  return `${lines.join("\n")}\n`;
}

/** Past this many operands the text shows the majority and the outliers instead of a column per operand. */
const FLEET_COLUMNS = 6;

function outlierSummary(outliers: readonly string[]): string {
  if (outliers.length <= 3) return outliers.join(", ");
  return `${outliers.slice(0, 3).join(", ")} and ${outliers.length - 3} more`;
}

/** Three or more operands: a majority per key, and outliers to group by cause. */
function isFleet(report: DriftReport): boolean {
  return report.operands.length >= 3;
}

function driftMarkdown(report: DriftReport): string {
  const { summary } = report;
  const verdict =
    summary.drift + summary.invalid === 0
      ? "✅ no drift outside policy"
      : `❌ ${summary.drift} drift, ${summary.invalid} invalid`;
  const lines = [`### cfg diff ${names(report).join(" vs ")}: ${verdict}`, ""];
  if (report.entries.length === 0) return `${lines.join("\n")}\n`;
  lines.push(`| Key | ${names(report).map(escapeMarkdownCell).join(" | ")} | Status |`);
  lines.push(
    `|---|${names(report)
      .map(() => "---")
      .join("|")}|---|`,
  );
  for (const entry of report.entries) {
    const cells = entry.values.map((listed) => {
      const value = valueIfSet(listed);
      return escapeMarkdownCell(value ? `\`${value.display}\` ${value.origin}` : cellText(listed, false));
    });
    lines.push(
      `| \`${entry.envName}\` | ${cells.join(" | ")} | ${MARKERS[entry.verdict]} ${escapeMarkdownCell(describeStatus(entry))} |`,
    );
  }
  if (isFleet(report)) lines.push(...causesMarkdown(causesOf(report)));
  return `${lines.join("\n")}\n`;
}
