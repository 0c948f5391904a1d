/**
 * The per-value size limit: a value over `limits.maxValueBytes` is refused with its key and line, before it is
 * expanded, validated, fingerprinted or printed. Config trees are walked with an explicit stack (their depth is
 * already bounded, but no walk over user input recurses).
 */
import { formatBytes } from "./limits.js";
import type { ConfigNode, RawEntry, SourceProblem } from "./types.js";

/** Removes each oversized entry of an env layer, with an error naming its key and origin. */
export function dropOversizedValues(
  entries: Map<string, RawEntry>,
  file: string,
  maxBytes: number,
  problems: SourceProblem[],
): void {
  for (const [key, entry] of entries) {
    if (typeof entry.value !== "string" || !isOversized(entry.value, maxBytes)) continue;
    entries.delete(key);
    const line = entry.origin.kind === "file" ? entry.origin.line : undefined;
    problems.push({
      file,
      ...(line === undefined ? {} : { line }),
      key,
      severity: "error",
      message: oversizedMessage(key, entry.value, maxBytes),
    });
  }
}

/** The first string in a config tree over the limit, as a problem at its line; `undefined` when none is. */
export function oversizedConfigValue(
  tree: ConfigNode,
  file: string,
  maxBytes: number,
): SourceProblem | undefined {
  const stack: { node: ConfigNode; path: string }[] = [{ node: tree, path: "" }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node, path } = next;
    if (node.children) {
      for (const [key, child] of node.children)
        stack.push({ node: child, path: path ? `${path}.${key}` : key });
      continue;
    }
    // Arrays carry no child nodes: their items are searched as plain values, at the array's line.
    const oversized = firstOversizedString(node.value, maxBytes);
    if (oversized !== undefined) {
      const message = oversizedMessage(path, oversized, maxBytes);
      return { file, line: node.line, key: path, severity: "error", message };
    }
  }
  return undefined;
}

function firstOversizedString(value: unknown, maxBytes: number): string | undefined {
  const stack: unknown[] = [value];
  for (let next = stack.pop(); next !== undefined || stack.length > 0; next = stack.pop()) {
    if (typeof next === "string" && isOversized(next, maxBytes)) return next;
    if (next !== null && typeof next === "object") for (const item of Object.values(next)) stack.push(item);
  }
  return undefined;
}

function isOversized(value: string, maxBytes: number): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most values are decided without encoding them.
  if (value.length * 3 <= maxBytes) return false;
  return value.length > maxBytes || Buffer.byteLength(value, "utf8") > maxBytes;
}

function oversizedMessage(key: string, value: string, maxBytes: number): string {
  const size = formatBytes(Buffer.byteLength(value, "utf8"));
  return `${key} is larger than the ${formatBytes(maxBytes)} limit for one value (${size}; raise limits.maxValueBytes to allow it)`;
}
