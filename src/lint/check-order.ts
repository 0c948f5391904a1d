/**
 * Keys in alphabetical order within a group, as dotenv-linter's UnorderedKey: a group ends at a blank line,
 * at a `# dotenv-linter:on|off` comment, and before a key whose value references a key of the group (it
 * must come after what it uses). Once a group is out of order, each further key is reported with the key it
 * should precede: the next larger key seen so far in the group. Kept O(n log n) with a Fenwick tree over the
 * group's sorted keys (dotenv-linter sorts the group again for every line).
 */

import type { Entry, ScannedLine } from "../sources/dotenv-scan.js";
import { about, type Draft, shownKey } from "./_draft.js";
import { readReferences } from "./check-substitution.js";

const CONTROL_COMMENT = /^\s*#\s*dotenv-linter:(on|off)\b/;

export function checkOrder(lines: readonly ScannedLine[]): Draft[] {
  const drafts: Draft[] = [];
  let group: Entry[] = [];
  let keys = new Set<string>();
  const close = () => {
    drafts.push(...checkGroup(group));
    group = [];
    keys = new Set();
  };
  for (const line of lines) {
    if (line.kind === "blank" || (line.kind === "comment" && CONTROL_COMMENT.test(line.text))) close();
    // A line dotenv ignores (no `=`, or whitespace in its "key") sets nothing and takes no place in the order;
    // its text may be a pasted secret, so no message may name it either.
    if (line.kind !== "entry" || shownKey(line) === undefined) continue;
    const references = line.value ? readReferences(line.value.content) : [];
    if (references.some((reference) => reference.name !== undefined && keys.has(reference.name))) {
      close(); // the referencing key itself starts no group
      continue;
    }
    group.push(line);
    keys.add(line.key);
  }
  close();
  return drafts;
}

function checkGroup(group: readonly Entry[]): Draft[] {
  const drafts: Draft[] = [];
  const sorted = [...new Set(group.map((entry) => entry.key))].sort(compare);
  const rank = new Map(sorted.map((key, i) => [key, i + 1]));
  const tree = new Fenwick(sorted.length);
  let ordered = true;
  let previous: string | undefined;
  for (const entry of group) {
    const position = rank.get(entry.key) ?? 0;
    tree.add(position);
    if (ordered && previous !== undefined && compare(entry.key, previous) < 0) ordered = false;
    previous = entry.key;
    if (ordered) continue;
    const next = tree.kth(tree.prefix(position) + 1);
    const other = next === undefined ? undefined : sorted[next - 1];
    if (other === undefined) continue;
    drafts.push({
      rule: "unordered-key",
      ...about(entry, entry.keyColumn),
      message: `${entry.key} on line ${entry.line} should go before ${other}: keep keys in alphabetical order within a group (groups are separated by blank lines).`,
    });
  }
  return drafts;
}

/** Byte order, as dotenv-linter's Rust sort (code-unit order is the same for the keys that matter). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts per rank 1..n: add one, count ranks <= i, find the rank of the k-th smallest. */
class Fenwick {
  private readonly tree: number[];
  private total = 0;
  constructor(private readonly size: number) {
    this.tree = new Array<number>(size + 1).fill(0);
  }
  add(position: number): void {
    this.total++;
    for (let i = position; i <= this.size; i += i & -i) this.tree[i] = (this.tree[i] ?? 0) + 1;
  }
  prefix(position: number): number {
    let sum = 0;
    for (let i = position; i > 0; i -= i & -i) sum += this.tree[i] ?? 0;
    return sum;
  }
  kth(k: number): number | undefined {
    if (k < 1 || k > this.total) return undefined;
    let position = 0;
    let remaining = k;
    for (let step = 1 << Math.floor(Math.log2(this.size)); step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.size && (this.tree[next] ?? 0) < remaining) {
        position = next;
        remaining -= this.tree[next] ?? 0;
      }
    }
    return position + 1;
  }
}
