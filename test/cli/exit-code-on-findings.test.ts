// --exit-code-on-findings N, through the built bin/cfg.js: findings exit N, clean stays 0, errors stay 2 (or
// become 1 when N is 2, Terraform's convention), and a value that would let findings pass is refused.
import { describe, expect, it } from "vitest";
import { brokenExample } from "./_ci.js";
import { cfgBin, exampleDir } from "./_cli.js";

describe("--exit-code-on-findings", () => {
  it("findings exit N in every format, before or after the command; a clean run still exits 0", () => {
    const dir = brokenExample();
    for (const format of ["text", "sarif", "github"]) {
      expect(cfgBin(["check", "--format", format, "--exit-code-on-findings", "3"], { cwd: dir }).code).toBe(
        3,
      );
      expect(cfgBin(["--exit-code-on-findings", "3", "check", "--format", format], { cwd: dir }).code).toBe(
        3,
      );
    }
    expect(cfgBin(["check", "--exit-code-on-findings", "3"], { cwd: exampleDir }).code).toBe(0);
    // Argo CD's --diff-exit-code convention: a diff gives 20.
    const diff = cfgBin(["diff", "staging", "production", "--exit-code-on-findings", "20"], {
      cwd: exampleDir,
    });
    expect(diff.code).toBe(20);
    expect(diff.stdout).toContain("3 drift");
  });

  it("N = 2: findings exit 2 and a run that read nothing exits 1, so the two are never confused", () => {
    expect(
      cfgBin(["diff", "staging", "production", "--exit-code-on-findings", "2"], { cwd: exampleDir }).code,
    ).toBe(2);
    const missing = cfgBin(["-C", "does-not-exist", "check", "--exit-code-on-findings", "2"], {
      cwd: exampleDir,
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).not.toContain("✓");
    // Without the option the contract is unchanged.
    expect(cfgBin(["-C", "does-not-exist", "check"], { cwd: exampleDir }).code).toBe(2);
  });

  it("refuses 0, numbers past 125 and words, as a usage error", () => {
    for (const value of ["0", "126", "two", "-1", "1.5"]) {
      const result = cfgBin(["check", "--exit-code-on-findings", value], { cwd: exampleDir });
      expect(result.code, value).toBe(2);
      expect(result.stderr, value).toContain("expected a whole number from 1 to 125");
    }
  });

  it("is in the help, with what N = 2 does", () => {
    const help = cfgBin(["--help"], { cwd: exampleDir }).stdout;
    expect(help).toContain("--exit-code-on-findings <n>");
    expect(help).toMatch(/N = 2 makes usage and I\/O errors 1/);
  });
});
