// The README's outputs are real: every code block marked `<!-- readme-run: DIR -->` is run line by line
// (`$ command`, then what it prints) by a shell in DIR with `cfg` on the PATH as the built bin/cfg.js, and
// what each command prints (stdout and stderr, as a terminal shows them) must be the README's text. A line
// `…` stands for any lines; `…` inside a line for any text there. Run `npm run build` first.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binPath } from "../cli/_cli.js";

const root = resolve(import.meta.dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");

interface Step {
  command: string;
  expected: string[];
}

interface MarkedBlock {
  /** Where the block's first command runs, relative to the repository root. */
  dir: string;
  /** Commands the marker says the test cannot run (they need a running service). */
  notRun: string[];
  steps: Step[];
  line: number;
}

/** Every marked block, split into commands and the lines each prints. */
function markedBlocks(text: string): MarkedBlock[] {
  const blocks: MarkedBlock[] = [];
  const pattern = /<!-- readme-run: (\S+)(?: \(([^)]*)\))? -->\n```\n([\s\S]*?)\n```/g;
  for (const match of text.matchAll(pattern)) {
    const [, dir = ".", note = "", body = ""] = match;
    const steps: Step[] = [];
    for (const line of body.split("\n")) {
      if (line.startsWith("$ ")) steps.push({ command: line.slice(2), expected: [] });
      else steps.at(-1)?.expected.push(line);
    }
    for (const step of steps) while (step.expected.at(-1) === "") step.expected.pop();
    const notRun = /^(\w+) needs/.exec(note)?.[1];
    blocks.push({
      dir,
      notRun: notRun ? [notRun] : [],
      steps,
      line: text.slice(0, match.index).split("\n").length,
    });
  }
  return blocks;
}

/** Whether `actual` lines are what `expected` shows, `…` lines standing for any lines (none included). */
function matchesAbridged(expected: readonly string[], actual: readonly string[]): boolean {
  const [first, ...rest] = expected;
  if (first === undefined) return actual.length === 0;
  if (first === "…") {
    for (let skip = 0; skip <= actual.length; skip++)
      if (matchesAbridged(rest, actual.slice(skip))) return true;
    return false;
  }
  const [line, ...others] = actual;
  return line !== undefined && lineMatches(first, line) && matchesAbridged(rest, others);
}

function lineMatches(expected: string, actual: string): boolean {
  if (!expected.includes("…")) return expected === actual;
  const parts = expected.split("…");
  const pattern = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${pattern}$`).test(actual);
}

mkdirSync(join(root, ".scratch"), { recursive: true });
const shimDir = mkdtempSync(join(root, ".scratch", "readme-"));
writeFileSync(join(shimDir, "cfg"), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
chmodSync(join(shimDir, "cfg"), 0o755);
afterAll(() => rmSync(shimDir, { recursive: true, force: true }));

/** Runs one command as a reader's shell would, in `cwd`; `cd` moves the block on. */
function run(command: string, cwd: string): { output: string; cwd: string } {
  // On lines of their own, so that a command's trailing `# comment` comments out nothing else.
  const script = `exec 2>&1\n${command}\necho\necho "::cwd::$(pwd)"\n`;
  const result = spawnSync("sh", ["-c", script], {
    cwd,
    env: { PATH: `${shimDir}:${process.env.PATH ?? ""}`, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 30_000,
  });
  const [output = "", after = ""] = result.stdout.split(/\n?\n::cwd::/);
  return { output, cwd: after.trim() || cwd };
}

const blocks = markedBlocks(readme);

describe("the README's marked blocks", () => {
  it("every block that shows a command's output is marked, so none goes unchecked", () => {
    const unmarked: string[] = [];
    const lines = readme.split("\n");
    for (let i = 0, open = -1; i < lines.length; i++) {
      if (!lines[i]?.startsWith("```")) continue;
      if (open < 0) {
        open = i;
        continue;
      }
      const body = lines.slice(open + 1, i);
      const marked = lines[open - 1]?.startsWith("<!-- readme-run:") === true;
      if (!marked && body.some((line) => line.startsWith("$ "))) unmarked.push(`README.md:${open + 1}`);
      open = -1;
    }
    expect(unmarked).toEqual([]);
  });

  it("there are blocks to run, and each has commands", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks)
      expect(block.steps.length, `block at README.md:${block.line}`).toBeGreaterThan(0);
  });

  it.each(blocks.map((block) => [`README.md:${block.line} (${block.steps[0]?.command})`, block] as const))(
    "%s prints what the README shows",
    (_name, block) => {
      let cwd = join(root, block.dir);
      for (const step of block.steps) {
        if (block.notRun.some((name) => step.command.startsWith(`${name} `))) continue;
        const result = run(step.command, cwd);
        cwd = result.cwd;
        const actual = result.output === "" ? [] : result.output.replace(/\n$/, "").split("\n");
        const shown = `$ ${step.command}\n--- README ---\n${step.expected.join("\n")}\n--- printed ---\n${actual.join("\n")}`;
        expect(matchesAbridged(step.expected, actual), shown).toBe(true);
      }
    },
  );

  it("the fingerprint the running service returns, as the README shows it, is what cfg hash prints", () => {
    const block = blocks.find((b) => b.notRun.includes("curl"));
    const healthz = block?.steps.find((step) => step.command.startsWith("curl "))?.expected[0] ?? "";
    const shown = /"fingerprint":"([^"…]+)…?"/.exec(healthz)?.[1];
    expect(shown).toMatch(/^cfg2:sha256:[0-9a-f]+$/);
    const hash = run("cfg hash --env staging", join(root, "examples/service")).output;
    expect(hash).toContain(`staging  ${shown}`);
  });
});
