/**
 * cfgkit's fingerprintSettings against object-hash over the same settings at 100 to 100,000 keys, plus the parts
 * of cfgkit's cost: building the canonical text alone, and one sha256 over that text alone (the digest's share).
 * Run through `npm run bench` (test/bench/run.mjs).
 */
import { createHash } from "node:crypto";
import objectHash from "object-hash";
import { bench, describe } from "vitest";
import { canonicalize, fingerprintSettings } from "../../src/fingerprint.js";
import { makeSettingLeaves, toRecord } from "./fixtures/settings-data.js";
import { sizes, timing } from "./fixtures/smoke.js";

for (const keys of sizes([100, 1_000, 10_000, 100_000], [100])) {
  const leaves = makeSettingLeaves(keys);
  const record = toRecord(leaves);
  const canonical = canonicalize(record);
  // At 100,000 keys one call takes a large fraction of a second: a fixed number of samples keeps the run short.
  const options = timing(
    keys >= 100_000 ? { time: 0, iterations: 8, warmupTime: 0, warmupIterations: 1 } : { time: 1000 },
  );
  describe(`${keys.toLocaleString("en-US")} keys`, () => {
    bench("cfgkit fingerprintSettings", () => void fingerprintSettings(leaves), options);
    // The target's yardstick: the values as JSON (keys already sorted) and one sha256 over that text.
    bench(
      "JSON.stringify + one sha256",
      () => void createHash("sha256").update(JSON.stringify(record)).digest("hex"),
      options,
    );
    bench("object-hash (sha256)", () => void objectHash(record, { algorithm: "sha256" }), options);
    bench("canonical text alone", () => void canonicalize(record), options);
    bench(
      "sha256 of the canonical text alone",
      () => {
        createHash("sha256").update(canonical).digest("hex");
      },
      options,
    );
  });
}
