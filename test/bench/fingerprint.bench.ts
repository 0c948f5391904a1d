/**
 * cfgkit's fingerprintSettings at 100 to 100,000 keys against the target's yardstick (JSON.stringify of the same
 * values, keys already sorted, and one sha256) and object-hash. cfgkit is measured with its inputs in path order,
 * as loaded settings and `cfg hash` hand them (fingerprintInputs sorts a plan's leaves once per plan), and in any
 * order, when it sorts them first. Per-key digests, computed only when a command asks for them (`cfg hash --keys`,
 * lock files, snapshots, diffs), are their own row. Run through `npm run bench` (test/bench/run.mjs).
 */
import { createHash } from "node:crypto";
import objectHash from "object-hash";
import { bench, describe } from "vitest";
import { fingerprintSettings, keyFingerprints } from "../../src/fingerprint.js";
import { makeSettingLeaves, toRecord } from "./fixtures/settings-data.js";
import { sizes, timing } from "./fixtures/smoke.js";

for (const keys of sizes([100, 1_000, 10_000, 100_000], [100])) {
  const leaves = makeSettingLeaves(keys);
  const inPathOrder = [...leaves].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const record = toRecord(inPathOrder);
  // At 100,000 keys one call takes a large fraction of a second: a fixed number of samples keeps the run short.
  const options = timing(
    keys >= 100_000 ? { time: 0, iterations: 8, warmupTime: 0, warmupIterations: 1 } : { time: 1000 },
  );
  describe(`${keys.toLocaleString("en-US")} keys`, () => {
    bench("cfgkit fingerprintSettings", () => void fingerprintSettings(inPathOrder).fingerprint, options);
    bench(
      "cfgkit fingerprintSettings, keys in any order (sorts first)",
      () => void fingerprintSettings(leaves).fingerprint,
      options,
    );
    // The target's yardstick: the values as JSON (keys already sorted) and one sha256 over that text.
    bench(
      "JSON.stringify + one sha256",
      () => void createHash("sha256").update(JSON.stringify(record)).digest("hex"),
      options,
    );
    bench("object-hash (sha256)", () => void objectHash(record, { algorithm: "sha256" }), options);
    bench("cfgkit per-key digests (keyFingerprints)", () => void keyFingerprints(inPathOrder), options);
  });
}
