import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, startService, waitFor } from "../_service.js";
import { cfg, cfgBin, copyOfExample, exampleDir } from "../cli/_cli.js";

const SEEDED = ["APP_REQUEST_TIMEOUT_MS", "APP_RETRY__JITTER", "APP_RETRY__MAX_ATTEMPTS"];
const EXPECTED = [
  "APP_ENV",
  "APP_LOGGING__LEVEL",
  "APP_POSTGRES__POOL__MAX",
  "APP_POSTGRES__SSL_MODE",
  "APP_POSTGRES__URL",
  "APP_REDIS__MAX_LEN",
  "APP_REDIS__URL",
  "APP_UPSTREAM__READ",
  "APP_UPSTREAM__TOTAL",
  "APP_WEBHOOK__SECRET",
];

interface JsonEntry {
  envName: string;
  status: string;
  policy: string;
  verdict: string;
  secret: boolean;
  values: { operand: string; set: boolean; value?: string; origin?: string; fingerprint?: string }[];
  majority?: { value: string; count: number; outliers: string[] };
}
interface JsonReport {
  version: number;
  operands: { name: string }[];
  summary: Record<string, number>;
  entries: JsonEntry[];
}

function lineOf(file: string, prefix: string): number {
  return (
    readFileSync(file, "utf8")
      .split("\n")
      .findIndex((line) => line.startsWith(prefix)) + 1
  );
}

function byVerdict(report: JsonReport, verdict: string): string[] {
  return report.entries
    .filter((e) => e.verdict === verdict)
    .map((e) => e.envName)
    .sort();
}

