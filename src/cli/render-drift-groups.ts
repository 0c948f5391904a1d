/**
 * One drift report, or (with `--group-by`) one per group, in text, JSON, Markdown . Ungrouped, the
 * output is exactly the single report's; grouped, each group under its label, and JSON as `groups`.
 */
import type { DriftReport } from "../drift.js";
import type { Palette } from "./io.js";
import { driftJson, renderDrift } from "./render-drift.js";

export interface ComparedGroup {
  value?: string;
  shown: DriftReport;
}

export function renderGroups(
  groups: readonly ComparedGroup[],
  format: "text" | "json" | "markdown",
  palette: Palette,
  label: string | undefined,
): string {
  const [only] = groups;
  if (label === undefined && only && groups.length === 1) return renderDrift(only.shown, format, palette);
  if (format === "json") {
    const json = {
      version: 1,
      groupBy: label,
      groups: groups.map((g) => ({ value: g.value, ...driftJson(g.shown) })),
    };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  return groups
    .map((group) => {
      const title = `${label}=${group.value} (${group.shown.operands.length} operands)`;
      const heading = format === "markdown" ? `## ${title}\n\n` : `${palette.bold(`── ${title} ──`)}\n`;
      return `${heading}${renderDrift(group.shown, format, palette)}`;
    })
    .join("\n");
}
