// Every file cfgkit generates passes cfgkit's own gate: `.env.example` lints clean under `cfg check --strict`,
// and writing `.env.example`, `SETTINGS.md`, a JSON Schema or a `cfg init` project leaves a project whose
// `cfg check --strict` still passes. Runs the built bin/cfg.js: `npm run build` first.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cfgBin, copyOfExample, copyOfProject } from "./_cli.js";

const generateFixture = resolve(import.meta.dirname, "../fixtures/cli-generate");
const scratch = resolve(import.meta.dirname, "../../.scratch");
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes every generated file into `dir`, then runs the strict gate on the project and on `.env.example`. */
function generateAndCheck(dir: string) {
  for (const argv of [
    ["example", "--write"],
    ["docs", "--write"],
  ]) {
    const result = cfgBin(argv, { cwd: dir });
    expect(result.code, `cfg ${argv.join(" ")}: ${result.stderr}`).toBe(0);
  }
  const schema = cfgBin(["schema"], { cwd: dir });
  expect(schema.code).toBe(0);
  writeFileSync(join(dir, "settings.schema.json"), schema.stdout);

  const example = cfgBin(["check", "--strict", ".env.example"], { cwd: dir });
  expect(example).toEqual({ code: 0, stdout: "✓ 0 errors, 0 warnings in .env.example\n", stderr: "" });
  const project = cfgBin(["check", "--strict"], { cwd: dir });
  expect(project.code, project.stdout + project.stderr).toBe(0);
  expect(project.stdout).toMatch(/^✓ 0 errors, 0 warnings in /);
  // What was written is what the generators would write again.
  expect(cfgBin(["example", "--check"], { cwd: dir }).code).toBe(0);
  expect(cfgBin(["docs", "--check"], { cwd: dir }).code).toBe(0);
}

describe("generated files pass cfg check --strict", () => {
  it("in the example project", () => {
    generateAndCheck(copyOfExample());
  });

  it("for a schema with groups, secrets, defaults that need quotes and JSON defaults", () => {
    const dir = copyOfProject(generateFixture);
    writeFileSync(join(dir, ".env"), "APP_ENV=development\nDATABASE_URL=postgres://u@h/d\n");
    generateAndCheck(dir);
  });

  it("in a project cfg init wrote", () => {
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(join(scratch, "generated-init-"));
    made.push(dir);
    writeFileSync(
      join(dir, ".env"),
      "# Where the API listens.\nAPI_PORT=8080\nAPI_TOKEN=CANARY-token-1234\n",
    );
    writeFileSync(join(dir, ".env.production"), "API_PORT=80\n");
    expect(cfgBin(["init"], { cwd: dir }).code).toBe(0);
    generateAndCheck(dir);
  });
});
