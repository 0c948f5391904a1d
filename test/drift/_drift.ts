// Shared helpers for the drift tests: operands built as data (the pure core's input), and copies of the
// example project under the repository's gitignored .scratch/, where "cfgkit" resolves to the build.
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import type { DriftOperand, OperandValue } from "../../src/drift.js";
import { canonicalize, fingerprintSettings } from "../../src/fingerprint.js";

export interface Leaf {
  path: string;
  value: unknown;
  secret?: boolean;
  defaulted?: boolean;
  origin?: string;
}

/** An operand as `settingValues` would produce it: per-key fingerprints from the real fingerprinting code. */
export function operandOf(name: string, leaves: readonly Leaf[], key?: string, host?: string): DriftOperand {
  const { keys } = fingerprintSettings(
    leaves.map((leaf) => ({ path: leaf.path, value: leaf.value, secret: leaf.secret === true })),
    key,
  );
  const byPath = new Map(leaves.map((leaf) => [leaf.path, leaf]));
  const values = new Map<string, OperandValue>();
  const envNames = new Map<string, string>();
  for (const entry of keys) {
    const leaf = byPath.get(entry.path) as Leaf;
    values.set(entry.path, {
      fingerprint: entry.fingerprint,
      display: leaf.secret ? "<secret>" : canonicalize(leaf.value),
      type: leaf.value === null ? "null" : Array.isArray(leaf.value) ? "array" : typeof leaf.value,
      origin: leaf.origin ?? `.env.${name}:1`,
      defaulted: leaf.defaulted === true,
      secret: leaf.secret === true,
    });
    envNames.set(entry.path, `APP_${entry.path.toUpperCase().replace(/\./g, "__")}`);
  }
  const operand: DriftOperand = { name, environment: name, values, envNames, unknown: new Map() };
  if (host !== undefined) operand.host = host;
  return operand;
}

/** The per-key fingerprints of an operand, as `wholeFingerprint` takes them. */
export function keyFingerprints(operand: DriftOperand): { path: string; fingerprint: string }[] {
  return [...operand.values].map(([path, value]) => ({ path, fingerprint: value.fingerprint }));
}

/** A copy of the example project (plus optional fixture overlays) that a test may change; remove it after. */
export { copyExample as copyOfExample } from "../cli/_cli.js";

/** The repository's gitignored scratch folder, where copies of the example live. */
export const scratchRoot = resolve(import.meta.dirname, "../../.scratch");

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const driftFixtures = resolve(import.meta.dirname, "../fixtures/drift");
