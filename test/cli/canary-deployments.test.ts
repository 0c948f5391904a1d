// Canary secrets kept where deployments keep them (a Kubernetes Secret's data and stringData, a $(VAR) that
// expands one, a Compose env_file, a KEY_FILE file, a secrets directory) appear in no output of any command,
// in any format, typed or untyped, whether the environment is valid (local) or not (cluster: a Secret holds a
// value the schema refuses).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cfg, cfgBin, exampleDir } from "./_cli.js";

const CANARY = "CANARY-7c1d9e0f-secret-long-enough-for-32";
const TRACES = [
  CANARY,
  encodeURIComponent(CANARY),
  Buffer.from(CANARY).toString("base64"),
  Buffer.from(`postgres-${CANARY}`).toString("base64"),
  "7c1d9e0f",
];

const fixture = resolve(import.meta.dirname, "../fixtures/sources/canary");
const scratch = resolve(import.meta.dirname, "../../.scratch");
let project = "";

beforeAll(() => {
  mkdirSync(scratch, { recursive: true });
  project = mkdtempSync(join(scratch, "cli-tests-canary-deployments-"));
  cpSync(exampleDir, project, { recursive: true });
  cpSync(fixture, project, { recursive: true });
  cfgBin(["--config", "cfg.canary.config.js", "snapshot", "--env", "local", "--output", "host-local.json"], {
    cwd: project,
  });
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

function expectNoCanary(result: CliResult, label: string): void {
  for (const trace of TRACES) {
    expect(result.stdout, `${label}: stdout`).not.toContain(trace);
    expect(result.stderr, `${label}: stderr`).not.toContain(trace);
  }
}

const perEnvironment = (env: string): string[][] => [
  ["check", "--env", env],
  ["check", "--env", env, "--format", "json"],
  ["check", "--env", env, "--format", "github"],
  ["check", "--env", env, "--format", "markdown"],
  ["print", "--env", env, "--show-origin"],
  ["print", "--env", env, "--format", "json", "--show-origin"],
  ["print", "--env", env, "--format", "yaml", "--show-origin"],
  ["hash", "--env", env, "--keys"],
  ["hash", "--env", env, "--keys", "--format", "json"],
  ["explain", "APP_POSTGRES__URL", "--env", env],
  ["explain", "APP_REDIS__URL", "--env", env, "--format", "json"],
  ["explain", "APP_WEBHOOK__SECRET", "--env", env, "--format", "json"],
  ["explain", "APP_LOGGING__FORMAT", "--env", env],
];

const COMMANDS: string[][] = [
  ...perEnvironment("local"),
  ...perEnvironment("cluster"),
  ["snapshot", "--env", "local"],
  ["snapshot", "--env", "cluster"],
  ["diff", "local", "cluster"],
  ["diff", "local", "cluster", "--format", "json"],
  ["diff", "local", "cluster", "--format", "markdown"],
  ["diff", "cluster", "host-local.json", "--format", "json"],
];

describe.each([
  ["typed", "cfg.canary.config.js"],
  ["untyped", "cfg.canary-untyped.config.json"],
])("deployment canaries, %s", (_mode, config) => {
  it.each(COMMANDS.map((argv) => [argv.join(" "), argv] as const))("cfg %s", async (label, argv) => {
    for (const debug of [[], ["--debug"]]) {
      const inProcess = await cfg(["--config", config, ...debug, ...argv], { cwd: project });
      expectNoCanary(inProcess, `in-process ${label}`);
      expect(inProcess.code).toBeLessThanOrEqual(2);
    }
    const child = cfgBin(["--config", config, ...argv], { cwd: project });
    expectNoCanary(child, `bin ${label}`);
  });
});

describe("the deployment canaries were really read", () => {
  it("local is valid and cluster is not, and each secret shows as <secret> from its source", async () => {
    const local = await cfg(["--config", "cfg.canary.config.js", "check", "--env", "local"], {
      cwd: project,
    });
    expect(local.code).toBe(0);
    const cluster = await cfg(["--config", "cfg.canary.config.js", "check", "--env", "cluster"], {
      cwd: project,
    });
    expect(cluster.code).toBe(1);
    expect(cluster.stdout).toContain(
      "APP_LOGGING__FORMAT is not valid (details withheld: the value is secret)",
    );
    const printed = await cfg(
      ["--config", "cfg.canary.config.js", "print", "--env", "local", "--format", "json", "--show-origin"],
      { cwd: project },
    );
    expect(printed.stdout).toContain("file:deploy/canary/webhook-secret");
    expect(printed.stdout).toContain("file:deploy/canary/secrets/redis__url");
    const untyped = await cfg(["--config", "cfg.canary-untyped.config.json", "print", "--env", "cluster"], {
      cwd: project,
    });
    // Innocent names, secret because a Secret holds them (or a $(VAR) expanded one).
    expect(untyped.stdout).toContain("APP_LOGGING__FORMAT=<secret>");
    expect(untyped.stdout).toContain("APP_EXTRA_NOTE=<secret>");
  });
});
