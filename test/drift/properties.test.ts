// Property tests of the pure drift core and fingerprints: diff(a, a) is empty, diff(a, b) mirrors diff(b, a),
// diff(a, b) is empty exactly when the whole fingerprints match; fingerprints ignore key order at any depth
// and change with any value.
import { isDeepStrictEqual } from "node:util";
import { applyPatch } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { driftPatch } from "../../src/cli/render-patch.js";
import { compareOperands, type DriftOperand, type DriftReport } from "../../src/drift.js";
import { canonicalize, fingerprintSettings, keysDigest } from "../../src/fingerprint.js";
import type { DriftPolicy } from "../../src/meta.js";
import { operandFrom } from "../../src/snapshot.js";
import { keyFingerprints, type Leaf, operandOf } from "./_drift.js";

const KEY = "property-test-fingerprint-key";
const POLICIES: DriftPolicy[] = ["report", "expected", "forbidden"];
const policyOf = (path: string): DriftPolicy => POLICIES[path.length % 3] as DriftPolicy;

const pathArb = fc
  .array(fc.constantFrom("a", "b", "c", "db", "url", "max", "pool"), { minLength: 1, maxLength: 3 })
  .map((segments) => segments.join("."));
const valueArb = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom("x", "y", "", "1", "true"),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("k", "l"), fc.integer({ min: 0, max: 2 })),
);
const leafArb: fc.Arbitrary<Leaf> = fc.record({
  path: pathArb,
  value: valueArb,
  secret: fc.boolean(),
  defaulted: fc.boolean(),
});
const leavesArb = fc.uniqueArray(leafArb, { selector: (leaf) => leaf.path, maxLength: 12 });

/** b as a mutation of a: some keys kept, some changed, some dropped, some added (small domains collide often). */
const pairArb = fc
  .tuple(leavesArb, fc.array(fc.constantFrom("keep", "keep", "change", "drop", "flip-default")), leavesArb)
  .map(([a, actions, extra]) => {
    const b: Leaf[] = [];
    a.forEach((leaf, i) => {
      const action = actions[i] ?? "keep";
      if (action === "keep") b.push({ ...leaf });
      else if (action === "flip-default") b.push({ ...leaf, defaulted: !leaf.defaulted });
      else if (action === "change") b.push({ ...leaf, value: [leaf.value] });
    });
    const known = new Set(b.map((leaf) => leaf.path));
    for (const leaf of extra) if (!known.has(leaf.path) && a.every((l) => l.path !== leaf.path)) b.push(leaf);
    return [a, b] as const;
  });

function shape(report: DriftReport) {
  return report.entries.map((entry) => ({
    path: entry.path,
    status: entry.status,
    verdict: entry.verdict,
    policy: entry.policy,
  }));
}

