// GitHub annotations within GitHub's limits (and the job summary), GitLab code quality and reviewdog's rdjsonl
// against their documented fields, and repository-relative paths in every CI format. Through bin/cfg.js.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { brokenExample, fromRoot, projectTree } from "./_ci.js";
import { cfgBin, exampleDir } from "./_cli.js";

/** An untyped project whose `.env` has `errors` space-around-equals errors and `warnings` lowercase keys. */
function manyFindings(errors: number, warnings: number): Record<string, string> {
  // Errors first and in key order, so that no unordered-key warning joins in.
  const lines = [
    ...Array.from({ length: errors }, (_, i) => `APP_A_${String(i).padStart(2, "0")} = x`),
    ...Array.from({ length: warnings }, (_, i) => `app_z_${String(i).padStart(2, "0")}=x`),
  ];
  return { ".env": `${lines.join("\n")}\n` };
}

const annotationsOf = (stdout: string) => stdout.trimEnd().split("\n").filter(Boolean);

describe("--format github within GitHub's limits", () => {
  it("at most 10 annotations of each kind, errors first, then how many more and where they are", () => {
    const top = projectTree(manyFindings(14, 12), { git: true });
    const result = cfgBin(["-C", "services/api", "check", "--format", "github"], { cwd: top });
    expect(result.code).toBe(1);
    const lines = annotationsOf(result.stdout);
    const kinds = lines.map((line) => /^::(\w+) /.exec(line)?.[1]);
    expect(kinds).toEqual([...Array(10).fill("error"), ...Array(10).fill("warning"), "notice"]);
    expect(lines.at(-1)).toContain("4 more errors and 2 more warnings not shown as annotations");
    expect(lines.at(-1)).toContain("run cfg check --format text to see them all");
    expect(lines[0]).toMatch(/^::error file=services\/api\/\.env,line=1,/);
  });

  it("no notice when everything fits", () => {
    const top = projectTree(manyFindings(10, 10), { git: true });
    const lines = annotationsOf(
      cfgBin(["-C", "services/api", "check", "--format", "github"], { cwd: top }).stdout,
    );
    expect(lines).toHaveLength(20);
    expect(lines.some((line) => line.startsWith("::notice"))).toBe(false);
  });

  it("the full report goes to $GITHUB_STEP_SUMMARY as Markdown, appended to what the step wrote before", () => {
    const top = projectTree(manyFindings(14, 12), { git: true });
    const summary = join(top, "summary.md");
    writeFileSync(summary, "## Earlier step output\n");
    const env = { GITHUB_STEP_SUMMARY: summary };
    const result = cfgBin(["-C", "services/api", "check", "--format", "github"], { cwd: top, env });
    expect(result.code).toBe(1);
    expect(annotationsOf(result.stdout).at(-1)).toContain("every finding is in the job summary");
    const written = readFileSync(summary, "utf8");
    expect(written.startsWith("## Earlier step output\n### cfg check: ❌ 14 errors, 12 warnings")).toBe(true);
    expect(written.match(/^\| (error|warning) \|/gm)).toHaveLength(26);
  });

  it("a summary that would pass GitHub's 1 MiB cap is cut at a line, with a note, and stays under it", () => {
    const top = projectTree(manyFindings(14, 12), { git: true });
    const summary = join(top, "summary.md");
    const limit = 1024 * 1024;
    writeFileSync(summary, `${"x".repeat(limit - 1500)}\n`);
    const result = cfgBin(["-C", "services/api", "check", "--format", "github"], {
      cwd: top,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code).toBe(1);
    const written = readFileSync(summary);
    expect(written.length).toBeLessThanOrEqual(limit);
    const added = written.subarray(limit - 1500).toString("utf8");
    expect(added).toContain("### cfg check");
    expect(added).toContain("truncated: the report is larger than GitHub's 1 MiB job summary");
    expect(
      added
        .split("\n")
        .every((line) => line === "" || line.startsWith("|") || line.startsWith("#") || line.startsWith("…")),
    ).toBe(true);
  });

  it("a summary that cannot be written is said on stderr; annotations and exit code stand", () => {
    const top = projectTree(manyFindings(1, 0), { git: true });
    const env = { GITHUB_STEP_SUMMARY: join(top, "no/such/dir/summary.md") };
    const result = cfgBin(["-C", "services/api", "check", "--format", "github"], { cwd: top, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("could not write the job summary");
    expect(annotationsOf(result.stdout)).toHaveLength(1);
  });

  it("cfg diff: the drift table goes to the summary", () => {
    const summary = join(projectTree({}, { git: false }), "summary.md");
    const result = cfgBin(["diff", "staging", "production", "--format", "github"], {
      cwd: exampleDir,
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code).toBe(1);
    expect(readFileSync(summary, "utf8")).toMatch(
      /^### cfg diff staging vs production: ❌ 3 drift, 0 invalid\n/,
    );
  });
});

describe("paths from the repository root in every CI format", () => {
  const files = { ".env": "APP_A = 1\n" };

  it("inside a git repository: from its top level, whatever -C says", () => {
    const top = projectTree(files, { git: true });
    for (const cwd of [top, join(top, "services")]) {
      const args = cwd === top ? ["-C", "services/api"] : ["-C", "api"];
      const github = cfgBin([...args, "check", "--format", "github"], { cwd });
      expect(github.stdout).toMatch(/^::error file=services\/api\/\.env,line=1,col=/);
      const gitlab = JSON.parse(cfgBin([...args, "check", "--format", "gitlab"], { cwd }).stdout);
      expect(gitlab[0].location.path).toBe("services/api/.env");
      const rd = JSON.parse(cfgBin([...args, "check", "--format", "rdjsonl"], { cwd }).stdout);
      expect(rd.location.path).toBe("services/api/.env");
      const sarif = JSON.parse(cfgBin([...args, "check", "--format", "sarif"], { cwd }).stdout);
      expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
        "services/api/.env",
      );
    }
  });

  it("outside any repository: from the working directory", () => {
    const top = projectTree(files, { git: false });
    const result = cfgBin(["-C", "services/api", "check", "--format", "github"], { cwd: top });
    expect(result.stdout).toMatch(/^::error file=services\/api\/\.env,line=1,/);
    const inside = cfgBin(["check", "--format", "github"], { cwd: join(top, "services/api") });
    expect(inside.stdout).toMatch(/^::error file=\.env,line=1,/);
  });

  it("the shipped example, run as the workflow runs it (-C examples/service)", () => {
    const result = cfgBin(["-C", "examples/service", "diff", "staging", "production", "--format", "github"], {
      cwd: join(exampleDir, "../.."),
    });
    expect(result.stdout).toMatch(/^::error file=examples\/service\/\.env\.staging,line=\d+,/m);
  });
});

/** The issue fields GitLab reads (docs: code quality report format), all required. */
const GITLAB_SEVERITIES = ["info", "minor", "major", "critical", "blocker"];

describe("--format gitlab", () => {
  it("an array of issues with exactly the fields GitLab reads, unique fingerprints, same exit code as text", () => {
    const dir = brokenExample();
    const result = cfgBin(["check", "--env", "staging", "--format", "gitlab"], { cwd: dir });
    const json = JSON.parse(cfgBin(["check", "--env", "staging", "--format", "json"], { cwd: dir }).stdout);
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(issues).toHaveLength(json.findings.length);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual([
        "check_name",
        "description",
        "fingerprint",
        "location",
        "severity",
      ]);
      expect(typeof issue.description).toBe("string");
      expect(issue.check_name).toMatch(/^cfgkit\/[a-z-]+$/);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(GITLAB_SEVERITIES).toContain(issue.severity);
      const location = issue.location as { path: string; lines: { begin: number } };
      expect(location.path).toBe(fromRoot(dir, ".env.staging"));
      expect(Number.isInteger(location.lines.begin) && location.lines.begin >= 1).toBe(true);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.filter((i) => i.severity === "major")).toHaveLength(json.errors);
    expect(issues.filter((i) => i.severity === "minor")).toHaveLength(json.warnings);
  });

  it("a clean project is an empty array, exit 0", () => {
    const result = cfgBin(["check", "--format", "gitlab"], { cwd: exampleDir });
    expect([result.code, JSON.parse(result.stdout)]).toEqual([0, []]);
  });
});

/** reviewdog's Diagnostic message (proto/rdf/reviewdog.proto) and its nested messages. */
const RDJSON_FIELDS = {
  diagnostic: [
    "message",
    "location",
    "severity",
    "source",
    "code",
    "suggestions",
    "original_output",
    "related_locations",
  ],
  location: ["path", "range"],
  position: ["line", "column"],
};

describe("--format rdjsonl", () => {
  it("one Diagnostic per line with reviewdog's documented fields", () => {
    const dir = brokenExample();
    const result = cfgBin(["diff", "staging", "production", "--format", "rdjsonl"], { cwd: exampleDir });
    const check = cfgBin(["check", "--env", "staging", "--format", "rdjsonl"], { cwd: dir });
    expect([result.code, check.code]).toEqual([1, 1]);
    const lines = [...annotationsOf(result.stdout), ...annotationsOf(check.stdout)];
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const diagnostic = JSON.parse(line);
      for (const key of Object.keys(diagnostic)) expect(RDJSON_FIELDS.diagnostic).toContain(key);
      expect(typeof diagnostic.message).toBe("string");
      expect(["ERROR", "WARNING", "INFO"]).toContain(diagnostic.severity);
      expect(diagnostic.source).toEqual({ name: "cfgkit" });
      expect(diagnostic.code.value).toMatch(/^[a-z-]+$/);
      for (const key of Object.keys(diagnostic.location)) expect(RDJSON_FIELDS.location).toContain(key);
      expect(diagnostic.location.path).toMatch(/\.env\.(staging|production)$/);
      for (const key of Object.keys(diagnostic.location.range.start))
        expect(RDJSON_FIELDS.position).toContain(key);
      expect(diagnostic.location.range.start.line).toBeGreaterThanOrEqual(1);
    }
  });
});
