// Fleet drift through the built bin/cfg.js: a snapshot tree (cluster/namespace/service/host.json) read with its
// labels, outliers grouped by cause ("1 cause → 37 hosts", every host in JSON), --group-by comparing each
// cluster against its own majority, and every way a tree can be wrong is exit 2.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cfgBin, copyExample, copyOfExample } from "../cli/_cli.js";
import { KEY, repeat, snapshotVariants, type Variant, writeTree } from "./_fleet.js";

let variants: Record<Variant, Record<string, unknown>>;
let dir = "";
let hosts: string[] = [];
beforeAll(() => {
  variants = snapshotVariants();
  dir = copyExample();
  // 100 hosts: 61 as the repository says, 37 in us-east overridden by the process environment (one bad
  // rollout), 2 in eu-west with the same value from an edited .env.production (another cause).
  hosts = writeTree(join(dir, "fleet"), variants, {
    "eu-west": [...repeat("base", 58), ...repeat("file", 2)],
    "us-east": [...repeat("base", 3), ...repeat("env", 37)],
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Cause {
  envName: string;
  value: string;
  origin: string;
  majority: string;
  count: number;
  hosts: string[];
}
const diff = (...argv: string[]) => cfgBin(["diff", ...argv], { cwd: dir, env: KEY });

describe("a snapshot tree", () => {
  it("groups the outliers by cause: 1 cause → 37 hosts, with the host list in JSON", () => {
    const result = diff("fleet/", "--format", "json");
    expect(result.code).toBe(1); // retry.maxAttempts is forbidden to differ
    const report = JSON.parse(result.stdout) as {
      operands: { labels: Record<string, string> }[];
      causes: Cause[];
    };
    expect(report.operands).toHaveLength(100);
    expect(report.operands[0]?.labels).toEqual({
      cluster: "eu-west",
      namespace: "orders",
      service: "api",
      host: "web-01",
    });
    const [first, second, ...rest] = report.causes;
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      envName: "APP_RETRY__MAX_ATTEMPTS",
      value: "5",
      origin: "process.env",
      majority: "3",
      count: 37,
    });
    expect(first?.hosts).toEqual(
      hosts
        .filter((h) => h.startsWith("us-east"))
        .slice(3)
        .map((h) => `fleet/${h}.json`),
    );
    expect(second).toMatchObject({
      value: "5",
      origin: expect.stringMatching(/^\.env\.production:\d+$/),
      count: 2,
    });
  });

  it("text: the majority and its outliers per key, then the causes", () => {
    const result = diff("fleet/");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^cfg diff 100 operands: 1 drift/);
    expect(result.stdout).toMatch(
      /✗ APP_RETRY__MAX_ATTEMPTS\s+3 \(61 of 100\)\s+defaulted, forbidden\s+eu-west\/orders\/api\/web-59, eu-west\/orders\/api\/web-60, us-east\/orders\/api\/web-04 and 36 more/,
    );
    expect(result.stdout).toContain("Causes: 2 causes → 39 hosts");
    expect(result.stdout).toMatch(
      /✗ APP_RETRY__MAX_ATTEMPTS 5 from process\.env \(majority: 3\) → 37 hosts: fleet\/us-east\/orders\/api\/web-04\.json, .* and 32 more \(all in --format json\)/,
    );
  });

  it("--group-by cluster: each cluster against its own majority", () => {
    const result = diff("fleet/", "--group-by", "cluster", "--format", "json");
    expect(result.code).toBe(1);
    const { groupBy, groups } = JSON.parse(result.stdout) as {
      groupBy: string;
      groups: { value: string; causes: Cause[] }[];
    };
    expect(groupBy).toBe("cluster");
    expect(groups.map((g) => g.value)).toEqual(["eu-west", "us-east"]);
    expect(groups[0]?.causes.map((c) => [c.value, c.count])).toEqual([["5", 2]]);
    // In us-east the override is the majority: the three hosts that follow the repository stand out.
    expect(groups[1]?.causes).toMatchObject([{ value: "3", origin: "default", majority: "5", count: 3 }]);
    const text = diff("fleet/", "--group-by", "cluster");
    expect(text.stdout).toContain("── cluster=eu-west (60 operands) ──");
    expect(text.stdout).toContain("── cluster=us-east (40 operands) ──");
  });

  it("with an environment: the repository's production joins the comparison (and every group)", () => {
    const result = diff("production", "fleet/", "--group-by", "cluster", "--format", "json");
    const { groups } = JSON.parse(result.stdout) as { groups: { operands: { name: string }[] }[] };
    expect(groups.map((g) => g.operands[0]?.name)).toEqual(["production", "production"]);
    expect(groups.map((g) => g.operands.length)).toEqual([61, 41]);
  });

  it("CI formats name the group in each finding", () => {
    const result = diff("fleet/", "--group-by", "cluster", "--format", "github");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("title=cfg forbidden-drift (cluster=us-east%3A ");
    const rd = diff("fleet/", "--format", "rdjsonl")
      .stdout.trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rd.map((d) => d.code.value)).toEqual(["forbidden-drift"]);
  });

  it("a fleet that agrees: exit 0 and no causes", () => {
    const agreeing = copyOfExample();
    writeTree(join(agreeing, "fleet"), variants, { "eu-west": repeat("base", 4) });
    const result = cfgBin(["diff", "production", "fleet", "--format", "json"], { cwd: agreeing, env: KEY });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).causes).toEqual([]);
  });
});

