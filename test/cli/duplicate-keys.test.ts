// A key set twice in one `.env` file with different values: the service loads it as dotenv does (the later
// line wins, with a warning naming both lines), and `cfg check`, the gate, fails on it. Runs the built
// bin/cfg.js: `npm run build` first.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cfgBin, copyOfExample } from "./_cli.js";

/** The example with `.env.staging` setting APP_LOGGING__LEVEL on line 12 and again on line 15. */
function exampleWithDuplicate(): string {
  const dir = copyOfExample();
  const file = join(dir, ".env.staging");
  writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\nAPP_LOGGING__LEVEL=warn\n`);
  return dir;
}

describe("a key set twice with different values", () => {
  it("`cfg check` fails with an error naming both lines", () => {
    const result = cfgBin(["check", "--env", "staging", "--format", "json"], { cwd: exampleWithDuplicate() });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).findings as {
      rule: string;
      severity: string;
      message: string;
    }[];
    expect(findings.filter((f) => f.rule === "duplicate-key")).toEqual([
      expect.objectContaining({ severity: "error", message: expect.stringMatching(/line 12 .*line 15/) }),
    ]);
  });

  it("resolves the way the service loads it: the later line wins", () => {
    const result = cfgBin(["print", "--env", "staging", "--format", "json", "--show-origin"], {
      cwd: exampleWithDuplicate(),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"warn"');
    expect(result.stdout).toContain(".env.staging:15");
  });
});