describe("cfg diff staging production on the example", () => {
  it("exits 1 with exactly the three seeded drifts; expected differences are classified expected (bin)", () => {
    const result = cfgBin(["diff", "staging", "production"], { cwd: exampleDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^cfg diff staging production: 3 drift, 0 invalid, 10 expected, 0 accepted/,
    );
    const rows = result.stdout.split("\n").filter((line) => /^[✗=~?] /.test(line));
    expect(
      rows
        .filter((r) => r.startsWith("✗"))
        .map((r) => r.split(/\s+/)[1])
        .sort(),
    ).toEqual(SEEDED);
    expect(
      rows
        .filter((r) => r.startsWith("="))
        .map((r) => r.split(/\s+/)[1])
        .sort(),
    ).toEqual(EXPECTED);
    expect(result.stdout).toMatch(
      /✗ APP_RETRY__MAX_ATTEMPTS\s+5\s+\.env\.staging:14\s+3\s+default\s+defaulted, forbidden/,
    );
  });

  it("json is versioned and names each drift with its policy, values and origins", async () => {
    const result = await cfg(["diff", "staging", "production", "--format", "json"], { cwd: exampleDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('"version": 1');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.version).toBe(1);
    expect(report.operands.map((o) => o.name)).toEqual(["staging", "production"]);
    expect(byVerdict(report, "drift")).toEqual(SEEDED);
    expect(byVerdict(report, "expected")).toEqual(EXPECTED);
    expect(report.summary).toMatchObject({ drift: 3, invalid: 0, expected: 10, accepted: 0 });
    const attempts = report.entries.find((e) => e.envName === "APP_RETRY__MAX_ATTEMPTS");
    expect(attempts).toMatchObject({
      policy: "forbidden",
      verdict: "drift",
      values: [
        { operand: "staging", set: true, value: "5", origin: ".env.staging:14" },
        { operand: "production", set: true, value: "3", origin: "default" },
      ],
    });
    const secrets = report.entries.filter((e) => e.secret);
    expect(secrets.map((e) => e.status)).toEqual(["secret-changed", "secret-changed", "secret-changed"]);
    for (const entry of secrets)
      for (const value of entry.values) expect(value).not.toHaveProperty("fingerprint");
  });

  it("--only drift hides the expected differences; --fail-on none exits 0", async () => {
    const only = await cfg(["diff", "staging", "production", "--only", "drift", "--format", "json"], {
      cwd: exampleDir,
    });
    expect(only.code).toBe(1);
    expect((JSON.parse(only.stdout) as JsonReport).entries.map((e) => e.envName).sort()).toEqual(SEEDED);
    const onlyText = cfgBin(["diff", "staging", "production", "--only", "drift"], { cwd: exampleDir });
    expect(onlyText.stdout).not.toContain("APP_ENV");
    expect(onlyText.stdout.split("\n").filter((l) => l.startsWith("✗"))).toHaveLength(3);
    const none = cfgBin(["diff", "staging", "production", "--fail-on", "none"], { cwd: exampleDir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("3 drift");
  });

  it("markdown: a heading with the verdict and one table row per difference", async () => {
    const result = await cfg(["diff", "staging", "production", "--format", "markdown"], { cwd: exampleDir });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("### cfg diff staging vs production: ❌ 3 drift, 0 invalid");
    expect(lines[2]).toBe("| Key | staging | production | Status |");
    const rows = lines.filter((l) => l.startsWith("| `"));
    expect(rows).toHaveLength(13);
    expect(rows).toContain(
      "| `APP_RETRY__MAX_ATTEMPTS` | `5` .env.staging:14 | `3` default | ✗ defaulted, forbidden |",
    );
    // Failing rows come first.
    expect(rows.slice(0, 3).every((row) => row.endsWith("|") && row.includes("✗"))).toBe(true);
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
  });

  it("github: one error annotation per drift, on the file (from the repository root) and line that set it", () => {
    const result = cfgBin(["diff", "staging", "production", "--format", "github"], { cwd: exampleDir });
    expect(result.code).toBe(1);
    const annotations = result.stdout.trimEnd().split("\n").sort();
    expect(annotations).toEqual(
      [
        `::error file=examples/service/.env.staging,line=${lineOf(join(exampleDir, ".env.staging"), "APP_REQUEST_TIMEOUT_MS=")},title=cfg drift (staging vs production)::APP_REQUEST_TIMEOUT_MS defaulted: staging=8000, production=3000`,
        `::error file=examples/service/.env.production,line=${lineOf(join(exampleDir, ".env.production"), "APP_RETRY__JITTER=")},title=cfg drift (staging vs production)::APP_RETRY__JITTER defaulted: staging="full", production="equal"`,
        `::error file=examples/service/.env.staging,line=${lineOf(join(exampleDir, ".env.staging"), "APP_RETRY__MAX_ATTEMPTS=")},title=cfg forbidden-drift (staging vs production)::APP_RETRY__MAX_ATTEMPTS defaulted, forbidden: staging=5, production=3`,
      ].sort(),
    );
  });

  it("patch: a unified diff whose changed lines are exactly the differing keys, same keys only as context", async () => {
    const json = JSON.parse(
      (await cfg(["diff", "staging", "production", "--format", "json"], { cwd: exampleDir })).stdout,
    ) as JsonReport;
    const result = cfgBin(["diff", "staging", "production", "--format", "patch"], { cwd: exampleDir });
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines).toContain("--- staging");
    expect(lines).toContain("+++ production");
    expect(lines.filter((l) => l.startsWith("@@"))).toHaveLength(1);
    const keysOf = (sign: string) =>
      lines
        .filter((l) => l.startsWith(sign) && !l.startsWith(`${sign}${sign}`))
        .map((l) => l.slice(1).split("=")[0])
        .sort();
    const changed = json.entries.map((e) => e.envName).sort();
    expect(keysOf("-")).toEqual(changed);
    expect(keysOf("+")).toEqual(changed);
    for (const context of lines.filter((l) => l.startsWith(" "))) {
      expect(changed).not.toContain(context.slice(1).split("=")[0]);
    }
    expect(result.stdout).toContain("-APP_RETRY__MAX_ATTEMPTS=5\n+APP_RETRY__MAX_ATTEMPTS=3\n");
  });

  it("patch with three operands is a usage error (exit 2, stderr)", () => {
    const result = cfgBin(["diff", "development", "staging", "production", "--format", "patch"], {
      cwd: exampleDir,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("--format patch compares exactly two operands");
  });

  it("a matrix of three environments: one column each, majority and outliers per key", async () => {
    const text = cfgBin(["diff", "development", "staging", "production"], { cwd: exampleDir });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/KEY\s+development\s+staging\s+production\s+STATUS/);
    expect(text.stdout).toMatch(
      /✗ APP_RETRY__MAX_ATTEMPTS\s+3\s+5\s+3\s+defaulted, forbidden\s+outliers: staging/,
    );
    const json = JSON.parse(
      (await cfg(["diff", "development", "staging", "production", "--format", "json"], { cwd: exampleDir }))
        .stdout,
    ) as JsonReport;
    expect(json.operands.map((o) => o.name)).toEqual(["development", "staging", "production"]);
    expect(byVerdict(json, "drift")).toEqual(SEEDED);
    const jitter = json.entries.find((e) => e.envName === "APP_RETRY__JITTER");
    expect(jitter?.majority).toEqual({ value: '"full"', count: 2, outliers: ["production"] });
  });
});

describe("--accept before the operands", () => {
  it("takes no operand for its file: `--accept staging production` accepts into the default baseline", () => {
    const dir = copyOfExample();
    const result = cfgBin(["diff", "--accept", "staging", "production"], { cwd: dir });
    expect(result.stderr).toContain("cfg: accepted 2 differences in cfg.drift-baseline.json");
    expect(JSON.parse(readFileSync(join(dir, "cfg.drift-baseline.json"), "utf8")).accepted).toHaveLength(2);
    const named = cfgBin(["diff", "--accept", "mine.json", "staging", "production"], { cwd: dir });
    expect(named.stderr).toContain("in mine.json");
  });
});

describe("a required key missing in one environment is invalid, whatever its drift policy", () => {
  /** The example with APP_REDIS__URL (policy `expected` from the ready-made redis schema) removed from staging. */
  function missingInStaging(): string {
    const dir = copyOfExample();
    const file = join(dir, ".env.staging");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^APP_REDIS__URL=.*\n/m, ""));
    return dir;
  }

  it("cfg diff counts it invalid and exits 1, --only drift and --fail-on invalid included", () => {
    const dir = missingInStaging();
    for (const extra of [[], ["--fail-on", "invalid"], ["--only", "drift"]]) {
      const result = cfgBin(["diff", "staging", "production", ...extra], { cwd: dir });
      expect(result.code, extra.join(" ")).toBe(1);
      expect(result.stdout).toMatch(/1 invalid/);
      expect(result.stdout).toMatch(/✗ APP_REDIS__URL\s+\(unset, invalid\)\s+<secret>.*invalid/);
    }
    const json = JSON.parse(
      cfgBin(["diff", "staging", "production", "--format", "json"], { cwd: dir }).stdout,
    );
    const entry = json.entries.find((e: JsonEntry) => e.envName === "APP_REDIS__URL");
    expect(entry).toMatchObject({ status: "invalid", verdict: "invalid", policy: "expected" });
    expect(entry.values[0]).toEqual({ operand: "staging", set: false, invalid: "is required but not set" });
  });

  it("missing in both: still invalid, not an empty diff", () => {
    const dir = missingInStaging();
    const file = join(dir, ".env.production");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^APP_REDIS__URL=.*\n/m, ""));
    const result = cfgBin(["diff", "staging", "production"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("✓");
    expect(result.stdout).toMatch(/✗ APP_REDIS__URL\s+\(unset, invalid\)\s+\(unset, invalid\)/);
  });

  it("a snapshot of the invalid environment says why it exits 1, and a diff against it is not clean", () => {
    const dir = missingInStaging();
    const snapshot = cfgBin(["snapshot", "--env", "staging", "-o", "staging.json"], { cwd: dir });
    expect(snapshot.code).toBe(1);
    expect(snapshot.stderr).toMatch(
      /staging is invalid \(1 error\):\n {2}✗ APP_REDIS__URL is required but not set/,
    );
    const diff = cfgBin(["diff", "production", "staging.json"], { cwd: dir });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/✗ APP_REDIS__URL\s+<secret>.*\(unset, invalid\)/);
    const same = cfgBin(["diff", "staging", "staging.json"], { cwd: dir });
    expect(same.code).toBe(1);
    expect(same.stdout).not.toContain("✓ no differences");
  });
});

describe("accepted-drift baseline", () => {
  it("--accept writes cfg.drift-baseline.json; then only the forbidden drift fails, until an accepted value changes", async () => {
    const dir = copyOfExample();
    const accept = cfgBin(["diff", "staging", "production", "--accept"], { cwd: dir });
    expect(accept.stderr).toContain(
      "cfg: accepted 2 differences in cfg.drift-baseline.json; 1 forbidden cannot be accepted",
    );
    expect(accept.code).toBe(1);
    const baseline = JSON.parse(readFileSync(join(dir, "cfg.drift-baseline.json"), "utf8")) as {
      version: number;
      accepted: { path: string; fingerprints: Record<string, string | null> }[];
    };
    expect(baseline.version).toBe(1);
    expect(baseline.accepted.map((a) => a.path).sort()).toEqual(["requestTimeoutMs", "retry.jitter"]);

    const after = await cfg(["diff", "staging", "production", "--format", "json"], { cwd: dir });
    expect(after.code).toBe(1);
    const report = JSON.parse(after.stdout) as JsonReport;
    expect(byVerdict(report, "drift")).toEqual(["APP_RETRY__MAX_ATTEMPTS"]);
    expect(byVerdict(report, "accepted")).toEqual(["APP_REQUEST_TIMEOUT_MS", "APP_RETRY__JITTER"]);
    const onlyDrift = await cfg(["diff", "staging", "production", "--only", "drift"], { cwd: dir });
    expect(onlyDrift.stdout).not.toContain("APP_RETRY__JITTER");

    // Fixing the forbidden one leaves nothing that fails.
    const staging = join(dir, ".env.staging");
    writeFileSync(
      staging,
      readFileSync(staging, "utf8").replace("APP_RETRY__MAX_ATTEMPTS=5", "APP_RETRY__MAX_ATTEMPTS=3"),
    );
    expect(cfgBin(["diff", "staging", "production"], { cwd: dir }).code).toBe(0);

    // Changing an accepted value re-opens it.
    const production = join(dir, ".env.production");
    writeFileSync(
      production,
      readFileSync(production, "utf8").replace("APP_RETRY__JITTER=equal", "APP_RETRY__JITTER=none"),
    );
    const reopened = await cfg(["diff", "staging", "production", "--format", "json"], { cwd: dir });
    expect(reopened.code).toBe(1);
    expect(byVerdict(JSON.parse(reopened.stdout) as JsonReport, "drift")).toEqual(["APP_RETRY__JITTER"]);
  });
});

describe("cfg hash", () => {
  it("--env staging equals the fingerprint the running example service serves at /healthz", async () => {
    const port = await freePort();
    const env = { CFG_ENV: "staging", APP_HTTP__PORT: String(port) };
    const run = startService(exampleDir, env);
    await waitFor(() => run.stdout().includes("listening"), 10_000);
    const body = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { fingerprint: string };
    // The service runs with its process environment (the port): cfg hash counts it with --process-env.
    const hash = cfgBin(["--process-env", "hash", "--env", "staging"], { cwd: exampleDir, env });
    expect(hash.code).toBe(0);
    expect(hash.stdout).toBe(`staging  ${body.fingerprint}\n`);
    // Without the process environment the port differs, and so does the fingerprint.
    const repo = cfgBin(["hash", "--env", "staging"], { cwd: exampleDir, env });
    expect(repo.stdout).not.toContain(body.fingerprint);
  });

  it("--all --write cfg.lock.json, then --check exits 0; after an edit it exits 1 naming the key", async () => {
    const dir = copyOfExample();
    const write = cfgBin(["hash", "--all", "--write", "cfg.lock.json"], { cwd: dir });
    expect(write.code).toBe(0);
    const lock = JSON.parse(readFileSync(join(dir, "cfg.lock.json"), "utf8")) as {
      version: number;
      environments: Record<string, { fingerprint: string; keys: Record<string, string> }>;
    };
    expect(lock.version).toBe(1);
    expect(Object.keys(lock.environments).sort()).toEqual(["development", "production", "staging"]);
    expect(cfgBin(["hash", "--check", "cfg.lock.json"], { cwd: dir }).code).toBe(0);

    const staging = join(dir, ".env.staging");
    writeFileSync(
      staging,
      readFileSync(staging, "utf8").replace("APP_REDIS__MAX_LEN=20000", "APP_REDIS__MAX_LEN=30000"),
    );
    const check = cfgBin(["hash", "--check", "cfg.lock.json"], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("cfg: staging no longer matches the lock: APP_REDIS__MAX_LEN (changed)");
    expect(check.stderr).not.toMatch(/development no longer|production no longer/);
    const inProcess = await cfg(["hash", "--check", "cfg.lock.json"], { cwd: dir });
    expect(inProcess.code).toBe(1);
  });

  it("is stable under equivalent spellings: 2000 for 2s, 0.1s for 100ms (only the origin changes)", () => {
    const dir = copyOfExample();
    const before = cfgBin(["hash", "--env", "staging", "--keys"], { cwd: dir }).stdout;
    const staging = join(dir, ".env.staging");
    writeFileSync(
      staging,
      `${readFileSync(staging, "utf8")}APP_UPSTREAM__CONNECT=2000\nAPP_RETRY__BASE_DELAY_MS=0.1s\n`,
    );
    expect(cfgBin(["hash", "--env", "staging", "--keys"], { cwd: dir }).stdout).toBe(before);
    writeFileSync(
      staging,
      readFileSync(staging, "utf8").replace("APP_UPSTREAM__CONNECT=2000", "APP_UPSTREAM__CONNECT=2001"),
    );
    const after = cfgBin(["hash", "--env", "staging", "--keys"], { cwd: dir }).stdout;
    expect(after).not.toBe(before);
    const changedLines = after.split("\n").filter((line, i) => line !== before.split("\n")[i]);
    expect(changedLines.map((line) => line.trim().split(/\s+/)[0])).toEqual([
      "staging",
      "APP_UPSTREAM__CONNECT",
    ]);
  });

  it("--keys prints one fingerprint per key; secrets only as present without CFG_FINGERPRINT_KEY", async () => {
    const result = await cfg(["hash", "--env", "staging", "--keys"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^staging {2}cfg2:sha256:[0-9a-f]{64}$/);
    expect(lines).toHaveLength(26);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}APP_REDIS__MAX_LEN\s+sha256:[0-9a-f]{32}$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}APP_WEBHOOK__SECRET\s+present$/));
    expect(result.stderr).toContain("secrets enter by presence only");
    const keyed = await cfg(["hash", "--env", "staging", "--keys", "--format", "json"], {
      cwd: exampleDir,
      env: { CFG_FINGERPRINT_KEY: "k".repeat(32) },
    });
    const json = JSON.parse(keyed.stdout) as {
      version: number;
      environments: { staging: { fingerprint: string; keys: Record<string, string> } };
    };
    expect(json.version).toBe(1);
    expect(json.environments.staging.keys["webhook.secret"]).toMatch(/^hmac:[0-9a-f]{32}$/);
    expect(json.environments.staging.fingerprint).not.toBe(lines[0]?.split(/\s+/)[1]);
  });
});
