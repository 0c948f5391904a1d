// The reusable GitHub Action (examples/ci/action/action.yml) and the pre-commit hook (.pre-commit-hooks.yaml),
// each run as its platform runs it: the action's shell steps in order with their `if:` and `env:` evaluated
// from the inputs, the hook's entry on the files its `files:` pattern selects. `uses:` steps (setup-node, the
// SARIF upload) belong to GitHub and are only checked for what they are given.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repositoryRoot, sarifErrors } from "./_ci.js";
import { exampleDir } from "./_cli.js";

const scratch = join(repositoryRoot, ".scratch");
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder inside the repository (so the example's imports and `npx cfg` resolve) holding the example at services/api. */
function monorepo(edit?: (service: string) => void): string {
  mkdirSync(scratch, { recursive: true });
  const top = mkdtempSync(join(scratch, "ci-integration-"));
  made.push(top);
  const service = join(top, "services/api");
  cpSync(exampleDir, service, { recursive: true });
  edit?.(service);
  return top;
}

const breakStaging = (service: string) =>
  writeFileSync(
    join(service, ".env.staging"),
    `${readFileSync(join(service, ".env.staging"), "utf8")}APP_HTTP__PORT = 80\n`,
  );

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}
const action = parse(readFileSync(join(repositoryRoot, "examples/ci/action/action.yml"), "utf8")) as Action;

/** `${{ inputs.name }}` and `${{ inputs.name == 'value' }}`, the only expressions the action uses. */
function evaluate(expression: string, inputs: Record<string, string>): string {
  return expression.replace(
    /\$\{\{\s*inputs\.([\w-]+)(?:\s*==\s*'([^']*)')?\s*\}\}/g,
    (_, name: string, equals?: string) => {
      const value = inputs[name] ?? "";
      return equals === undefined ? value : String(value === equals);
    },
  );
}

/** Runs the action's shell steps as a composite action runs them: in order, stopping at the first failure. */
function runAction(given: Record<string, string>, env: Record<string, string>) {
  const inputs = {
    ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ""])),
    ...given,
  };
  const ran: { step: string; code: number; stdout: string; stderr: string }[] = [];
  const used: Step[] = [];
  for (const step of action.runs.steps) {
    if (step.if !== undefined && evaluate(step.if, inputs) !== "true") continue;
    if (step.uses) {
      used.push({
        ...step,
        with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(v, inputs)])),
      });
      continue;
    }
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, inputs)]),
    );
    const result = spawnSync("bash", ["-e", "-c", step.run ?? ""], {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, ...stepEnv },
      encoding: "utf8",
      timeout: 60_000,
    });
    ran.push({
      step: step.name ?? step.id ?? "?",
      code: result.status ?? -1,
      stdout: result.stdout,
      stderr: result.stderr,
    });
    if (result.status !== 0) break;
  }
  return { ran, used };
}

