// DESIGN.md §4's exit contract, cell by cell: the README's table of command × situation -> exit code is read
// from the README itself, and every cell is run (in-process, the same code bin/cfg.js runs). A row or a
// column the test does not know fails, so the table and the behaviour cannot drift apart.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cfg } from "../cli/_cli.js";
import { writeFiles } from "./_projects.js";

const README = resolve(import.meta.dirname, "../../README.md");
const SCRATCH = resolve(import.meta.dirname, "../../.scratch");

/** The README's table: situation -> command -> expected exit code (undefined for "–", not applicable). */
function readContract(): { commands: string[]; rows: Map<string, Map<string, number | undefined>> } {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf("#### Exit codes, command by command");
  expect(start, "the README has the exit-code table").toBeGreaterThan(0);
  // The table is the first run of `|` lines after the heading; later tables belong to other sections.
  const after = text.slice(start).split("\n");
  const first = after.findIndex((line) => line.startsWith("|"));
  const end = after.findIndex((line, i) => i > first && !line.startsWith("|"));
  const lines = after.slice(first, end === -1 ? undefined : end);
  const cells = (line: string) =>
    line
      .slice(1, -1)
      .split("|")
      .map((cell) => cell.trim());
  const [header, , ...body] = lines;
  const commands = cells(header as string).slice(1);
  const rows = new Map<string, Map<string, number | undefined>>();
  for (const line of body) {
    const [situation, ...codes] = cells(line);
    rows.set(
      situation as string,
      new Map(commands.map((command, i) => [command, codes[i] === "–" ? undefined : Number(codes[i])])),
    );
  }
  return { commands, rows };
}

const SETTINGS = `import { defineSettings } from "cfgkit";
import { z } from "zod";
export const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({ name: z.string(), port: z.coerce.number().int() }),
});
`;
const VALID = {
  "settings.mjs": SETTINGS,
  "cfg.config.json": '{ "settings": "./settings.mjs" }\n',
  ".env": "APP_NAME=orders\nAPP_PORT=8080\n",
  ".env.staging": "APP_PORT=8081\n",
  ".env.production": "APP_PORT=8081\n",
};

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project inside the repository (its imports of "cfgkit" and "zod" resolve), with generated files current. */
async function project(files: Record<string, string>, generate = true): Promise<string> {
  mkdirSync(SCRATCH, { recursive: true });
  const dir = mkdtempSync(join(SCRATCH, "exit-contract-"));
  made.push(dir);
  writeFiles(dir, files);
  if (generate) {
    expect((await cfg(["example", "--write"], { cwd: dir })).code).toBe(0);
    expect((await cfg(["docs", "--write"], { cwd: dir })).code).toBe(0);
  }
  return dir;
}

interface Situation {
  dir: () => Promise<string>;
  /** The environment the commands name. */
  environment?: string;
  /** Extra arguments: before the command (global options) and after it. */
  before?: string[];
  after?: string[];
}