describe("compareOperands (property)", () => {
  it("diff(a, a) has no entries and counts every key as same", () => {
    fc.assert(
      fc.property(leavesArb, (leaves) => {
        const a = operandOf("a", leaves, KEY);
        const b = operandOf("b", leaves, KEY);
        const report = compareOperands([a, b], { policyOf });
        expect(report.entries).toEqual([]);
        expect(report.summary.same).toBe(leaves.filter((leaf) => leaf.value !== undefined).length);
      }),
    );
  });

  it("diff(a, b) mirrors diff(b, a): same paths, status, policy and verdict, values swapped", () => {
    fc.assert(
      fc.property(pairArb, ([leavesA, leavesB]) => {
        const a = operandOf("a", leavesA, KEY);
        const b = operandOf("b", leavesB, KEY);
        const ab = compareOperands([a, b], { policyOf });
        const ba = compareOperands([b, a], { policyOf });
        expect(shape(ba)).toEqual(shape(ab));
        ab.entries.forEach((entry, i) => {
          expect(ba.entries[i]?.values).toEqual([...entry.values].reverse());
        });
        expect(ba.summary).toEqual(ab.summary);
      }),
    );
  });

  it("diff(a, b) is empty exactly when the whole fingerprints match (secrets keyed)", () => {
    fc.assert(
      fc.property(pairArb, ([leavesA, leavesB]) => {
        const a = operandOf("a", leavesA, KEY);
        const b = operandOf("b", leavesB, KEY);
        const empty = compareOperands([a, b], { policyOf }).entries.length === 0;
        const whole = (leaves: readonly Leaf[]) =>
          fingerprintSettings(
            leaves.map((leaf) => ({ path: leaf.path, value: leaf.value, secret: leaf.secret === true })),
            KEY,
          ).fingerprint;
        expect(empty).toBe(whole(leavesA) === whole(leavesB));
        // The per-key digests (what diffs compare) agree exactly when the whole fingerprints do.
        expect(keysDigest(keyFingerprints(a)) === keysDigest(keyFingerprints(b))).toBe(empty);
      }),
    );
  });

  it("holds for operands built through operandFrom (the snapshot path)", () => {
    fc.assert(
      fc.property(pairArb, ([leavesA, leavesB]) => {
        const toSettings = (leaves: readonly Leaf[]) => {
          const operand = operandOf("x", leaves, KEY);
          return [...operand.values].map(([path, value]) => ({
            ...value,
            path,
            envName: operand.envNames.get(path) ?? path,
            value: null,
            shadowed: [],
          }));
        };
        const a = operandFrom("a", "a", toSettings(leavesA), []);
        const b = operandFrom("b", "b", toSettings(leavesB), []);
        const ab = compareOperands([a, b]);
        expect(compareOperands([a, a]).entries).toEqual([]);
        expect(shape(compareOperands([b, a]))).toEqual(shape(ab));
        expect(ab.entries.length === 0).toBe(
          keysDigest(toSettings(leavesA)) === keysDigest(toSettings(leavesB)),
        );
      }),
    );
  });
});

/** The canonical redacted text of one operand, as the patch view's lines: `ENV_NAME=display`, in code-point order. */
function canonicalText(operand: DriftOperand): string {
  const lines = [...operand.values].map(([path, value]) => ({
    name: operand.envNames.get(path) ?? path,
    line: `${operand.envNames.get(path)}=${value.display}\n`,
  }));
  return lines
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .map((l) => l.line)
    .join("");
}

describe("the patch view (property)", () => {
  it("applied to a's canonical text gives b's, and changes only the differing keys", () => {
    fc.assert(
      fc.property(pairArb, ([leavesA, leavesB]) => {
        const a = operandOf("a", leavesA, KEY);
        const b = operandOf("b", leavesB, KEY);
        const report = compareOperands([a, b], { includeSame: true });
        const patch = driftPatch(report);
        const differing = report.entries.filter((e) => e.verdict !== "same").map((e) => e.envName);
        if (differing.length === 0) {
          expect(patch).toBe("");
          return;
        }
        expect(applyPatch(canonicalText(a), patch)).toBe(canonicalText(b));
        const touched = patch
          .split("\n")
          .filter((l) => /^[-+][^-+]/.test(l))
          .map((l) => l.slice(1).split("=")[0]);
        expect(new Set(touched)).toEqual(new Set(differing));
      }),
    );
  });

  it("has hunks around changed keys only: one change in 40 keys gives one hunk of 3 lines of context", () => {
    const leaves = Array.from({ length: 40 }, (_, i) => ({
      path: `k${String(i).padStart(2, "0")}`,
      value: i,
    }));
    const changed = leaves.map((leaf) => (leaf.path === "k20" ? { ...leaf, value: -1 } : leaf));
    const report = compareOperands([operandOf("a", leaves), operandOf("b", changed)], { includeSame: true });
    const patch = driftPatch(report);
    expect(patch.split("\n").filter((l) => l.startsWith("@@"))).toEqual(["@@ -18,7 +18,7 @@"]);
    expect(patch).toContain(" APP_K19=n19\n-APP_K20=n20\n+APP_K20=n-1\n APP_K21=n21\n");
    expect(patch).not.toContain("APP_K16");
    expect(patch).not.toContain("APP_K24");
    // Two changes far apart: two hunks.
    const twice = changed.map((leaf) => (leaf.path === "k02" ? { ...leaf, value: -2 } : leaf));
    const two = driftPatch(
      compareOperands([operandOf("a", leaves), operandOf("b", twice)], { includeSame: true }),
    );
    expect(two.split("\n").filter((l) => l.startsWith("@@"))).toEqual([
      "@@ -1,6 +1,6 @@",
      "@@ -18,7 +18,7 @@",
    ]);
  });
});

