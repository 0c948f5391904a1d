import { describe, expect, it } from "vitest";
import { cfg, cfgBin, copyOfExample, exampleDir } from "./_cli.js";

/** The commands `cfg --help` lists, read from its Commands section rather than listed by hand. */
const COMMANDS = [
  ...(
    ((await cfg(["--help"], { cwd: exampleDir })).stdout.split(/^Commands:\n/m)[1] ?? "").split(/\n\n/)[0] ??
    ""
  ).matchAll(/^ {2}([a-z][a-z-]*)\b/gm),
].map((match) => match[1] as string);

/** The command lines of a help text's Examples section, without their comments, pipes and redirections. */
function examplesOf(help: string): string[] {
  const section = help.split(/^Examples:\n/m)[1] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("  cfg "))
    .map((line) => (line.trim().split(/\s{2,}/)[0] ?? "").replace(/\s[|>].*$/, "").trim());
}

describe("cfg --help", () => {
  it("lists check, print, explain and schema, and whatever else the CLI has", async () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(["check", "print", "explain", "schema", "help"]));
    const result = await cfg(["--help"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    // Each listed command is a real one: its own --help answers.
    for (const name of COMMANDS)
      expect((await cfg([name, "--help"], { cwd: exampleDir })).code, name).toBe(0);
    expect(result.stdout).toContain("Exit codes: 0 clean, 1 findings");
  });

  it("the built bin prints the same help, exit 0", async () => {
    const inProcess = await cfg(["--help"], { cwd: exampleDir });
    expect(cfgBin(["--help"], { cwd: exampleDir })).toEqual(inProcess);
    expect(cfgBin(["-h"], { cwd: exampleDir })).toEqual(inProcess);
  });

  // DESIGN.md §4 and the CLI issue: "`cfg --help` and each command's `--help` show real examples".
  it("shows an Examples section of its own", async () => {
    const result = await cfg(["--help"], { cwd: exampleDir });
    expect(examplesOf(result.stdout).length).toBeGreaterThan(0);
  });

  it("`cfg` with no arguments prints the help and exits 2", () => {
    const result = cfgBin([], { cwd: exampleDir });
    expect(result.code).toBe(2);
    const output = result.stdout + result.stderr;
    expect(output).toContain("Usage: cfg [options] [command]");
    for (const name of ["check", "print", "explain", "schema"]) expect(output).toContain(`  ${name}`);
  });
});

describe("each command's --help", () => {
  it.each(COMMANDS.filter((name) => name !== "help"))(
    "cfg %s --help shows usage and examples",
    async (name) => {
      const result = await cfg([name, "--help"], { cwd: exampleDir });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(new RegExp(`^Usage: cfg ${name}\\b`));
      const examples = examplesOf(result.stdout);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(example).toMatch(new RegExp(`^cfg ${name}\\b`));
    },
  );

  it("`cfg help check` is `cfg check --help`", async () => {
    const viaHelp = await cfg(["help", "check"], { cwd: exampleDir });
    const viaFlag = await cfg(["check", "--help"], { cwd: exampleDir });
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.code).toBe(0);
  });

  it("through the built bin: `cfg check --help` exits 0 with the examples on stdout", () => {
    const result = cfgBin(["check", "--help"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(examplesOf(result.stdout)).toContain("cfg check --env staging");
  });
});

describe("the examples are real", () => {
  // Every example of check, print, explain and schema runs on (a copy of) the example project without a usage
  // error; writing commands (example, docs, init) are tested by their own suites.
  const RUNNABLE = ["check", "print", "explain", "schema"];

  it.each(RUNNABLE)("the examples of cfg %s run on the example project", async (name) => {
    const dir = copyOfExample();
    const help = await cfg([name, "--help"], { cwd: dir });
    for (const example of examplesOf(help.stdout)) {
      const argv = example.split(/\s+/).slice(1);
      const result = await cfg(argv, { cwd: dir });
      expect(result.code, `${example}\n${result.stderr}`).toBe(0);
      // A clean project has no annotations to print; everything else prints something.
      if (!example.includes("--format github")) expect(result.stdout.length, example).toBeGreaterThan(0);
    }
  });
});
