/**
 * `cfg diff --group-by LABEL`: a fleet compared within groups (each cluster, or each service, against its own
 * majority) rather than as one. Environments on the command line join every group as its reference.
 */
import type { DriftOperand } from "../drift.js";
import { CliError } from "./errors.js";
import { TREE_LABELS } from "./snapshot-tree.js";

export interface OperandGroup {
  /** The label's value (`eu-west-1`), absent when the comparison is not grouped. */
  value?: string;
  operands: DriftOperand[];
}

/** Groups in order of first appearance; one pass over the operands. */
export function groupOperands(operands: readonly DriftOperand[], label: string): OperandGroup[] {
  if (!(TREE_LABELS as readonly string[]).includes(label))
    throw new CliError(
      `--group-by takes a snapshot tree label (${TREE_LABELS.join(", ")}), not "${label}"`,
      "usage",
    );
  const references = operands.filter((operand) => operand.labels === undefined && operand.host === undefined);
  const groups = new Map<string, DriftOperand[]>();
  for (const operand of operands) {
    if (references.includes(operand)) continue;
    const value = operand.labels?.[label];
    if (value === undefined)
      throw new CliError(
        `--group-by ${label}: ${operand.name} has no ${label} label (labels come from a snapshot tree, ${TREE_LABELS.join("/")}.json)`,
        "usage",
      );
    const group = groups.get(value) ?? [];
    group.push(operand);
    groups.set(value, group);
  }
  const result = [...groups].map(([value, members]) => ({ value, operands: [...references, ...members] }));
  const alone = result.find((group) => group.operands.length < 2);
  if (alone)
    throw new CliError(
      `--group-by ${label}: ${label}=${alone.value} has a single snapshot and nothing to compare it with (name an environment to compare every group with it)`,
      "nothing-to-compare",
    );
  return result;
}
