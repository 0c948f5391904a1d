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
import { sizes, timing } from "./fixtures/smoke.js";

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

for (const keys of sizes([10_000, 100_000], [200, 2_000])) {
  const base = makeSettingLeaves(keys);
  // 1 key in 20 differs per environment: a realistic share of per-environment values (URLs, sizes, levels).
  const operands = ["development", "staging", "production"].map((env, e) =>
    makeOperand(env, vary(base, env, 20, e)),
  );
  const options = timing(keys >= 100_000 ? slow : { time: 1000 });
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

// Every 25th host is an outlier on one of the same 4 keys, so the report has the same size at every fleet size and
// only the fleet grows. (An outlier key of each host's own, as this suite had, grows the drifting keys with the
// fleet, and each of them holds one value per host: hosts × hosts/25 entries.)
for (const hosts of sizes([500, 5_000], [20, 200])) {
  const base = makeSettingLeaves(200);
  const operands = Array.from({ length: hosts }, (_, h) =>
    makeOperand("production", h % 25 === 0 ? vary(base, `host-${h}`, 200, (h / 25) % 4) : base, `host-${h}`),
  );
  describe(`${hosts.toLocaleString("en-US")} snapshots × 200 keys`, () => {
    bench(
      "compareOperands",
      () => void compareOperands(operands),
      timing(hosts >= 5_000 ? slow : { time: 1000 }),
    );
  });
}
