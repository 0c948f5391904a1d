// The project config's own keys: `lint` turns rules off or changes their severity (as dotenv-linter's
// `--skip`), a rule that does not exist is a clear error, and a key cfgkit does not read is refused rather
// than ignored. Runs the built bin/cfg.js: `npm run build` first.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
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

describe("drift policies are checked like lint rules", () => {
  /** The example's config with its forbidden policy's key or value replaced. */
  function withPolicy(from: string, to: string): string {
    const dir = copyOfExample();
    const config = join(dir, "cfg.config.js");
    const text = readFileSync(config, "utf8");
    expect(text).toContain(from);
    writeFileSync(config, text.replace(from, to));
    return dir;
  }

  it("a key that is not a setting is refused, with the nearest one", () => {
    const dir = withPolicy('"retry.maxAttempts": "forbidden"', '"retry.maxAtempts": "forbidden"');
    const result = cfgBin(["check"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "cfg.config.js: drift names retry.maxAtempts, which is not a setting of the schema; did you mean retry.maxAttempts?",
    );
    expect(result.stdout).not.toContain("✓");
  });

  it("an env name works as well as a path", () => {
    const dir = withPolicy('"retry.maxAttempts": "forbidden"', 'APP_RETRY__MAX_ATTEMPTS: "forbidden"');
    expect(cfgBin(["check"], { cwd: dir }).code).toBe(0);
  });

  it("a policy that does not exist is refused", () => {
    const dir = withPolicy('"retry.maxAttempts": "forbidden"', '"retry.maxAttempts": "forbiden"');
    const result = cfgBin(["diff", "staging", "production"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'drift policy of retry.maxAttempts is "forbiden"; use "report", "expected" or "forbidden"',
    );
  });
});

describe("a project config that cannot give what it names", () => {
  it('"settings" present but undefined (a typo in its import) is refused, not taken for untyped mode', () => {
    const dir = copyOfExample();
    writeFileSync(
      join(dir, "cfg.config.js"),
      'import * as module from "./settings.js";\nexport default { settings: module.setting };\n',
    );
    const result = cfgBin(["check"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'cfg.config.js: "settings" is undefined: check the import or variable it names',
    );
    expect(result.stdout).not.toContain("✓");
  });

  it("cfg.config.json is read as JSON with comments: a syntax error has its line and column", () => {
    const dir = copyOfExample();
    writeFileSync(join(dir, "cfg.config.json"), '{\n  // the schema\n  "settings": "./settings.js",\n}\n');
    rmSync(join(dir, "cfg.config.js"));
    expect(cfgBin(["check"], { cwd: dir }).code).toBe(0);
    writeFileSync(
      join(dir, "cfg.config.json"),
      '{\n  "settings": "./settings.js"\n  "environments": []\n}\n',
    );
    const broken = cfgBin(["check"], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/cfg\.config\.json:3:3: JSON syntax error/);
  });

  it("--config naming a directory or a file of another kind, and -C naming a file", () => {
    const dir = copyOfExample();
    const cases: [string[], string][] = [
      [["--config", "config", "check"], "config file config is a directory, expected a file"],
      [
        ["--config", ".env.staging", "check"],
        "config file .env.staging: expected a .ts, .mts, .js, .mjs, .cjs or .json file",
      ],
      [["-C", "settings.js", "check"], "is a file, not a directory"],
    ];
    for (const [argv, message] of cases) {
      const result = cfgBin(argv, { cwd: dir });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr, argv.join(" ")).toContain(message);
    }
  });
});
