// The project config's own keys: `lint` turns rules off or changes their severity (as dotenv-linter's
// `--skip`), a rule that does not exist is a clear error, and a key cfgkit does not read is refused rather
// than ignored. Runs the built bin/cfg.js: `npm run build` first.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cfgBin, copyOfExample } from "./_cli.js";

/** The example with `extra` added to its cfg.config.js and an unordered key in `.env.staging`. */
function exampleWith(extra: string): string {
  const dir = copyOfExample();
  const config = join(dir, "cfg.config.js");
  writeFileSync(config, readFileSync(config, "utf8").replace("  drift: {", `  ${extra}\n  drift: {`));
  const staging = join(dir, ".env.staging");
  writeFileSync(staging, `${readFileSync(staging, "utf8")}APP_HTTP__PORT=8080\n`);
  return dir;
}

describe("lint settings in cfg.config", () => {
  it("without them, the unordered key is a warning that fails --strict", () => {
    const result = cfgBin(["check", "--env", "staging", "--strict"], { cwd: exampleWith("") });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("unordered-key");
  });

  it('"off" drops a rule, so the first check passes', () => {
    const result = cfgBin(["check", "--env", "staging", "--strict"], {
      cwd: exampleWith('lint: { "unordered-key": "off" },'),
    });
    expect(result).toEqual({ code: 0, stdout: "✓ 0 errors, 0 warnings in staging\n", stderr: "" });
  });

  it('"error" raises a rule', () => {
    const result = cfgBin(["check", "--env", "staging", "--format", "json"], {
      cwd: exampleWith('lint: { "unordered-key": "error" },'),
    });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).findings as { rule: string; severity: string }[];
    expect(findings).toEqual([expect.objectContaining({ rule: "unordered-key", severity: "error" })]);
  });

  it("a rule that does not exist is a usage error naming the file, the rule and the rules there are", () => {
    const result = cfgBin(["check"], { cwd: exampleWith('lint: { "unordered-keys": "off" },') });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /cfg\.config\.js: lint rule "unordered-keys" does not exist; the rules are .*unordered-key/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("a setting other than off, warning or error is a usage error", () => {
    const result = cfgBin(["check"], { cwd: exampleWith('lint: { "unordered-key": "skip" },') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'lint rule "unordered-key" is set to "skip"; use "off", "warning" or "error"',
    );
  });
});

describe("a key the project config does not have", () => {
  it("is refused, not ignored (output.format was once typed but never read)", () => {
    const result = cfgBin(["check"], { cwd: exampleWith('output: { format: "json" },') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cfg.config.js: unknown key "output"');
  });
});
