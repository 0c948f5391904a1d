/** What fingerprints are made of: the leaves of a resolution, with their typed values, in path order. */
import type { FingerprintInput } from "./fingerprint.js";
import type { SettingsPlan } from "./plan.js";
import type { ResolvedLeaf } from "./resolve.js";

/**
 * The typed value of every leaf (`valueOfLeaf`) with its secrecy, in path order. Leaves come in the plan's order,
 * whose sorted order is worked out once per plan: sorting 100,000 paths on every fingerprint cost about as
 * much as the rest of it. Leaves in any other order still fingerprint the same: fingerprintSettings sorts.
 */
export function fingerprintInputs(
  plan: SettingsPlan,
  leaves: readonly ResolvedLeaf[],
  valueOfLeaf: (resolved: ResolvedLeaf) => unknown,
): FingerprintInput[] {
  const order = pathOrderOf(plan);
  const inOrder = order.length === leaves.length ? order.map((i) => leaves[i] as ResolvedLeaf) : leaves;
  return inOrder.map((resolved) => ({
    path: resolved.leaf.dottedPath,
    value: valueOfLeaf(resolved),
    secret: resolved.leaf.secret,
  }));
}

const pathOrders = new WeakMap<SettingsPlan, number[]>();

/** The indices of a plan's leaves sorted by dotted path (by UTF-16 code unit, as fingerprints order them). */
function pathOrderOf(plan: SettingsPlan): number[] {
  let order = pathOrders.get(plan);
  if (!order) {
    const paths = plan.leaves.map((leaf) => leaf.dottedPath);
    order = paths.map((_, i) => i);
    order.sort((a, b) => {
      const x = paths[a] as string;
      const y = paths[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    pathOrders.set(plan, order);
  }
  return order;
}
