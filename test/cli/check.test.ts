// `cfg check`, the CI gate: the example project passes in every format, and a broken copy of it fails with every
// finding on the right file, line and rule. Child-process cases run the BUILT bin/cfg.js: `npm run build` first.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cfg, cfgBin, copyOfExample, exampleDir } from "./_cli.js";

const fixtures = resolve(import.meta.dirname, "../fixtures/cli");
const repositoryRoot = resolve(import.meta.dirname, "../..");

/** The example with the broken `.env.staging` of the fixture; `$(touch …)` aims at `<copy>/pwned`. */
function brokenCopy(): { dir: string; pwned: string } {
  const dir = copyOfExample();
  const pwned = join(dir, "pwned");
  const text = readFileSync(join(fixtures, "broken-staging/.env.staging"), "utf8");
  writeFileSync(join(dir, ".env.staging"), text.replace("__PWNED__", pwned));
  return { dir, pwned };
}

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  key?: string;
  path?: string;
  environment?: string;
}

/** Every finding of the broken staging file, as `line rule`, in the order `cfg check` lists them. */
const BROKEN_FINDINGS = [
  "6 invalid", // APP_REDIS__MAX_LEN=twenty-thousand
  "8 unknown-key", // APP_REDIS__URLS, a typo of APP_REDIS__URL
  "14 duplicate-key", // APP_LOGGING__LEVEL on lines 13 and 14
  "15 space-around-equals", // APP_REQUEST_TIMEOUT_MS = 8000
  "16 key-without-value", // APP_RETRY__JITTER
  "18 command-substitution", // "$(touch …)"
  "18 invalid", // … which is no duration either
  "19 invalid", // APP_UPSTREAM__READ=10 seconds
  "19 unquoted-value",
  "20 lowercase-key", // app_upstream__total
];

