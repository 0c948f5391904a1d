// The benchmark suite at smoke sizes (CFG_BENCH_SMOKE=1: tiny inputs, one run each), so `npm test` proves that
// `npm run bench` still runs every suite and reports a figure for each; the report goes to a temporary file, and
// no number in it is asserted (speed is the benchmark's business). Needs hyperfine for the whole-process suites:
// skipped, saying so, where it is not installed (`apt-get install hyperfine`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const hasHyperfine = spawnSync("hyperfine", ["--version"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "cfgkit-bench-smoke-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (!hasHyperfine)
  console.log("bench smoke test skipped: hyperfine is not installed (apt-get install hyperfine)");

describe.skipIf(!hasHyperfine)("npm run bench, smoke sizes", () => {
  it("runs every suite and writes a section with results for each", () => {
    const output = join(dir, "BENCHMARKS.md");
    const run = spawnSync(process.execPath, ["test/bench/run.mjs"], {
      cwd: root,
      env: { ...process.env, CFG_BENCH_SMOKE: "1", CFG_BENCH_OUTPUT: output },
      encoding: "utf8",
    });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    const report = readFileSync(output, "utf8");
    const sections = report.split(/^## /m).slice(1);
    expect(sections.map((section) => section.split("\n")[0])).toHaveLength(11);
    expect(sections[0]).toMatch(/^Targets\n/);
    expect(sections[0]).toMatch(/\| (yes|\*\*no\*\*) \|/);
    for (const section of sections) {
      expect(section, section).not.toMatch(/No results|not measured|not timed/i);
      expect(section).toMatch(/^\|.*\d/m);
    }
    expect(readFileSync(join(root, "BENCHMARKS.md"), "utf8")).not.toBe(report);
  }, 300_000);
});