describe("a tree that cannot be compared is exit 2", () => {
  const cases: [string, (root: string) => string[]][] = [
    [
      "an empty directory",
      (root) => {
        mkdirSync(join(root, "empty"));
        return ["production", "empty"];
      },
    ],
    [
      "a tree deeper than cluster/namespace/service/host.json",
      (root) => {
        writeTree(join(root, "deep/extra"), variants, { c: repeat("base", 2) });
        return ["production", "deep"];
      },
    ],
    [
      "a file in the tree that is not a snapshot",
      (root) => {
        writeTree(join(root, "bad"), variants, { c: repeat("base", 2) });
        writeFileSync(join(root, "bad/c/orders/api/web-03.json"), '{"not": "a snapshot"}\n');
        return ["production", "bad"];
      },
    ],
    [
      "a tree with one snapshot and nothing else",
      (root) => {
        writeTree(join(root, "one"), variants, { c: ["base"] });
        return ["one"];
      },
    ],
    [
      "--group-by where a group has one snapshot",
      (root) => {
        writeTree(join(root, "lonely"), variants, { a: repeat("base", 2), b: ["base"] });
        return ["lonely", "--group-by", "cluster"];
      },
    ],
    [
      "--group-by a label trees do not have",
      (root) => {
        writeTree(join(root, "t"), variants, { a: repeat("base", 2) });
        return ["t", "--group-by", "region"];
      },
    ],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const root = mkdtempSync(join(dir, "case-"));
      // Paths the cases return are inside `root`; diff runs from `dir`.
      const inDir = (arg: string) =>
        arg.startsWith("--") || arg === "production" || arg === "cluster" || arg === "region"
          ? arg
          : relative(dir, join(root, arg));
      const argv = make(root).map(inDir);
      const result = diff(...argv);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).not.toContain("✓");
      expect(result.stderr).toMatch(/^cfg: /);
    });
  }

  it("--group-by needs labels: plain snapshot files have none", () => {
    const root = mkdtempSync(join(dir, "plain-"));
    writeTree(root, variants, { c: repeat("base", 2) });
    const result = diff(
      `${root}/c/orders/api/web-01.json`,
      `${root}/c/orders/api/web-02.json`,
      "--group-by",
      "cluster",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("has no cluster label");
  });
});
