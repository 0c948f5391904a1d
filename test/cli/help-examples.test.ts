// Every example every `--help` shows, run as written (pipes and redirections included) by a shell on a copy of
// the example project, with `cfg` on the PATH as the built bin/cfg.js: each must exit as the table says, and
// a few must print what they promise. A new example without a row here fails, so none goes untried.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binPath, cfgBin, copyExample } from "./_cli.js";

/** The commands whose help has examples, in an order where each example's inputs exist when it runs. */
const COMMANDS = ["", "check", "hash", "print", "explain", "snapshot", "diff", "example", "docs", "schema"];

/** Expected exit code of each example, and what its output must show where it promises something. */
const EXPECTED: Record<string, { code: number; stdout?: RegExp }> = {
  "cfg check --all": { code: 0, stdout: /^✓ 0 errors, 0 warnings in development, staging, production\n$/ },
  "cfg diff staging production": { code: 1, stdout: /3 drift/ },
  "cfg explain APP_REDIS__URL --env staging": { code: 0, stdout: /candidates, highest precedence first/ },
  "cfg hash --env production": { code: 0, stdout: /^production {2}cfg2:sha256:[0-9a-f]{64}\n$/ },
  "cfg print --env staging --show-origin": { code: 0, stdout: /^APP_ENV=staging +# \.env\.staging:1$/m },
  "cfg check": { code: 0 },
  "cfg check --env staging": { code: 0, stdout: /in staging\n$/ },
  "cfg check .env.production": { code: 0, stdout: /in \.env\.production\n$/ },
  "cfg check --all --format github": { code: 0, stdout: /^$/ },
  "cfg check --format sarif > cfg.sarif": { code: 0 },
  "cfg hash --env staging": { code: 0, stdout: /^staging {2}cfg2:sha256:/ },
  "cfg hash --all --keys": { code: 0, stdout: /APP_HTTP__PORT/ },
  "cfg hash --all --write cfg.lock.json": { code: 0 },
  "cfg hash --check cfg.lock.json": { code: 0 },
  "cfg hash --env production --format k8s-annotation": {
    code: 0,
    stdout: /^cfgkit\.dev\/config-fingerprint: cfg2:sha256:[0-9a-f]{64}\n$/,
  },
  "cfg print --env staging": { code: 0, stdout: /^APP_ENV=staging$/m },
  "cfg print --env production --show-origin": {
    code: 0,
    stdout: /^APP_ENV=production +# \.env\.production:1$/m,
  },
  // The JSON holds the settings under `settings`: the filter must print the http group, not `null`.
  "cfg print --env staging --format json | jq .settings.http": {
    code: 0,
    stdout: /^\{\n {2}"host": "127\.0\.0\.1",\n {2}"port": 8080\n\}\n$/,
  },
  "cfg explain APP_REDIS__MAX_LEN --env staging": { code: 0, stdout: /20000 {2}from \.env\.staging:6/ },
  "cfg explain redis.maxLen --env production --format json": {
    code: 0,
    stdout: /"envName": "APP_REDIS__MAX_LEN"/,
  },
  "cfg snapshot --env production -o web-1.json": { code: 0, stdout: /^$/ },
  "cfg snapshot --env staging > staging-web-2.json": { code: 0 },
  "cfg diff development staging production": { code: 1 },
  // Two snapshots of production hosts (made before this runs) agree: a fleet without outliers.
  "cfg diff snapshots/*.json": { code: 0 },
  "cfg diff production fleet/ --group-by cluster": {
    code: 0,
    stdout: /── cluster=eu-west \(3 operands\) ──[\s\S]*── cluster=us-east \(3 operands\) ──/,
  },
  "cfg diff production - < web-1.json": { code: 0, stdout: /0 drift/ },
  "cfg diff staging production --only drift --format markdown": { code: 1, stdout: /^### cfg diff/ },
  "cfg diff staging production --accept": { code: 1, stdout: /1 drift/ },
  "cfg example": { code: 0, stdout: /^# Generated from the settings schema/ },
  "cfg example --write": { code: 0 },
  "cfg example --check": { code: 0 },
  "cfg example --write --output .env.template": { code: 0 },
  "cfg docs": { code: 0, stdout: /^# Settings/ },
  "cfg docs --write": { code: 0 },
  "cfg docs --check": { code: 0 },
  "cfg docs --write --output CONFIGURATION.md": { code: 0 },
  "cfg schema > settings.schema.json": { code: 0 },
};

/** The example lines of one command's help, as written, without their trailing comments. */
function helpExamples(command: string): string[] {
  const help = cfgBin(command ? [command, "--help"] : ["--help"], { cwd: dir }).stdout;
  const section = help.split(/^Examples:\n/m)[1]?.split(/\n\n/)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("  cfg"))
    .map((line) => line.trim().split(/\s{2,}/)[0] ?? "");
}

const hasJq = spawnSync("jq", ["--version"]).status === 0;
let dir = "";
let shimDir = "";

beforeAll(() => {
  dir = copyExample();
  shimDir = join(dir, ".bin");
  mkdirSync(shimDir);
  writeFileSync(join(shimDir, "cfg"), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
  chmodSync(join(shimDir, "cfg"), 0o755);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runShell(line: string) {
  const result = spawnSync("sh", ["-c", line], {
    cwd: dir,
    env: { PATH: `${shimDir}:${process.env.PATH ?? ""}` },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("every --help example runs as written", () => {
  it("each example has a row in the table, and each row is an example", () => {
    const all = COMMANDS.flatMap(helpExamples);
    expect(new Set(all)).toEqual(new Set(Object.keys(EXPECTED)));
  });

  for (const command of COMMANDS) {
    it(`cfg ${command || "--help"}`.trim(), () => {
      for (const example of helpExamples(command)) {
        if (example.includes("| jq") && !hasJq) {
          console.warn(`skipped "${example}": jq is not installed`);
          continue;
        }
        if (example.startsWith("cfg diff snapshots/")) {
          mkdirSync(join(dir, "snapshots"), { recursive: true });
          copyFileSync(join(dir, "web-1.json"), join(dir, "snapshots/web-1.json"));
          copyFileSync(join(dir, "web-1.json"), join(dir, "snapshots/web-2.json"));
        }
        if (example.startsWith("cfg diff production fleet/")) {
          // A snapshot tree of two clusters, two hosts each, all in agreement with production.
          for (const cluster of ["eu-west", "us-east"]) {
            mkdirSync(join(dir, "fleet", cluster, "orders/api"), { recursive: true });
            for (const host of ["web-1", "web-2"])
              copyFileSync(
                join(dir, "web-1.json"),
                join(dir, "fleet", cluster, "orders/api", `${host}.json`),
              );
          }
        }
        const expected = EXPECTED[example];
        const result = runShell(example);
        expect(result.code, `${example}\n${result.stdout}${result.stderr}`).toBe(expected?.code);
        if (expected?.stdout) expect(result.stdout, example).toMatch(expected.stdout);
      }
    });
  }
});