const SITUATIONS: Record<string, Situation> = {
  "a valid project whose environments agree": { dir: () => project(VALID) },
  "a required key missing in one environment": {
    dir: () => project({ ...VALID, ".env": "APP_PORT=8080\n", ".env.production": "APP_NAME=orders\n" }),
  },
  "a value that differs between environments": {
    dir: () => project({ ...VALID, ".env.production": "APP_PORT=9090\n" }),
  },
  "a stale `.env.example` / `SETTINGS.md` (`--check`)": {
    dir: async () => {
      const dir = await project(VALID);
      writeFileSync(join(dir, ".env.example"), "APP_OLD=1\n");
      writeFileSync(join(dir, "SETTINGS.md"), "# out of date\n");
      return dir;
    },
  },
  "an unknown option": { dir: () => project(VALID), after: ["--no-such-option"] },
  "an environment no file names (`--env prodd`)": { dir: () => project(VALID), environment: "prodd" },
  "a directory that does not exist (`-C`)": {
    dir: () => project(VALID),
    before: ["-C", "does-not-exist"],
  },
  "an empty directory: no project config, schema or env file": { dir: () => project({}, false) },
  "`.env` files but no settings definition (untyped, raw text)": {
    dir: () =>
      project(
        {
          ".env": "APP_NAME=orders\n",
          ".env.staging": "APP_PORT=8081\n",
          ".env.production": "APP_PORT=8081\n",
        },
        false,
      ),
  },
  "no settings definition and no variable in any file": {
    dir: () => project({ ".env": "# empty\n", ".env.staging": "", ".env.production": "" }, false),
  },
  "a broken config file (`config/default.yaml`)": {
    dir: () => project({ ...VALID, "config/default.yaml": "name: [unclosed\n" }),
  },
  "an env file that cannot be read (a directory)": {
    dir: async () => {
      const dir = await project(VALID);
      rmSync(join(dir, ".env.staging"));
      mkdirSync(join(dir, ".env.staging"));
      return dir;
    },
  },
  "a required key missing, with `--exit-code-on-findings 3`": {
    dir: () => project({ ...VALID, ".env": "APP_PORT=8080\n", ".env.production": "APP_NAME=orders\n" }),
    before: ["--exit-code-on-findings", "3"],
  },
  "a stale `.env.example` / `SETTINGS.md`, with `--exit-code-on-findings 3`": {
    dir: async () => {
      const dir = await project(VALID);
      writeFileSync(join(dir, ".env.example"), "APP_OLD=1\n");
      writeFileSync(join(dir, "SETTINGS.md"), "# out of date\n");
      return dir;
    },
    after: ["--exit-code-on-findings", "3"],
  },
  "a required key missing, with `--exit-code-on-findings 2` (Terraform's convention)": {
    dir: () => project({ ...VALID, ".env": "APP_PORT=8080\n", ".env.production": "APP_NAME=orders\n" }),
    after: ["--exit-code-on-findings", "2"],
  },
  "a broken config file, with `--exit-code-on-findings 2` (errors become 1)": {
    dir: () => project({ ...VALID, "config/default.yaml": "name: [unclosed\n" }),
    before: ["--exit-code-on-findings", "2"],
  },
};

/** How each column runs, naming the environment `e` (staging unless the situation says otherwise). */
const COMMANDS: Record<string, (e: string) => string[]> = {
  check: (e) => ["check", "--env", e],
  diff: (e) => ["diff", e, "production"],
  hash: (e) => ["hash", "--env", e],
  print: (e) => ["print", "--env", e],
  explain: (e) => ["explain", "APP_NAME", "--env", e],
  snapshot: (e) => ["snapshot", "--env", e],
  example: () => ["example", "--check"],
  docs: () => ["docs", "--check"],
  schema: () => ["schema"],
};

const contract = readContract();

describe("the README's exit-code table holds, cell by cell", () => {
  it("names every command and only known situations", () => {
    expect(contract.commands).toEqual(Object.keys(COMMANDS));
    expect([...contract.rows.keys()]).toEqual(Object.keys(SITUATIONS));
  });

  for (const [name, codes] of contract.rows) {
    it(name, async () => {
      const situation = SITUATIONS[name];
      expect(situation, `a situation for the README row "${name}"`).toBeDefined();
      const { dir, environment = "staging", before = [], after = [] } = situation as Situation;
      const cwd = await dir();
      for (const [command, expected] of codes) {
        if (expected === undefined) continue;
        const argv = [...before, ...(COMMANDS[command] as (e: string) => string[])(environment), ...after];
        const result = await cfg(argv, { cwd });
        expect(result.code, `cfg ${argv.join(" ")}\n${result.stderr}`).toBe(expected);
        // The words agree with the code: no success mark on a failure, no stack trace for a user's mistake.
        if (expected !== 0) expect(result.stdout, argv.join(" ")).not.toMatch(/✓ (0 errors|no differences)/);
        expect(result.stderr, argv.join(" ")).not.toMatch(/^\s+at /m);
      }
    });
  }
});
