// Scale: comparing and rendering is linear in the keys (time at 10x the keys stays under 15x the time), and a
// fleet of 500 snapshots of 200 keys each compares in well under the test timeout with the right majority.
// `npm test` runs this file on its own, after the rest, so that test files running in parallel do not skew it.
import { describe, expect, it } from "vitest";
import { createPalette } from "../../src/cli/io.js";
import { renderDrift } from "../../src/cli/render-drift.js";
import { compareOperands, type DriftOperand, type OperandValue } from "../../src/drift.js";

const palette = createPalette(false);

/** An operand of `n` keys; `variant` changes about 30% of them (a different 30% per variant). */
function bigOperand(name: string, n: number, variant: number): DriftOperand {
  const values = new Map<string, OperandValue>();
  const envNames = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const path = `section${i % 97}.key${i}`;
    const changed = variant > 0 && (i * 7 + variant) % 10 < 3;
    const value = changed ? i + variant : i;
    values.set(path, {
      fingerprint: `sha256:${value.toString(16).padStart(32, "0")}`,
      display: String(value),
      type: "number",
      origin: `.env.${name}:${i + 1}`,
      defaulted: false,
      secret: false,
    });
    envNames.set(path, `APP_SECTION${i % 97}__KEY${i}`);
  }
  return { name, environment: name, values, envNames, unknown: new Map() };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Median times of `small` and `large`, runs interleaved so both see the same machine load (other processes,
 * GC state); two warm-up runs of each first, for the JIT. Nine samples each: the small case is short enough
 * that a single hiccup of the shared machine moves a median of five.
 */
function timePair(small: () => void, large: () => void, repeats: number): [number, number] {
  for (let i = 0; i < 2; i++) {
    small();
    large();
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < repeats; i++) {
    for (const [index, run] of [small, large].entries()) {
      const start = performance.now();
      run();
      samples[index as 0 | 1].push(performance.now() - start);
    }
  }
  console.log(
    `  samples (ms) ${samples[0].map((t) => t.toFixed(0)).join(" ")} | ${samples[1].map((t) => t.toFixed(0)).join(" ")}; min ratio ${(Math.min(...samples[1]) / Math.min(...samples[0])).toFixed(2)}`,
  );
  return [median(samples[0]), median(samples[1])];
}

describe("drift at scale", () => {
  const n = 10_000;
  const small = [
    bigOperand("development", n, 0),
    bigOperand("staging", n, 1),
    bigOperand("production", n, 2),
  ];
  const large = [
    bigOperand("development", 10 * n, 0),
    bigOperand("staging", 10 * n, 1),
    bigOperand("production", 10 * n, 2),
  ];

  it("compareOperands + text rendering of 3 operands is not quadratic (10x keys < 15x time)", () => {
    const work = (operands: DriftOperand[]) => () => {
      const report = compareOperands(operands);
      renderDrift(report, "text", palette);
    };
    const [tSmall, tLarge] = timePair(work(small), work(large), 9);
    const report = compareOperands(large);
    console.log(
      `drift scale (3 operands, compare + text): ${n} keys ${tSmall.toFixed(1)} ms, ${10 * n} keys ${tLarge.toFixed(1)} ms, ratio ${(tLarge / tSmall).toFixed(2)}; ${report.summary.drift} drifting keys`,
    );
    expect(report.summary.drift).toBeGreaterThan(0.3 * 10 * n);
    expect(tLarge).toBeLessThan(15 * tSmall);
  });

  // The patch view sorts its lines by name (n log n: 12.5x alone at 10x the keys), so its bound is 20x; the
  // line diff it replaces is quadratic there (about 100x).
  it("compareOperands + patch rendering of 2 operands is not quadratic (10x keys < 20x time)", () => {
    const work = (operands: DriftOperand[]) => () => {
      const report = compareOperands(operands.slice(0, 2), { includeSame: true });
      renderDrift(report, "patch", palette);
    };
    // Sizes past the young generation both (20,000 and 200,000 keys): the patch allocates a line per key,
    // and at 10,000 keys it fits where garbage is free, which no larger config does.
    const pn = 2 * n;
    const smallPair = [bigOperand("development", pn, 0), bigOperand("staging", pn, 1)];
    const largePair = [bigOperand("development", 10 * pn, 0), bigOperand("staging", 10 * pn, 1)];
    const [tSmall, tLarge] = timePair(work(smallPair), work(largePair), 9);
    const patch = renderDrift(compareOperands(largePair, { includeSame: true }), "patch", palette);
    console.log(
      `drift scale (2 operands, compare + patch): ${pn} keys ${tSmall.toFixed(1)} ms, ${10 * pn} keys ${tLarge.toFixed(1)} ms, ratio ${(tLarge / tSmall).toFixed(2)}; patch ${patch.length} chars`,
    );
    expect(patch).toMatch(/^--- development$/m);
    expect(tLarge).toBeLessThan(20 * tSmall);
  });

  it("a fleet of 500 snapshots x 200 keys: majority value and outlier hosts per key", () => {
    const hosts = 500;
    const operands: DriftOperand[] = [];
    for (let h = 0; h < hosts; h++) {
      const operand = bigOperand(`web-${h}.json`, 200, 0);
      operand.host = `web-${h}`;
      operand.environment = "production";
      const values = operand.values as Map<string, OperandValue>;
      // Three hosts run a different pool size; one host lacks a key entirely.
      if (h === 17 || h === 230 || h === 499) {
        values.set("section5.key5", {
          ...(values.get("section5.key5") as OperandValue),
          fingerprint: "sha256:ff",
          display: "99",
        });
      }
      if (h === 42) values.delete("section9.key9");
      operands.push(operand);
    }
    const start = performance.now();
    const report = compareOperands(operands);
    const text = renderDrift(report, "text", palette);
    const json = renderDrift(report, "json", palette);
    const elapsed = performance.now() - start;
    console.log(
      `drift fleet: ${hosts} snapshots x 200 keys compared and rendered in ${elapsed.toFixed(1)} ms`,
    );
    expect(elapsed).toBeLessThan(10_000);
    expect(report.entries.map((e) => e.path)).toEqual(["section5.key5", "section9.key9"]);
    const [pool, missing] = report.entries;
    expect(pool?.majority).toEqual({
      fingerprint: expect.any(String),
      display: "5",
      count: 497,
      outliers: ["web-17", "web-230", "web-499"],
    });
    expect(missing?.status).toBe("missing");
    expect(missing?.majority?.outliers).toEqual(["web-42"]);
    expect(missing?.majority?.count).toBe(499);
    expect(text).toContain("outliers: web-17, web-230, web-499");
    expect(JSON.parse(json).entries[1].majority.outliers).toEqual(["web-42"]);
  });
});