describe("cfg check on the example project", () => {
  it("-C with a relative directory runs as if started there", async () => {
    const result = await cfg(["-C", "examples/service", "check"], { cwd: resolve(exampleDir, "../..") });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("✓ 0 errors, 0 warnings in development, staging, production\n");
  });

  it("text: exit 0, only the summary line on stdout, nothing on stderr", async () => {
    const result = await cfg(["check"], { cwd: exampleDir });
    expect(result).toEqual({
      code: 0,
      stdout: "✓ 0 errors, 0 warnings in development, staging, production\n",
      stderr: "",
    });
  });

  it("json: the stable, versioned shape", async () => {
    const result = await cfg(["check", "--format", "json"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      version: 1,
      command: "check",
      ok: true,
      checked: ["development", "staging", "production"],
      errors: 0,
      warnings: 0,
      findings: [],
    });
  });

  it("github: no annotations when clean", async () => {
    const result = await cfg(["check", "--format", "github"], { cwd: exampleDir });
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("markdown: a heading that says it passed and what was checked", async () => {
    const result = await cfg(["check", "--format", "markdown"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "### cfg check: ✅ 0 errors, 0 warnings\n\nChecked: development, staging, production\n",
    );
  });

  it("the built bin agrees: exit 0 and the same summary", () => {
    const result = cfgBin(["check"], { cwd: exampleDir });
    expect(result).toEqual({
      code: 0,
      stdout: "✓ 0 errors, 0 warnings in development, staging, production\n",
      stderr: "",
    });
  });

  it("--env staging checks that environment alone", async () => {
    const result = await cfg(["check", "--env", "staging", "--format", "json"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).checked).toEqual(["staging"]);
  });

  // Once `join(io.cwd, options.cwd)`: an absolute directory became <cwd>/<absolute> and nothing was found.
  it("--cwd with an absolute directory finds the project there", async () => {
    const result = await cfg(["--cwd", exampleDir, "check"], { cwd: tmpdir() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("cfg check on a broken copy of the example", () => {
  it("text: exit 1, every finding on its file:line with its rule id, and a failing summary", async () => {
    const { dir } = brokenCopy();
    const result = await cfg(["check"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("✗ 8 errors, 2 warnings in development, staging, production");
    const found = lines.slice(0, -1).map((line) => {
      const match =
        /^\.env\.staging:(\d+)(?::\d+)?\s+(error|warning)\s+.* {2}([a-z-]+)(?: \[[^\]]+\])?$/.exec(line);
      expect(match, line).not.toBeNull();
      return `${match?.[1]} ${match?.[3]}`;
    });
    expect(found).toEqual(BROKEN_FINDINGS);
  });

  it("json: each finding with file, line, rule, severity and a message that names the key", async () => {
    const { dir } = brokenCopy();
    const result = await cfg(["check", "--env", "staging", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      version: number;
      ok: boolean;
      checked: string[];
      errors: number;
      warnings: number;
      findings: JsonFinding[];
    };
    expect(report).toMatchObject({ version: 1, command: "check", ok: false, checked: ["staging"] });
    expect({ errors: report.errors, warnings: report.warnings }).toEqual({ errors: 8, warnings: 2 });
    expect(report.findings.map((f) => `${f.line} ${f.rule}`)).toEqual(BROKEN_FINDINGS);
    for (const finding of report.findings) {
      expect(finding.file).toBe(".env.staging");
      expect(["error", "warning"]).toContain(finding.severity);
    }
    const byRule = (rule: string) => report.findings.filter((f) => f.rule === rule);
    expect(byRule("invalid")[0]).toMatchObject({
      severity: "error",
      key: "APP_REDIS__MAX_LEN",
      path: "redis.maxLen",
      environment: "staging",
      line: 6,
    });
    expect(byRule("unknown-key")[0]).toMatchObject({ key: "APP_REDIS__URLS", severity: "error", line: 8 });
    expect(byRule("unknown-key")[0]?.message).toContain("did you mean APP_REDIS__URL?");
    // The duplicate names both lines.
    expect(byRule("duplicate-key")[0]?.message).toMatch(/line 13 .*line 14/);
    expect(byRule("space-around-equals")[0]).toMatchObject({ key: "APP_REQUEST_TIMEOUT_MS", column: 23 });
    expect(byRule("command-substitution")[0]).toMatchObject({ key: "APP_UPSTREAM__CONNECT", column: 24 });
    expect(byRule("lowercase-key")[0]).toMatchObject({ key: "app_upstream__total", severity: "warning" });
    expect(byRule("lowercase-key")[0]?.message).toContain("APP_UPSTREAM__TOTAL");
  });

  it("github: one annotation per finding, each landing on the line that holds the problem", async () => {
    const { dir } = brokenCopy();
    const result = await cfg(["check", "--format", "github"], { cwd: dir });
    expect(result.code).toBe(1);
    const fileLines = readFileSync(join(dir, ".env.staging"), "utf8").split("\n");
    const annotations = result.stdout.trimEnd().split("\n");
    expect(annotations).toHaveLength(BROKEN_FINDINGS.length);
    const found = annotations.map((annotation) => {
      const match =
        /^::(error|warning) file=([^,]+),line=(\d+)(?:,col=(\d+))?,title=cfg ([a-z-]+)[^:]*::(.+)$/.exec(
          annotation,
        );
      expect(match, annotation).not.toBeNull();
      const [, , file, line, , rule, message] = match as unknown as string[];
      // Relative to the repository root, so that the annotation lands on the changed line of a pull request.
      expect(file).toBe(`${relative(repositoryRoot, dir)}/.env.staging`);
      // The annotated line is the one the message is about: it holds the key the message names.
      const key = /\b(APP_[A-Z_]+|app_[a-z_]+)\b/.exec(message as string)?.[1];
      if (key) expect(fileLines[Number(line) - 1]).toContain(key);
      return `${line} ${rule}`;
    });
    expect(found).toEqual(BROKEN_FINDINGS);
    expect(annotations[0]).toMatch(
      /^::error file=[^,]*\/\.env\.staging,line=6,title=cfg invalid \(staging[^)]*\)::/,
    );
    expect(annotations.filter((a) => a.startsWith("::warning "))).toHaveLength(2);
  });

  it("markdown: a table with one row per finding", async () => {
    const { dir } = brokenCopy();
    const result = await cfg(["check", "--env", "staging", "--format", "markdown"], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("### cfg check: ❌ 8 errors, 2 warnings");
    expect(lines).toContain("| Severity | Where | Environment | Rule | Message |");
    const rows = lines.filter((line) => /^\| (error|warning) \|/.test(line));
    expect(
      rows.map((row) => /\| \.env\.staging:(\d+)\S* \|.*\| `([a-z-]+)` \|/.exec(row)?.slice(1).join(" ")),
    ).toEqual(BROKEN_FINDINGS);
    // Every row has exactly five cells: pipes inside messages are escaped.
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  it("through the built bin: exit 1, the same findings, and `$(touch …)` never runs", () => {
    const { dir, pwned } = brokenCopy();
    const result = cfgBin(["check", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(BROKEN_FINDINGS);
    // print and explain resolve the same value: still never executed.
    cfgBin(["print", "--env", "staging"], { cwd: dir });
    cfgBin(["explain", "APP_UPSTREAM__CONNECT", "--env", "staging"], { cwd: dir });
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(join(dir, "config", "pwned"))).toBe(false);
  });

  it("a named file: `cfg check .env.staging` reports its findings and lists the file as checked", async () => {
    const { dir } = brokenCopy();
    const result = await cfg(["check", ".env.staging", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { checked: string[]; findings: JsonFinding[] };
    expect(report.checked).toEqual([".env.staging"]);
    expect(report.findings.map((f) => `${f.line} ${f.rule}`)).toEqual(BROKEN_FINDINGS);
  });

  it("a named file that no environment reads is still linted", async () => {
    const dir = copyOfExample();
    writeFileSync(join(dir, ".env.ci"), "APP_HTTP__PORT = 9000\n");
    const result = await cfg(["check", ".env.ci", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { checked: string[]; findings: JsonFinding[] };
    expect(report.checked).toEqual([".env.ci"]);
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: "space-around-equals", file: ".env.ci", line: 1 }),
    ]);
  });

  it("a clean environment passes while another is broken: --env development exits 0", async () => {
    const { dir } = brokenCopy();
    const result = await cfg(["check", "--env", "development"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("✓ 0 errors, 0 warnings in development\n");
  });

  it("an empty required key is reported as empty, on its line", async () => {
    const dir = copyOfExample();
    const staging = readFileSync(join(exampleDir, ".env.staging"), "utf8");
    writeFileSync(join(dir, ".env.staging"), staging.replace(/^APP_REDIS__URL=.*$/m, "APP_REDIS__URL="));
    const result = await cfg(["check", "--env", "staging", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings).toEqual([
      expect.objectContaining({ rule: "empty", key: "APP_REDIS__URL", file: ".env.staging", line: 7 }),
    ]);
  });

  // Bug: a required z.enum key that is unset reads as `invalid` ("Invalid option …; got (unset)"), because
  // src/validate.ts only calls a leaf without a value "missing" when zod's issue code is `invalid_type`, and zod 4
  // reports an undefined enum as `invalid_value`.
  it("a required enum key that is unset is reported as missing, not invalid", async () => {
    const dir = copyOfExample();
    const staging = readFileSync(join(exampleDir, ".env.staging"), "utf8");
    writeFileSync(join(dir, ".env.staging"), staging.replace(/^APP_ENV=.*\n/m, ""));
    const result = await cfg(["check", "--env", "staging", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.find((f) => f.key === "APP_ENV")).toMatchObject({ rule: "missing" });
  });
});

describe("cfg check --strict", () => {
  function warningsOnlyCopy(): string {
    const dir = copyOfExample();
    cpSync(join(fixtures, "warnings-only/.env.staging"), join(dir, ".env.staging"));
    return dir;
  }

  it("warnings alone pass without --strict", async () => {
    const result = await cfg(["check"], { cwd: warningsOnlyCopy() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(".env.staging:16:1");
    expect(result.stdout).toContain("lowercase-key");
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(
      "✓ 0 errors, 1 warning in development, staging, production",
    );
  });

  it("--strict makes warnings fail (child process)", () => {
    const result = cfgBin(["check", "--strict"], { cwd: warningsOnlyCopy() });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("lowercase-key");
  });

  // Bug: with --strict the run fails (exit 1) while the JSON says `"ok": true` and the text summary starts
  // with ✓: a CI step reading either disagrees with the exit code (src/cli/findings.ts counts only errors).
  it("--strict: the JSON `ok` and the summary agree with the failing exit code", async () => {
    const dir = warningsOnlyCopy();
    const json = await cfg(["check", "--strict", "--format", "json"], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).ok).toBe(false);
    const text = await cfg(["check", "--strict"], { cwd: dir });
    expect(text.stdout.trimEnd().split("\n").at(-1)).toMatch(/^✗ /);
  });
});

describe("output rules", () => {
  const ANSI = "\u001b["; // the start of every SGR escape

  it("no colour when stdout is not a terminal", async () => {
    const { dir } = brokenCopy();
    const result = await cfg(["check"], { cwd: dir, isTTY: false });
    expect(result.stdout).not.toContain(ANSI);
  });

  it("colour on a terminal", async () => {
    const { dir } = brokenCopy();
    const result = await cfg(["check"], { cwd: dir, isTTY: true });
    expect(result.stdout).toContain(ANSI);
    expect(result.stdout).toContain("\u001b[31m✗ 8 errors");
  });

  it("never with NO_COLOR, even on a terminal or with FORCE_COLOR", async () => {
    const { dir } = brokenCopy();
    for (const env of [{ NO_COLOR: "1" }, { NO_COLOR: "1", FORCE_COLOR: "1" }]) {
      const result = await cfg(["check"], { cwd: dir, isTTY: true, env });
      expect(result.stdout, JSON.stringify(env)).not.toContain(ANSI);
    }
  });

  it("forced by FORCE_COLOR without a terminal; FORCE_COLOR=0 turns it off on one", async () => {
    const forced = await cfg(["check"], { cwd: exampleDir, isTTY: false, env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toBe(
      "\u001b[32m✓ 0 errors, 0 warnings in development, staging, production\u001b[39m\n",
    );
    const off = await cfg(["check"], { cwd: exampleDir, isTTY: true, env: { FORCE_COLOR: "0" } });
    expect(off.stdout).not.toContain(ANSI);
  });

  it("machine formats never carry colour, even when forced", async () => {
    const { dir } = brokenCopy();
    for (const format of ["json", "github", "markdown"]) {
      const result = await cfg(["check", "--format", format], {
        cwd: dir,
        isTTY: true,
        env: { FORCE_COLOR: "1" },
      });
      expect(result.stdout, format).not.toContain(ANSI);
    }
  });

  it("FORCE_COLOR through the built bin (a pipe, not a terminal)", () => {
    expect(cfgBin(["check"], { cwd: exampleDir }).stdout).not.toContain(ANSI);
    expect(cfgBin(["check"], { cwd: exampleDir, env: { FORCE_COLOR: "1" } }).stdout).toContain(ANSI);
    expect(
      cfgBin(["check"], { cwd: exampleDir, env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout,
    ).not.toContain(ANSI);
  });
});

describe("cfg check: references nothing defines", () => {
  it("warns where ${VAR} would expand to an empty string, unless a default is given or the process sets it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cfgkit-refs-"));
    try {
      writeFileSync(
        join(dir, ".env"),
        "DB_HOST=db\nDATABASE_URL=postgres://app:${DB_PASSWORD}@${DB_HOST}/app\nCACHE=${CACHE_URL:-redis://localhost}\n",
      );
      const result = await cfg(["check", "--format", "json"], { cwd: dir });
      const findings = (
        JSON.parse(result.stdout) as { findings: { rule: string; line: number; key: string }[] }
      ).findings;
      expect(findings.filter((f) => f.rule === "undefined-reference")).toEqual([
        expect.objectContaining({ line: 2, key: "DATABASE_URL" }),
      ]);
      expect(result.code).toBe(0);
      const withShell = await cfg(["--process-env", "check", "--format", "json"], {
        cwd: dir,
        env: { DB_PASSWORD: "from-the-shell" },
      });
      const rules = (JSON.parse(withShell.stdout) as { findings: { rule: string }[] }).findings.map(
        (f) => f.rule,
      );
      expect(rules).not.toContain("undefined-reference");
      expect(withShell.stdout).not.toContain("from-the-shell");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("cfg check FILE on a file no environment reads", () => {
  it("lints it and says that its values were not validated", () => {
    const dir = copyOfExample();
    writeFileSync(join(dir, ".env.stg"), readFileSync(join(dir, ".env.staging"), "utf8"));
    const result = cfgBin(["check", ".env.stg"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "cfg: .env.stg is read by no environment of this project: linted only, not validated",
    );
    const read = cfgBin(["check", ".env.staging"], { cwd: dir });
    expect(read.code).toBe(0);
    expect(read.stderr).not.toContain("read by no environment");
    // An example file holds no environment's values by design: linting it says nothing more.
    writeFileSync(join(dir, ".env.example"), "APP_ENV=\n");
    expect(cfgBin(["check", ".env.example"], { cwd: dir }).stderr).not.toContain("read by no environment");
  });
});
