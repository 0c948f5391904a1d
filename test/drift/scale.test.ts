// Scale, smoke variant: the shapes the drift benchmark times (3 operands with ~30% of keys changed, a patch of two
// operands, a fleet of snapshots with outliers), at sizes small enough to run in `npm test` beside everything else.
// It checks what comes out, never how long it took: speed lives in test/bench/drift.bench.ts (`npm run bench`).
import { describe, expect, it } from "vitest";
import { createPalette } from "../../src/cli/io.js";
import { renderDrift } from "../../src/cli/render-drift.js";
import { driftPatch } from "../../src/cli/render-patch.js";
import { compareOperands, type DriftOperand, type OperandValue } from "../../src/drift.js";

const palette = createPalette(false);

/** Whether key `i` of operand `variant` differs from the base (variant 0): about 30%, a different 30% per variant. */
const changedIn = (i: number, variant: number) => variant > 0 && (i * 7 + variant) % 10 < 3;

/** An operand of `n` keys; `variant` changes about 30% of them. */
function bigOperand(name: string, n: number, variant: number): DriftOperand {
  const values = new Map<string, OperandValue>();
  const envNames = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const path = `section${i % 97}.key${i}`;
    const value = changedIn(i, variant) ? i + variant : i;
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

describe("drift at scale (smoke sizes; timings are in npm run bench)", () => {
  const n = 300;

  it("3 operands: every key that differs anywhere is drift, and the text names each by its variable", () => {
    const operands = ["development", "staging", "production"].map((env, v) => bigOperand(env, n, v));
    const report = compareOperands(operands);
    const expected = Array.from({ length: n }, (_, i) => i).filter((i) => changedIn(i, 1) || changedIn(i, 2));
    expect(report.summary.drift).toBe(expected.length);
    expect(new Set(report.entries.map((e) => e.path))).toEqual(
      new Set(expected.map((i) => `section${i % 97}.key${i}`)),
    );
    const text = renderDrift(report, "text", palette);
    for (const i of expected) expect(text).toContain(`APP_SECTION${i % 97}__KEY${i} `);
  });

  it("patch of 2 operands with includeSame: one line per key, changed keys as -/+ pairs", () => {
    const pair = [bigOperand("development", n, 0), bigOperand("staging", n, 1)];
    const patch = driftPatch(compareOperands(pair, { includeSame: true }));
    expect(patch).toMatch(/^--- development$/m);
    expect(patch).toMatch(/^\+\+\+ staging$/m);
    const changed = Array.from({ length: n }, (_, i) => i).filter((i) => changedIn(i, 1));
    const removed = patch.split("\n").filter((line) => /^-[^-]/.test(line));
    const added = patch.split("\n").filter((line) => /^\+[^+]/.test(line));
    expect(removed).toHaveLength(changed.length);
    expect(added).toHaveLength(changed.length);
  });

  it("a fleet of 40 snapshots x 200 keys: majority value and outlier hosts per key", () => {
    const hosts = 40;
    const operands: DriftOperand[] = [];
    for (let h = 0; h < hosts; h++) {
      const operand = bigOperand(`web-${h}.json`, 200, 0);
      operand.host = `web-${h}`;
      operand.environment = "production";
      const values = operand.values as Map<string, OperandValue>;
      // Three hosts run a different pool size; one host lacks a key entirely.
      if (h === 7 || h === 23 || h === 39) {
        values.set("section5.key5", {
          ...(values.get("section5.key5") as OperandValue),
          fingerprint: "sha256:ff",
          display: "99",
        });
      }
      if (h === 12) values.delete("section9.key9");
      operands.push(operand);
    }
    const report = compareOperands(operands);
    expect(report.entries.map((e) => e.path)).toEqual(["section5.key5", "section9.key9"]);
    const [pool, missing] = report.entries;
    expect(pool?.majority).toEqual({
      fingerprint: expect.any(String),
      display: "5",
      count: 37,
      outliers: ["web-7", "web-23", "web-39"],
    });
    expect(missing?.status).toBe("missing");
    expect(missing?.majority?.outliers).toEqual(["web-12"]);
    expect(missing?.majority?.count).toBe(39);
    // 40 operands: the text shows the majority and the outliers, not a column per host.
    expect(renderDrift(report, "text", palette)).toMatch(
      /✗ APP_SECTION5__KEY5\s+5 \(37 of 40\)\s+changed\s+web-7, web-23, web-39\n/,
    );
    const json = JSON.parse(renderDrift(report, "json", palette));
    expect(json.entries[1].majority.outliers).toEqual(["web-12"]);
  });
});