describe("the reusable GitHub Action", () => {
  it("is a composite action whose scripts take inputs only through env (no expression spliced into a script)", () => {
    expect(action.runs.using).toBe("composite");
    for (const step of action.runs.steps) {
      if (step.run !== undefined) {
        expect(step.shell).toBe("bash");
        expect(step.run).not.toContain("${{");
      }
    }
    expect(action.runs.steps[0]?.uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(action.outputs["exit-code"]?.value).toBe("${{ steps.gate.outputs.exit-code }}");
  });

  it("a broken environment: SARIF written and handed to the upload, annotations, summary, and the gate fails", () => {
    const top = monorepo(breakStaging);
    const outputs = join(top, "github-output");
    const summary = join(top, "summary.md");
    writeFileSync(outputs, "");
    const sarifFile = relative(repositoryRoot, join(top, "cfg.sarif"));
    const { ran, used } = runAction(
      {
        "working-directory": relative(repositoryRoot, join(top, "services/api")),
        install: "none",
        sarif: "true",
        "sarif-file": sarifFile,
      },
      { GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary },
    );
    expect(ran.map((r) => [r.step, r.code])).toEqual([
      ["Install", 0],
      ["cfg check (SARIF)", 0],
      ["cfg check", 1],
    ]);
    const sarif = JSON.parse(readFileSync(join(repositoryRoot, sarifFile), "utf8"));
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(used.map((u) => u.uses)).toEqual([
      "actions/setup-node@v4",
      "github/codeql-action/upload-sarif@v3",
    ]);
    expect(used[1]?.with).toEqual({ sarif_file: sarifFile, category: "cfgkit" });
    const gate = ran.at(-1);
    expect(gate?.stdout).toContain(
      `::error file=${relative(repositoryRoot, join(top, "services/api/.env.staging"))},line=`,
    );
    expect(readFileSync(outputs, "utf8")).toBe("exit-code=1\n");
    expect(readFileSync(summary, "utf8")).toMatch(/^### cfg check: ❌/);
  });

  it("a clean project passes; no SARIF step unless asked", () => {
    const top = monorepo();
    const outputs = join(top, "github-output");
    writeFileSync(outputs, "");
    const { ran, used } = runAction(
      {
        "working-directory": relative(repositoryRoot, join(top, "services/api")),
        install: "none",
        environments: "staging production",
      },
      { GITHUB_OUTPUT: outputs },
    );
    expect(ran.map((r) => [r.step, r.code])).toEqual([
      ["Install", 0],
      ["cfg check", 0],
    ]);
    expect(used.map((u) => u.uses)).toEqual(["actions/setup-node@v4"]);
    expect(readFileSync(outputs, "utf8")).toBe("exit-code=0\n");
  });

  it("a working directory with no project stops the job with exit 2, never a green check", () => {
    const top = monorepo();
    const { ran } = runAction(
      {
        "working-directory": relative(repositoryRoot, join(top, "services/typo")),
        install: "none",
        sarif: "true",
        "sarif-file": relative(repositoryRoot, join(top, "cfg.sarif")),
      },
      { GITHUB_OUTPUT: join(top, "github-output") },
    );
    expect(ran.at(-1)).toMatchObject({ step: "cfg check (SARIF)", code: 2 });
  });

  it("an install input it does not know is refused", () => {
    const { ran } = runAction({ install: "yarn" }, {});
    expect(ran[0]?.code).toBe(2);
    expect(ran[0]?.stdout).toContain('install must be "npm ci", "npm install" or "none"');
  });
});

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude: string;
}
const [hook] = parse(readFileSync(join(repositoryRoot, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];

/** Every file of a tree, relative to it, as `git ls-files` would list it. */
function filesOf(top: string, dir = top): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(top, path) : [relative(top, path)];
  });
}

/** The hook as pre-commit runs it: its entry, from the repository's top, with the files its patterns select. */
function runHook(top: string, files: string[]) {
  const selected = files.filter(
    (file) => new RegExp(hook?.files ?? "$^").test(file) && !new RegExp(hook?.exclude ?? "$^").test(file),
  );
  const result = spawnSync(resolve(repositoryRoot, hook?.entry ?? ""), selected, {
    cwd: top,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { selected, code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("the pre-commit hook", () => {
  it("is declared as pre-commit requires, and its files pattern selects env and config files only", () => {
    expect(hook).toMatchObject({ id: "cfg-check", language: "script" });
    expect(existsSync(join(repositoryRoot, hook?.entry ?? ""))).toBe(true);
    const matches = (file: string) =>
      new RegExp(hook?.files ?? "").test(file) && !new RegExp(hook?.exclude ?? "").test(file);
    for (const file of [
      ".env",
      ".env.staging",
      "services/api/.env.production.local",
      "config/default.yaml",
      "services/api/config/production.json",
      "cfg.config.ts",
    ])
      expect(matches(file), file).toBe(true);
    for (const file of [
      ".env.example",
      "services/api/.env.template",
      "src/config.ts",
      "config/README.md",
      "environment.ts",
      "app/.envrc/x",
    ])
      expect(matches(file), file).toBe(false);
  });

  it("on every file of a clean repository: the env and config files of the service are checked, exit 0", () => {
    const top = monorepo();
    const run = runHook(top, filesOf(top));
    expect(run.selected).toContain("services/api/.env.staging");
    expect(run.selected).toContain("services/api/cfg.config.js");
    expect(run.selected).not.toContain("services/api/.env.example");
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toMatch(/✓ 0 errors/);
  });

  it("a broken env file fails the commit, naming its line", () => {
    const top = monorepo(breakStaging);
    const run = runHook(top, ["services/api/.env.staging"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\.env\.staging:\d+:\d+ +error +APP_HTTP__PORT/m);
  });

  it("a broken config file checks the whole project and fails with exit 2 (nothing may pass unread)", () => {
    const top = monorepo((service) =>
      writeFileSync(join(service, "config/default.yaml"), "http: [unclosed\n"),
    );
    const run = runHook(top, ["services/api/config/default.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain("config/default.yaml");
  });

  it("a generated example file alone runs nothing", () => {
    const top = monorepo();
    const run = runHook(top, ["services/api/.env.example"]);
    expect(run).toMatchObject({ selected: [], code: 0, stdout: "" });
  });
});
