/**
 * Drift at scale: compareOperands (src/drift.ts) over 3 environments of 10,000 and 100,000 keys, and over fleets of
 * 500 and 5,000 snapshots of 200 keys, so the ratios between sizes show how the cost grows. The operands carry real
 * per-key fingerprints from fingerprintSettings, built before timing. This times the comparison itself, not
 * reading snapshots or resolving environments (the cfg diff suites do that). Run through `npm run bench`
 * (test/bench/run.mjs).
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

// Every row of every size gets the same samples and warmup, so the ratio between two sizes compares like with like
// (the larger sizes had 6 samples after 1 warmup, the smaller a second of samples after 100 ms of warmup).
const sameTiming = timing({ time: 0, iterations: 20, warmupTime: 0, warmupIterations: 3 });

/**
 * Options for rows timed over data of their own: built in the row's first setup and dropped after its timed run,
 * so no row is timed in a heap that also holds the other rows' data (a fleet of 5,000 snapshots and three
 * environments of 100,000 keys are hundreds of MB, which every garbage collection during the row would mark).
 */
function ownData<T>(build: () => T) {
  let data: T | undefined;
  return {
    data: () => data as T,
    options: {
      ...sameTiming,
      setup: () => {
        data ??= build();
      },
      teardown: (_task: unknown, mode: "warmup" | "run") => {
        if (mode === "run") data = undefined;
      },
    },
  };
}

for (const keys of sizes([10_000, 100_000], [200, 2_000])) {
  // 1 key in 20 differs per environment: a realistic share of per-environment values (URLs, sizes, levels).
  const environments = () => {
    const base = makeSettingLeaves(keys);
    return ["development", "staging", "production"].map((env, e) => makeOperand(env, vary(base, env, 20, e)));
  };
  describe(`3 environments × ${keys.toLocaleString("en-US")} keys`, () => {
    const plain = ownData(environments);
    bench("compareOperands", () => void compareOperands(plain.data()), plain.options);
    const text = ownData(environments);
    bench(
      "compareOperands + text",
      () => void renderDrift(compareOperands(text.data()), "text", palette),
      text.options,
    );
    // The patch shows every key of two operands (one line each, sorted by name): the n log n part of a diff.
    const patch = ownData(() => environments().slice(0, 2));
    bench(
      "compareOperands + patch, 2 operands, every key",
      () => void driftPatch(compareOperands(patch.data(), { includeSame: true })),
      patch.options,
    );
  });
}

// Every 25th host is an outlier on one of the same 4 keys, so the report has the same size at every fleet size and
// only the fleet grows. (An outlier key of each host's own, as this suite had, grows the drifting keys with the
// fleet, and each of them holds one value per host: hosts × hosts/25 entries.)
function makeFleet(hosts: number): DriftOperand[] {
  const base = makeSettingLeaves(200);
  return Array.from({ length: hosts }, (_, h) =>
    makeOperand("production", h % 25 === 0 ? vary(base, `host-${h}`, 200, (h / 25) % 4) : base, `host-${h}`),
  );
}

/** Reads every value of every operand once and compares nothing: the floor any comparison of the fleet pays. */
function readEveryValue(operands: readonly DriftOperand[]): number {
  let set = 0;
  for (const operand of operands)
    for (const value of operand.values.values()) if (!value.defaulted && value.fingerprint !== "") set++;
  return set;
}

for (const hosts of sizes([500, 5_000], [20, 200])) {
  describe(`${hosts.toLocaleString("en-US")} snapshots × 200 keys`, () => {
    const compared = ownData(() => makeFleet(hosts));
    bench("compareOperands", () => void compareOperands(compared.data()), compared.options);
    // The memory floor: 5,000 snapshots hold a million values (hundreds of MB), far past the processor's caches,
    // so even one read of each value costs more per value than at 500, where much of the fleet stays cached.
    // compareOperands against this row shows whether the comparison grows faster than reading its data does.
    const read = ownData(() => makeFleet(hosts));
    bench("read every value once (floor)", () => void readEveryValue(read.data()), read.options);
  });
}