/** The same value with the keys of every object, at any depth, in a shuffled order. */
function shuffleKeys(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, order));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  // fromEntries defines own properties, so a "__proto__" key (JSON.parse makes one) stays a key.
  return Object.fromEntries(order(Object.keys(record)).map((key) => [key, shuffleKeys(record[key], order)]));
}

/** A value with one leaf (or one container) changed, chosen by `pick`. */
function mutate(value: unknown, pick: number): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || pick % 5 === 0) return [...value, "added"];
    const i = pick % value.length;
    return value.map((item, j) => (j === i ? mutate(item, Math.floor(pick / 7)) : item));
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 0 || pick % 5 === 0) return { ...value, "added-key": 1 };
    const key = keys[pick % keys.length] as string;
    return { ...value, [key]: mutate((value as Record<string, unknown>)[key], Math.floor(pick / 7)) };
  }
  if (typeof value === "number") return value + 1 === value ? -value - 1 : value + 1;
  if (typeof value === "string") return `${value}x`;
  if (typeof value === "boolean") return !value;
  return 0; // null
}

describe("fingerprints (property)", () => {
  const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

  it("are stable under key order at any depth", () => {
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        let state = seed;
        const shuffled = shuffleKeys(value, (keys) =>
          keys
            .map((key) => {
              state = (state * 1103515245 + 12345) | 0;
              return [state, key] as const;
            })
            .sort((x, y) => x[0] - y[0])
            .map(([, key]) => key),
        );
        expect(canonicalize(shuffled)).toBe(canonicalize(value));
        const fp = (v: unknown) => fingerprintSettings([{ path: "k", value: v, secret: false }]).fingerprint;
        expect(fp(shuffled)).toBe(fp(value));
      }),
    );
  });

  it("change with any value change, at any depth", () => {
    fc.assert(
      fc.property(json, fc.nat(), (value, pick) => {
        const changed = mutate(value, pick);
        const fp = (v: unknown, secret: boolean) =>
          fingerprintSettings([{ path: "k", value: v, secret }], KEY).fingerprint;
        expect(fp(changed, false)).not.toBe(fp(value, false));
        expect(fp(changed, true)).not.toBe(fp(value, true));
      }),
    );
  });

  it("agree exactly when two JSON values are deeply equal", () => {
    fc.assert(
      fc.property(json, json, (x, y) => {
        expect(canonicalize(x) === canonicalize(y)).toBe(isDeepStrictEqual(x, y));
      }),
    );
  });

  it("hash values JSON cannot carry: Map, Set, Date, bigint, URL", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string(), fc.integer()), { selector: ([k]) => k, minLength: 1 }),
        fc.bigInt(),
        fc.integer({ min: 0, max: 4e12 }),
        (entries, big, time) => {
          const reversed = [...entries].reverse();
          expect(canonicalize(new Map(reversed))).toBe(canonicalize(new Map(entries)));
          expect(canonicalize(new Set(reversed.map(([k]) => k)))).toBe(
            canonicalize(new Set(entries.map(([k]) => k))),
          );
          expect(canonicalize(new Map(entries))).not.toBe(canonicalize({}));
          expect(canonicalize(new Set(entries.map(([k]) => k)))).not.toBe(canonicalize({}));
          const [first] = entries;
          if (first) {
            const edited = new Map(entries);
            edited.set(first[0], first[1] + 1);
            expect(canonicalize(edited)).not.toBe(canonicalize(new Map(entries)));
          }
          expect(canonicalize(big)).not.toBe(canonicalize(big + 1n));
          expect(canonicalize(big)).not.toBe(canonicalize(Number(big)));
          expect(canonicalize(new Date(time))).not.toBe(canonicalize(new Date(time + 1)));
          expect(canonicalize(new Date(time))).not.toBe(canonicalize(new Date(time).toISOString()));
        },
      ),
    );
    expect(canonicalize(new URL("https://a.example/x"))).not.toBe(canonicalize("https://a.example/x"));
    expect(canonicalize(new URL("https://a.example/x"))).not.toBe(
      canonicalize(new URL("https://a.example/y")),
    );
    expect(canonicalize(undefined)).not.toBe(canonicalize(null));
    expect(canonicalize({ a: undefined })).not.toBe(canonicalize({}));
  });
});
