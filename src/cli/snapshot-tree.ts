/**
 * A directory of snapshots as `cfg diff` operands: every `*.json` under it, labelled by where it sits in a
 * `cluster/namespace/service/host.json` tree (a shallower tree names its levels from the right: `service/host`).
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { CliError } from "./errors.js";

export const TREE_LABELS = ["cluster", "namespace", "service", "host"] as const;

export interface OperandSpec {
  /** As given, or (in a tree) the file's path from the working directory. */
  spec: string;
  labels?: Record<string, string>;
  /** In a tree, the host is named by its place in it (`eu-west/orders/api/web-1`): unique across clusters. */
  host?: string;
}

/**
 * Whether `spec` names a directory: then it is a snapshot tree, never an environment name. A name ending in
 * `.json` means a snapshot file, and a directory by that name is an error about that file, not a tree.
 */
export function isSnapshotTree(cwd: string, spec: string): boolean {
  if (spec === "-" || spec.endsWith(".json")) return false;
  try {
    return statSync(resolve(cwd, spec)).isDirectory();
  } catch {
    return false;
  }
}

/** The operands of a command line with every snapshot tree replaced by its snapshots, in path order. */
export function expandSnapshotTrees(cwd: string, specs: readonly string[]): OperandSpec[] {
  return specs.flatMap((spec) => (isSnapshotTree(cwd, spec) ? snapshotsIn(cwd, spec) : [{ spec }]));
}

function snapshotsIn(cwd: string, tree: string): OperandSpec[] {
  const root = resolve(cwd, tree);
  const files = (readdirSync(root, { recursive: true }) as string[])
    .map((path) => path.split(sep).join("/"))
    .filter((path) => path.endsWith(".json") && !path.split("/").some((part) => part.startsWith(".")))
    .filter((path) => statSync(join(root, path)).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0)
    throw new CliError(`no snapshots (*.json) under ${tree}: nothing to compare`, "no-snapshots");
  return files.map((path) => {
    const levels = path.slice(0, -".json".length).split("/");
    if (levels.length > TREE_LABELS.length)
      throw new CliError(
        `${join(tree, path)} is ${levels.length} levels deep; a snapshot tree is ${TREE_LABELS.join("/")}.json`,
        "bad-snapshot-tree",
      );
    const names = TREE_LABELS.slice(TREE_LABELS.length - levels.length);
    const labels = Object.fromEntries(names.map((name, i) => [name, levels[i] as string]));
    return { spec: join(tree, path), labels, host: levels.join("/") };
  });
}
