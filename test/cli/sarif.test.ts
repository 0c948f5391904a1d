// `--format sarif` for check and diff: valid against the official SARIF 2.1.0 schema (shipped as test data),
// one rule per check with help, repository-relative locations, fingerprints that survive line moves, and a
// run that never looks clean when something was not read. Through the built bin/cfg.js.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { brokenExample, fromRoot, sarifErrors } from "./_ci.js";
import { cfgBin, copyOfExample, exampleDir } from "./_cli.js";

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        rules: { id: string; help: { text: string }; shortDescription: { text: string } }[];
      };
    };
    invocations: { executionSuccessful: boolean }[];
    results: SarifResult[];
  }[];
}

function sarifOf(stdout: string): SarifLog {
  const log = JSON.parse(stdout) as SarifLog;
  expect(sarifErrors(log)).toEqual([]);
  return log;
}

describe("cfg check --format sarif", () => {
  it("the schema validator rejects what is not SARIF, so its approval means something", () => {
    expect(sarifErrors({ version: "2.1.0" }).length).toBeGreaterThan(0);
    expect(sarifErrors({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }).length).toBeGreaterThan(0);
    expect(
      sarifErrors({
        version: "2.1.0",
        runs: [{ tool: { driver: { name: "x" } }, results: [{ level: "fatal", message: { text: "m" } }] }],
      }).length,
    ).toBeGreaterThan(0);
  });

  it("a broken environment: every finding a result, at the same place and level as --format json", () => {
    const dir = brokenExample();
    const sarif = cfgBin(["check", "--env", "staging", "--format", "sarif"], { cwd: dir });
    const json = cfgBin(["check", "--env", "staging", "--format", "json"], { cwd: dir });
    expect(sarif.code).toBe(1);
    expect(sarif.code).toBe(json.code);
    const [run] = sarifOf(sarif.stdout).runs;
    const findings = JSON.parse(json.stdout).findings as {
      rule: string;
      severity: string;
      file?: string;
      line?: number;
    }[];
    expect(
      run?.results.map((r) => [
        r.ruleId,
        r.level,
        r.locations[0]?.physicalLocation.artifactLocation.uri,
        r.locations[0]?.physicalLocation.region?.startLine,
      ]),
    ).toEqual(findings.map((f) => [f.rule, f.severity, fromRoot(dir, f.file ?? "cfg.config.js"), f.line]));
    // One rule per check, each with a summary and help; results point at their rule.
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([...new Set(findings.map((f) => f.rule))].sort());
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text.length).toBeGreaterThan(10);
    }
    for (const result of run?.results ?? []) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(run?.invocations[0]).toMatchObject({ executionSuccessful: true });
  });

  it("fingerprints survive lines added above: the same findings keep the same identity", () => {
    const dir = brokenExample();
    const before = sarifOf(cfgBin(["check", "--env", "staging", "--format", "sarif"], { cwd: dir }).stdout);
    const file = join(dir, ".env.staging");
    writeFileSync(file, `# moved down by three lines\n# …\n\n${readFileSync(file, "utf8")}`);
    const after = sarifOf(cfgBin(["check", "--env", "staging", "--format", "sarif"], { cwd: dir }).stdout);
    const lines = (log: SarifLog) =>
      log.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.region?.startLine);
    const prints = (log: SarifLog) =>
      log.runs[0]?.results.map((r) => Object.values(r.partialFingerprints)[0]);
    expect(lines(after)).toEqual(lines(before)?.map((line) => (line === undefined ? line : line + 3)));
    expect(prints(after)).toEqual(prints(before));
    expect(new Set(prints(after)).size).toBe(after.runs[0]?.results.length);
  });

  it("a clean project: an empty result list and a successful run", () => {
    const result = cfgBin(["check", "--format", "sarif"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    const [run] = sarifOf(result.stdout).runs;
    expect(run?.results).toEqual([]);
    expect(run?.invocations[0]).toMatchObject({ executionSuccessful: true });
  });

  it("a source that cannot be read: exit 2, and the run says it did not succeed", () => {
    const dir = copyOfExample();
    writeFileSync(join(dir, "config/default.yaml"), "http: [unclosed\n");
    const result = cfgBin(["check", "--env", "staging", "--format", "sarif"], { cwd: dir });
    const text = cfgBin(["check", "--env", "staging"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(text.code).toBe(2);
    const [run] = sarifOf(result.stdout).runs;
    expect(run?.invocations[0]).toMatchObject({ executionSuccessful: false });
    expect(run?.results.some((r) => r.ruleId === "unreadable-source" && r.level === "error")).toBe(true);
  });
});

describe("cfg diff --format sarif", () => {
  it("every failing difference a result on the line that set it, the forbidden one under its own rule", () => {
    const result = cfgBin(["diff", "staging", "production", "--format", "sarif"], { cwd: exampleDir });
    expect(result.code).toBe(1);
    const [run] = sarifOf(result.stdout).runs;
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(["drift", "forbidden-drift"]);
    const where = run?.results.map(
      (r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri}`,
    );
    expect(where?.sort()).toEqual([
      "drift examples/service/.env.production",
      "drift examples/service/.env.staging",
      "forbidden-drift examples/service/.env.staging",
    ]);
    const staging = readFileSync(join(exampleDir, ".env.staging"), "utf8").split("\n");
    const forbidden = run?.results.find((r) => r.ruleId === "forbidden-drift");
    expect(staging[(forbidden?.locations[0]?.physicalLocation.region?.startLine ?? 0) - 1]).toMatch(
      /^APP_RETRY__MAX_ATTEMPTS=/,
    );
  });

  it("--fail-on none exits 0 and still lists every failing difference", () => {
    const none = cfgBin(["diff", "staging", "production", "--format", "sarif", "--fail-on", "none"], {
      cwd: exampleDir,
    });
    expect(none.code).toBe(0);
    expect(sarifOf(none.stdout).runs[0]?.results).toHaveLength(3);
  });
});
