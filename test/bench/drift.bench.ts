/**
 * Drift at scale: compareOperands (src/drift.ts) over 3 environments of 10,000 and 100,000 keys, and over fleets of
 * 50 and 500 snapshots of 200 keys, so the ratios between sizes show how the cost grows. The operands carry real
 * per-key fingerprints from fingerprintSettings, built before timing. This times the comparison itself, not
 * reading snapshots or resolving environments. Run through `npm run bench` (test/bench/run.mjs).
 */
import { bench, describe } from "vitest";
import { createPalette } from "../../src/cli/io.js";
import { renderDrift } from "../../src/cli/render-drift.js";
import { driftPatch } from "../../src/cli/render-patch.js";
import { compareOperands, type DriftOperand, type OperandValue } from "../../src/drift.js";
import { fingerprintSettings } from "../../src/fingerprint.js";
import { makeSettingLeaves, type SettingLeaf } from "./fixtures/settings-data.js";

const palette = createPalette(false);

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  return value === null ? "null" : typeof value;
}

/** One operand from leaves: per-key fingerprints, display text, origins, a share of defaulted keys. */
function makeOperand(name: string, leaves: readonly SettingLeaf[], host?: string): DriftOperand {
  const fingerprints = new Map(fingerprintSettings(leaves).keys.map((k) => [k.path, k.fingerprint]));
  const values = new Map<string, OperandValue>();
  const envNames = new Map<string, string>();
  leaves.forEach((leaf, i) => {
    values.set(leaf.path, {
      fingerprint: fingerprints.get(leaf.path) ?? "",
      display: JSON.stringify(leaf.value) ?? "",
      type: typeOf(leaf.value),
      origin: i % 7 === 0 ? "default" : `.env.${name}:${i + 1}`,
      defaulted: i % 7 === 0,
      secret: false,
    });
    envNames.set(leaf.path, `APP_${leaf.path.replaceAll(".", "__").toUpperCase()}`);
  });
  const operand: DriftOperand = { name, environment: name, values, envNames, unknown: new Map() };
  if (host !== undefined) operand.host = host;
  return operand;
}

/** `base` with every `every`-th key (from `offset`) given a value of this operand's own. */
function vary(base: readonly SettingLeaf[], tag: string, every: number, offset: number): SettingLeaf[] {
  return base.map((leaf, i) => (i % every === offset ? { ...leaf, value: `${tag}-${i}` } : leaf));
}

const slow = { time: 0, iterations: 6, warmupTime: 0, warmupIterations: 1 };

for (const keys of [10_000, 100_000]) {
  const base = makeSettingLeaves(keys);
  // 1 key in 20 differs per environment: a realistic share of per-environment values (URLs, sizes, levels).
  const operands = ["development", "staging", "production"].map((env, e) =>
    makeOperand(env, vary(base, env, 20, e)),
  );
  const options = keys >= 100_000 ? slow : { time: 1000 };
  describe(`3 environments × ${keys.toLocaleString("en-US")} keys`, () => {
    bench("compareOperands", () => void compareOperands(operands), options);
    bench(
      "compareOperands + text",
      () => void renderDrift(compareOperands(operands), "text", palette),
      options,
    );
    // The patch shows every key of two operands (one line each, sorted by name): the n log n part of a diff.
    bench(
      "compareOperands + patch, 2 operands, every key",
      () => void driftPatch(compareOperands(operands.slice(0, 2), { includeSame: true })),
      options,
    );
  });
}

for (const hosts of [50, 500]) {
  const base = makeSettingLeaves(200);
  // Every 25th host is an outlier on one key of its own: the fleet view must name it.
  const operands = Array.from({ length: hosts }, (_, h) =>
    makeOperand("production", h % 25 === 0 ? vary(base, `host-${h}`, 200, h % 200) : base, `host-${h}`),
  );
  describe(`${hosts} snapshots × 200 keys`, () => {
    bench("compareOperands", () => void compareOperands(operands), { time: 1000 });
  });
}
