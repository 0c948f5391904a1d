/** A drift report of two operands as a unified patch; its own module because it is the only user of `diff`. */
import { formatPatch } from "diff";
import { type DriftEntry, type DriftReport, valueIfSet } from "../drift.js";
import { names } from "./render-drift.js";

const CONTEXT_LINES = 3;

/**
 * A unified diff of the canonical redacted config text of two operands. Built from the structural result,
 * hunks around changed keys only: a line diff of the whole text is quadratic when much of it changed.
 */
export function driftPatch(report: DriftReport): string {
  // Code-point order: the same on every machine, unlike localeCompare.
  const all = [...report.entries].sort((a, b) =>
    a.envName < b.envName ? -1 : a.envName > b.envName ? 1 : 0,
  );
  const changed = all.map((entry) => entry.verdict !== "same");
  const lineOf = (entry: DriftEntry, side: 0 | 1) => {
    const value = valueIfSet(entry.values[side]);
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
