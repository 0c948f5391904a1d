// Bad input, each case through the BUILT bin/cfg.js as a child process (`npm run build` first): the exit code of
// DESIGN.md §4, a message that says what is wrong, and no stack trace unless --debug.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { binPath, type CliResult, cfgBin, copyOfExample, exampleDir } from "./_cli.js";

const fixtures = resolve(import.meta.dirname, "../fixtures/cli");
const STACK_LINE = /^ {4}at /m;

function expectNoStack(result: CliResult): void {
  expect(result.stdout).not.toMatch(STACK_LINE);
  expect(result.stderr).not.toMatch(STACK_LINE);
}

interface JsonFinding {
  rule: string;
  file?: string;
  line?: number;
  message: string;
}

function findingsOf(result: CliResult): JsonFinding[] {
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

describe("usage errors: exit 2 with a hint", () => {
  it("an unknown command suggests the nearest one and points at --help", () => {
    const result = cfgBin(["chekc"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("unknown command 'chekc'");
    expect(result.stderr).toContain("Did you mean check?");
    expect(result.stderr).toContain("cfg --help");
    expectNoStack(result);
  });

  it("an unknown flag suggests the nearest one", () => {
    const result = cfgBin(["check", "--fromat", "json"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("unknown option '--fromat'");
    expect(result.stderr).toContain("Did you mean --format?");
    expect(result.stderr).toContain("cfg --help");
    expectNoStack(result);
  });

  it("an unknown global flag", () => {
    const result = cfgBin(["--verbose", "check"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--verbose'");
  });

  it("a format that the command does not offer lists the choices", () => {
    const result = cfgBin(["check", "--format", "xml"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/text, json, markdown, github, sarif, gitlab, rdjsonl/);
  });

  it("--env naming an environment with no files lists the known ones", () => {
    for (const argv of [
      ["check", "--env", "qa"],
      ["print", "--env", "qa"],
      ["explain", "APP_ENV", "--env", "qa"],
    ]) {
      const result = cfgBin(argv, { cwd: exampleDir });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toBe(
        'cfg: unknown environment "qa": no file or project config names it (known environments: development, test, staging, production)\n',
      );
    }
  });

  it("--config naming a file that does not exist", () => {
    const result = cfgBin(["--config", "nope.config.js", "check"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("config file not found: nope.config.js");
    expectNoStack(result);
  });
});

describe("under --format json, a command that cannot run still writes one JSON document", () => {
  const cases: [string, string[], string, string][] = [
    [
      "an unknown environment",
      ["check", "--env", "prodd", "--format", "json"],
      "unknown-environment",
      "prodd",
    ],
    [
      "an unknown option",
      ["diff", "staging", "production", "--format=json", "--fromat"],
      "unknown-option",
      "--fromat",
    ],
    ["an unknown key", ["explain", "APP_NOPE", "--format", "json"], "unknown-key", "APP_NOPE"],
  ];
  it.each(cases)("%s: exit 2, ok false, the code and the stderr message", (_, argv, code, named) => {
    const result = cfgBin(argv, { cwd: exampleDir });
    expect(result.code).toBe(2);
    const document = JSON.parse(result.stdout);
    expect(document).toEqual({
      version: 1,
      ok: false,
      error: { code, message: expect.stringContaining(named) },
    });
    expect(result.stderr).toContain(named);
    expectNoStack(result);
  });

  it("no project at all", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfgkit-json-error-"));
    try {
      const result = cfgBin(["hash", "--format", "json"], { cwd: dir });
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: "no-project" } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a command that wrote its own report (an unreadable source) is not followed by a second document", () => {
    const dir = copyOfExample();
    rmSync(join(dir, ".env.staging"));
    mkdirSync(join(dir, ".env.staging"));
    const result = cfgBin(["check", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it("text output is unchanged: the error goes to stderr only", () => {
    const result = cfgBin(["check", "--env", "prodd"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
  });
});

describe("an environment name that would reach other files", () => {
  it.each(["staging/../production", "../staging", "a/b"])("--env %s is refused, exit 2", (name) => {
    const result = cfgBin(["print", "--env", name], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`"${name}" is not an environment name`);
  });
});

describe("a project config that throws on import", () => {
  const dir = join(fixtures, "throwing-config");

  it("exit 2 with its message and no stack", () => {
    const result = cfgBin(["check"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^cfg: .*cfg\.config\.js failed to load: STAGING_REGION is not set/);
    expect(result.stderr).not.toContain("--debug for details"); // a known error, not an unexpected one
    expectNoStack(result);
  });

  it("with --debug, the stack too, pointing into the config", () => {
    const result = cfgBin(["--debug", "check"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("STAGING_REGION is not set");
    expect(result.stderr).toMatch(STACK_LINE);
    expect(result.stderr).toMatch(/ {4}at .*cfg\.config\.js:2/);
  });

  it("--debug after the command works as well", () => {
    const result = cfgBin(["print", "--debug"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(STACK_LINE);
  });
});

describe("a project config whose own import is missing", () => {
  // Outside this repository, so `cfgkit` does not resolve from the config's folder.
  function projectOutside(config: string): string {
    const dir = mkdtempSync(join(tmpdir(), "cfgkit-missing-import-"));
    writeFileSync(join(dir, "cfg.config.js"), config);
    return dir;
  }

  it("a package that is not installed there is named, not reported as a missing config", () => {
    const dir = projectOutside('import { defineConfig } from "cfgkit";\nexport default defineConfig({});\n');
    try {
      const result = cfgBin(["check"], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /cfg\.config\.js imports "cfgkit", which cannot be found from its folder/,
      );
      expect(result.stderr).toContain("npm install cfgkit");
      expect(result.stderr).not.toMatch(/cannot find .*cfg\.config\.js/);
      expectNoStack(result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a relative file that does not exist is named", () => {
    const dir = projectOutside(
      'import settings from "./settings-missing.js";\nexport default { settings };\n',
    );
    try {
      const result = cfgBin(["check"], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/cfg\.config\.js imports .*settings-missing\.js, which does not exist/);
      expectNoStack(result);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--schema naming a module that does not exist still says so", () => {
    const result = cfgBin(["check", "--schema", "no-such-settings.js"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schema module not found: no-such-settings\.js/);
    expectNoStack(result);
  });
});

describe("a --schema module without a settings definition", () => {
  const dir = join(fixtures, "no-definition");

  it("exit 2, naming what it does export and how to point at one", () => {
    const result = cfgBin(["--schema", "settings.js", "check"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("settings.js exports no settings definition");
    expect(result.stderr).toContain("loadSomething, settings");
    expect(result.stderr).toContain("defineSettings()");
    expectNoStack(result);
  });

  it("a named export that is not a definition", () => {
    const result = cfgBin(["--schema", "settings.js#settings", "print"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('export "settings" is not a settings definition');
  });

  it("a module that does not exist", () => {
    const result = cfgBin(["--schema", "missing.js", "schema"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("cfg: schema module not found: missing.js\n");
  });
});

describe("env files that cannot be read", () => {
  function withStaging(make: (file: string) => void): string {
    const dir = copyOfExample();
    rmSync(join(dir, ".env.staging"));
    make(join(dir, ".env.staging"));
    return dir;
  }

  const directory = () => withStaging((file) => mkdirSync(file));
  const symlinkLoop = () => withStaging((file) => symlinkSync(".env.staging", file));

  it("a directory: named as such, on the file, no stack", () => {
    const result = cfgBin(["check", "--env", "staging", "--format", "json"], { cwd: directory() });
    expect(result.code).not.toBe(0);
    expect(findingsOf(result)).toContainEqual(
      expect.objectContaining({
        rule: "unreadable-source",
        file: ".env.staging",
        message: ".env.staging is a directory, expected a file",
      }),
    );
    // The keys only that file sets are missing because of it, and say so.
    expect(findingsOf(result)).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining("APP_ENV is required but not set (.env.staging could not be read)"),
      }),
    );
    expectNoStack(result);
  });

  it("a directory, in print: an I/O error (exit 2) whose message on stderr names it", () => {
    const result = cfgBin(["print", "--env", "staging"], { cwd: directory() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(".env.staging is a directory, expected a file");
    expectNoStack(result);
  });

  // Bug: explain lists the files that loaded ("not set in: config/default.yaml, .env") and says the key is
  // unset, but never mentions the layer it could not read, which is why the key is unset
  // (src/cli/commands/explain.ts ignores resolved.files with a read error and source issues).
  it("a directory, in explain: the unreadable layer is named", () => {
    const result = cfgBin(["explain", "APP_WEBHOOK__SECRET", "--env", "staging"], { cwd: directory() });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(".env.staging is a directory");
    expectNoStack(result);
  });

  it("a symlink loop: reported, no hang, no stack", () => {
    const result = cfgBin(["check", ".env.staging", "--format", "json"], { cwd: symlinkLoop() });
    expect(result.code).not.toBe(0);
    expect(findingsOf(result)).toContainEqual(
      expect.objectContaining({ rule: "unreadable-source", file: ".env.staging" }),
    );
    expect(result.stdout).toContain("too many symbolic links");
    expectNoStack(result);
  });

  // Deviation from DESIGN.md §4 ("2 usage or I/O error (… unreadable file)"): `cfg check` turns an env file it
  // cannot read into an `unreadable-source` finding and exits 1, as for a typo in a value.
  it("an env file that cannot be read (a directory, a symlink loop) is an I/O error: exit 2", () => {
    for (const make of [directory, symlinkLoop]) {
      expect(cfgBin(["check", "--env", "staging"], { cwd: make() }).code).toBe(2);
    }
  });

  it("not UTF-8: the message names the file and the line", () => {
    const dir = withStaging((file) => {
      const text = readFileSync(join(exampleDir, ".env.staging"), "utf8");
      const lines = text.split("\n");
      // A comment with a Latin-1 "é" (0xE9) on line 3: valid ISO-8859-1, invalid UTF-8.
      writeFileSync(
        file,
        Buffer.concat([
          Buffer.from(`${lines.slice(0, 2).join("\n")}\n# Caf`),
          Buffer.from([0xe9]),
          Buffer.from(`\n${lines.slice(2).join("\n")}`),
        ]),
      );
    });
    const result = cfgBin(["check", "--env", "staging", "--format", "json"], { cwd: dir });
    expect(result.code).not.toBe(0);
    expect(findingsOf(result)).toContainEqual(
      expect.objectContaining({ rule: "unreadable-source", file: ".env.staging", line: 3 }),
    );
    expect(result.stdout).toContain("not valid UTF-8");
    expectNoStack(result);
    const text = cfgBin(["check", "--env", "staging"], { cwd: dir });
    expect(text.stdout).toMatch(/^\.env\.staging:3\s+error\s+.*not valid UTF-8/m);
  });
});

/** cfgBin with room for megabytes of output (one warning per extra blank line). */
function cfgBinLarge(argv: readonly string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...argv], {
    cwd,
    env: { PATH: process.env.PATH ?? "" },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 30_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("a 40,000-blank-line .env file with garbage at the end", () => {
  it("cfg check finishes and reports the garbage line", () => {
    const dir = copyOfExample();
    const staging = readFileSync(join(exampleDir, ".env.staging"), "utf8");
    const before = staging.split("\n").length; // the garbage lands on line before + 40,000
    writeFileSync(join(dir, ".env.staging"), `${staging}${"\n".repeat(40_000)}garbage ~ without equals\n`);
    const garbageLine = before + 40_000;
    const started = performance.now();
    const result = cfgBinLarge(["check", "--env", "staging", "--format", "json"], dir);
    const elapsed = performance.now() - started;
    console.log(`cfg check on a 40,000-blank-line .env: ${elapsed.toFixed(0)} ms (whole process)`);
    expect(elapsed).toBeLessThan(5_000); // a hang guard, not a benchmark
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const atGarbage = findingsOf(result).filter((f) => f.line === garbageLine);
    expect(atGarbage.map((f) => f.rule)).toContain("key-without-value");
    expect(atGarbage.every((f) => f.file === ".env.staging")).toBe(true);
  });

  it("named on the command line, alone, with only blank lines before the garbage", () => {
    const dir = copyOfExample();
    writeFileSync(join(dir, ".env.blank"), `${"\n".repeat(40_000)}@@garbage`);
    const started = performance.now();
    const result = cfgBinLarge(["check", ".env.blank", "--format", "github"], dir);
    const elapsed = performance.now() - started;
    console.log(`cfg check .env.blank (40,000 blank lines, github format): ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(5_000);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^::error file=[^,]*\.env\.blank,line=40001,col=1,title=cfg key-without-value::/m,
    );
  });
});
