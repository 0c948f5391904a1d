// compareOperands classifies keys operand by operand (each operand's values in order, for fleets of thousands);
// these properties check that it gives every key the status the rules give when one key is read across all
// operands, for any operands: of one schema (same keys, same order) or not (missing keys, other orders), with
// invalid, defaulted, secret and not-comparable values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareOperands, type DriftOperand, type DriftStatus, type OperandValue } from "../../src/drift.js";

const PATHS = ["a", "b", "c.d", "c.e", "f"];

const valueArb: fc.Arbitrary<OperandValue> = fc
  .record({
    fingerprint: fc.constantFrom("sha256:1", "sha256:2", "present", "hmac:3"),
    type: fc.constantFrom("string", "number"),
    defaulted: fc.boolean(),
    secret: fc.boolean(),
    invalid: fc.option(fc.constant("expected a number"), { nil: undefined, freq: 6 }),
  })
  .map(({ invalid, ...value }) => ({
    ...value,
    display: value.secret ? "<secret>" : value.fingerprint,
    origin: "default",
    ...(invalid === undefined ? {} : { invalid }),
  }));

/** An operand holding some of PATHS (all of them, in schema order, more often than not), in some order. */
const operandArb = (name: string): fc.Arbitrary<DriftOperand> =>
  fc
    .tuple(
      fc.oneof(
        fc.constant(PATHS),
        fc.subarray(PATHS, { minLength: 1 }),
        fc.shuffledSubarray(PATHS, { minLength: PATHS.length }),
      ),
      fc.array(valueArb, { minLength: PATHS.length, maxLength: PATHS.length }),
    )
    .map(([paths, values]) => ({
      name,
      environment: name,
      values: new Map(paths.map((path, i) => [path, values[i] as OperandValue])),
      envNames: new Map(paths.map((path) => [path, `APP_${path.toUpperCase()}`])),
      unknown: new Map(),
    }));

const operandsArb = fc
  .integer({ min: 2, max: 6 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => operandArb(`op${i}`))));

/** The rules in the order a report applies them, reading one key across every operand (first that has it). */
function expectedStatus(values: readonly (OperandValue | undefined)[]): DriftStatus {
  const set = values.filter((value): value is OperandValue => value !== undefined);
  const first = set[0];
  if (!first) return "same";
  if (set.some((value) => value.invalid !== undefined)) return "invalid";
  if (set.length < values.length) return "missing";
  if (first.secret && set.some((value) => value.secret && value.fingerprint === "present"))
    return "secret-not-comparable";
  if (set.every((value) => value.fingerprint === first.fingerprint)) return "same";
  if (set.some((value) => value.type !== first.type)) return "type-changed";
  if (first.secret) return "secret-changed";
  const defaulted = set.some((value) => value.defaulted);
  const notDefaulted = set.some((value) => !value.defaulted);
  return defaulted && notDefaulted ? "defaulted" : "changed";
}

describe("compareOperands classifies every key as reading it across all operands would", () => {
  it("for operands of one schema and of different ones, in any key order", () => {
    fc.assert(
      fc.property(operandsArb, (operands) => {
        const report = compareOperands(operands, { includeSame: true });
        const statuses = new Map(report.entries.map((entry) => [entry.path, entry.status]));
        const paths = new Set(operands.flatMap((operand) => [...operand.values.keys()]));
        expect(statuses.size).toBe(paths.size);
        for (const path of paths) {
          const values = operands.map((operand) => operand.values.get(path));
          expect(statuses.get(path), path).toBe(expectedStatus(values));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reports the same keys, statuses and counts without includeSame, minus the same keys", () => {
    fc.assert(
      fc.property(operandsArb, (operands) => {
        const all = compareOperands(operands, { includeSame: true });
        const changed = compareOperands(operands);
        const differing = all.entries.filter((entry) => entry.status !== "same");
        expect(changed.entries.map((e) => [e.path, e.status, e.verdict])).toEqual(
          differing.map((e) => [e.path, e.status, e.verdict]),
        );
        expect(changed.summary).toEqual(all.summary);
      }),
      { numRuns: 300 },
    );
  });
});
