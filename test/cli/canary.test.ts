// A canary secret planted in a copy of the example (the webhook secret, a postgres URL password, a redis URL
// password reached through expansion of a secret-looking variable, an unknown APP_*_TOKEN, a config file, the
// process environment) must appear in no output of any command, in any format, with or without --debug, whether
// the run passes or fails. Child-process cases run the BUILT bin/cfg.js.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cfg, cfgBin, exampleDir } from "./_cli.js";

const CANARY = "CANARY-7c1d9e0f-secret";
// Pieces an encoder might leave whole: URL-encoded, base64 of the value, and the value's distinctive middle.
const CANARY_TRACES = [
  CANARY,
  encodeURIComponent(CANARY),
  Buffer.from(CANARY).toString("base64"),
  "7c1d9e0f",
];

const fixtures = resolve(import.meta.dirname, "../fixtures/cli");
const scratch = resolve(import.meta.dirname, "../../.scratch");
const copies: Record<"valid" | "invalid", string> = { valid: "", invalid: "" };

beforeAll(() => {
  mkdirSync(scratch, { recursive: true });
  for (const variant of ["valid", "invalid"] as const) {
    const dir = mkdtempSync(join(scratch, `cli-tests-canary-${variant}-`));
    cpSync(exampleDir, dir, { recursive: true });
    cpSync(join(fixtures, `canary-${variant}`), dir, { recursive: true });
    copies[variant] = dir;
  }
});

afterAll(() => {
  for (const dir of Object.values(copies)) if (dir) rmSync(dir, { recursive: true, force: true });
});

function expectNoCanary(result: CliResult, label: string): void {
  for (const trace of CANARY_TRACES) {
    expect(result.stdout, `${label}: stdout`).not.toContain(trace);
    expect(result.stderr, `${label}: stderr`).not.toContain(trace);
  }
}

const COMMANDS: string[][] = [
  ["check"],
  ["check", "--env", "staging", "--format", "json"],
  ["check", "--format", "github"],
  ["check", "--format", "markdown"],
  ["check", "--format", "sarif"],
  ["check", "--env", "staging", "--format", "gitlab"],
  ["check", "--format", "rdjsonl"],
  ["check", ".env.staging", "--strict"],
  ["print", "--env", "staging"],
  ["print", "--env", "staging", "--show-origin"],
  ["print", "--env", "staging", "--format", "json"],
  ["print", "--env", "staging", "--format", "json", "--show-origin"],
  ["print", "--env", "staging", "--format", "yaml"],
  ["print", "--env", "staging", "--format", "yaml", "--show-origin"],
  ["explain", "APP_WEBHOOK__SECRET", "--env", "staging"],
  ["explain", "webhook.secret", "--env", "staging", "--format", "json"],
  ["explain", "APP_POSTGRES__URL", "--env", "staging"],
  ["explain", "postgres.url", "--env", "staging", "--format", "json"],
  ["explain", "APP_REDIS__URL", "--env", "staging"],
  ["explain", "redis.url", "--env", "staging", "--format", "json"],
  ["explain", "APP_PAYMENTS__API_TOKEN", "--env", "staging"], // unknown: exit 2
  ["schema"],
];

describe.each(["valid", "invalid"] as const)("the canary, with %s settings", (variant) => {
  it("the valid copy passes and the invalid one fails, so both paths are covered", async () => {
    const result = await cfg(["check", "--env", "staging"], { cwd: copies[variant] });
    expect(result.code).toBe(variant === "valid" ? 0 : 1);
    // The last, unclosed-quote line wins: 23 characters, the quote included.
    if (variant === "invalid") expect(result.stdout).toContain("23 characters, needs at least 32");
    expectNoCanary(result, "check");
  });

  it.each(COMMANDS.map((argv) => [argv.join(" "), argv] as const))("cfg %s", async (label, argv) => {
    for (const debug of [[], ["--debug"]]) {
      const inProcess = await cfg([...debug, ...argv], { cwd: copies[variant] });
      expectNoCanary(inProcess, `in-process ${debug.join("")} ${label}`);
      expect(inProcess.code).toBeLessThanOrEqual(2);
      const child = cfgBin([...debug, ...argv], { cwd: copies[variant] });
      expectNoCanary(child, `bin ${debug.join("")} ${label}`);
      expect(child.code, `${label}\n${child.stderr}`).toBe(inProcess.code);
    }
  });

  it("from the process environment (--process-env), too", () => {
    const env = { APP_WEBHOOK__SECRET: CANARY, APP_POSTGRES__PASSWORD: CANARY, STRIPE_API_KEY: CANARY };
    for (const argv of [
      ["check", "--env", "staging", "--format", "json"],
      ["print", "--env", "staging", "--show-origin"],
      ["explain", "APP_WEBHOOK__SECRET", "--env", "staging", "--format", "json"],
    ]) {
      const result = cfgBin(["--debug", "--process-env", ...argv], { cwd: copies[variant], env });
      expectNoCanary(result, argv.join(" "));
      // The process environment wins, and its secret is too short: every run says so, by length.
      expect(result.code, argv.join(" ")).toBe(1);
      expect(result.stdout + result.stderr).toContain("22 characters, needs at least 32");
    }
  });
});

describe("the canary in GitHub's job summary", () => {
  it.each(["valid", "invalid"] as const)(
    "%s: the Markdown written to $GITHUB_STEP_SUMMARY holds none",
    (variant) => {
      const summary = join(copies[variant], "summary.md");
      writeFileSync(summary, "");
      const result = cfgBin(["--debug", "check", "--format", "github"], {
        cwd: copies[variant],
        env: { GITHUB_STEP_SUMMARY: summary },
      });
      expectNoCanary(result, "check --format github");
      const written = readFileSync(summary, "utf8");
      expect(written).toContain("### cfg check");
      for (const trace of CANARY_TRACES) expect(written).not.toContain(trace);
    },
  );
});

describe("the canary's redacted stand-ins", () => {
  it("print shows <secret> where the canary was, and explain lists the shadowed config-file candidate", async () => {
    const printed = await cfg(["print", "--env", "staging", "--format", "json"], { cwd: copies.valid });
    expect(JSON.parse(printed.stdout).settings).toMatchObject({
      postgres: { url: "<secret>" },
      redis: { url: "<secret>" },
      webhook: { secret: "<secret>" },
    });
    const explained = await cfg(["explain", "postgres.url", "--env", "staging", "--format", "json"], {
      cwd: copies.valid,
    });
    expect(JSON.parse(explained.stdout).candidates).toEqual([
      { origin: ".env.staging:5", value: "<secret>", status: "wins" },
      { origin: "config/staging.yaml:3", value: "<secret>", status: "shadowed by .env.staging:5" },
    ]);
  });
});
