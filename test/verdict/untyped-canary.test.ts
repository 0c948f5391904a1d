// Untyped mode's outputs under the canary: without a schema, secret-looking names (in .env files, in config
// files by their path, in the process environment) and URLs with a password are redacted by the same rule as
// typed keys, in every command and format, and in the verdict's own messages about a broken file.
import { describe, expect, it } from "vitest";
import { type CliResult, cfgBin } from "../cli/_cli.js";
import { projectOf } from "./_projects.js";

const CANARY = "CANARY-5e2b8a41-untyped";
const TRACES = [CANARY, encodeURIComponent(CANARY), Buffer.from(CANARY).toString("base64"), "5e2b8a41"];

function expectNoCanary(result: CliResult, label: string): void {
  for (const trace of TRACES) {
    expect(result.stdout, `${label}: stdout`).not.toContain(trace);
    expect(result.stderr, `${label}: stderr`).not.toContain(trace);
  }
}

const FILES = {
  ".env": `API_TOKEN=${CANARY}\nDATABASE_URL=postgres://orders:${CANARY}@db.internal:5432/orders\nPORT=8080\n`,
  ".env.staging": `API_TOKEN=${CANARY}-staging\nSTRIPE_SECRET=${CANARY}\nPORT=8081\n`,
  ".env.production": `STRIPE_SECRET=${CANARY}-production\nPORT=8082\n`,
  "config/default.json": JSON.stringify({ db: { password: CANARY, host: "db" }, signing: { key: CANARY } }),
  "config/production.yaml": `db:\n  password: ${CANARY}-yaml\n`,
};

const COMMANDS: string[][] = [
  ["check"],
  ["check", "--format", "json"],
  ["check", "--format", "github"],
  ["check", "--format", "markdown"],
  ["print", "--env", "staging"],
  ["print", "--env", "production", "--show-origin"],
  ["print", "--env", "production", "--format", "json"],
  ["print", "--env", "production", "--format", "yaml", "--show-origin"],
  ["diff", "staging", "production"],
  ["diff", "development", "staging", "production", "--format", "json"],
  ["diff", "staging", "production", "--format", "markdown"],
  ["diff", "staging", "production", "--format", "github"],
  ["diff", "staging", "production", "--format", "patch"],
  ["hash", "--keys"],
  ["hash", "--keys", "--format", "json"],
  ["explain", "STRIPE_SECRET", "--env", "staging"],
  ["explain", "db.password", "--env", "production", "--format", "json"],
  ["explain", "DATABASE_URL"],
  ["snapshot", "--env", "staging"],
  ["snapshot", "--env", "production"],
];

describe("untyped mode never prints a secret", () => {
  it.each(COMMANDS.map((argv) => [argv.join(" "), argv] as const))("cfg %s", (label, argv) => {
    const dir = projectOf(FILES);
    const result = cfgBin(["--debug", ...argv], { cwd: dir });
    expect(result.code, `${label}\n${result.stderr}`).toBeLessThanOrEqual(1);
    expectNoCanary(result, label);
  });

  it("the secrets are there, redacted, and they still count in a diff", () => {
    const dir = projectOf(FILES);
    const printed = JSON.parse(
      cfgBin(["print", "--env", "staging", "--format", "json"], { cwd: dir }).stdout,
    );
    expect(printed.settings).toMatchObject({
      API_TOKEN: "<secret>",
      STRIPE_SECRET: "<secret>",
      db: { password: "<secret>", host: "db" },
      signing: { key: "<secret>" },
    });
    expect(printed.settings.DATABASE_URL).not.toContain(CANARY);
    const diff = JSON.parse(
      cfgBin(["diff", "staging", "production", "--format", "json"], {
        cwd: dir,
        env: { CFG_FINGERPRINT_KEY: "untyped-canary-key-0123456789abcdef" },
      }).stdout,
    );
    const paths = diff.entries.map((entry: { path: string }) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(["STRIPE_SECRET", "db.password", "PORT"]));
  });

  it("from the process environment, and in the message about a broken file", () => {
    const dir = projectOf({
      ...FILES,
      "config/default.yaml": `db:\n  password: ${CANARY}\n  host: [unclosed\n`,
    });
    const env = { GITHUB_TOKEN: CANARY, AWS_SECRET_ACCESS_KEY: CANARY };
    for (const argv of [
      ["--process-env", "print", "--format", "json"],
      ["--process-env", "diff", "staging", "production"],
      ["check", "--format", "json"],
      ["hash"],
      ["snapshot", "--env", "staging"],
      ["explain", "GITHUB_TOKEN"],
    ]) {
      const result = cfgBin(["--debug", ...argv], { cwd: dir, env });
      expect(result.code, argv.join(" ")).toBe(2);
      if (argv[0] === "check") {
        expect(JSON.parse(result.stdout).findings).toContainEqual(
          expect.objectContaining({
            rule: "unreadable-source",
            file: "config/default.yaml",
            line: 4,
            column: 1,
          }),
        );
      } else {
        expect(result.stderr).toContain("config/default.yaml:4:1");
      }
      expectNoCanary(result, argv.join(" "));
    }
  });
});
