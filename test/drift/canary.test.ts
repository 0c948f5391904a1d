// A canary secret (the webhook secret and the password inside the postgres URL) appears in no output of
// `cfg diff` (every format), `cfg snapshot`, `cfg hash` (text, json, --keys) or an error, with or without
// --debug, passing or failing, in-process and through the built bin/cfg.js; nor in the files they write.
// And two secrets that differ only in length give byte-identical output: neither value nor length leaks.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cfg, cfgBin } from "../cli/_cli.js";
import { copyOfExample, driftFixtures, removeDir } from "./_drift.js";

const CANARY = "CANARY-3b9f1e7d";
const TRACES = [
  CANARY,
  "3b9f1e7d",
  encodeURIComponent(`${CANARY}-webhook-secret-value-0042`),
  Buffer.from(`${CANARY}-webhook-secret-value-0042`).toString("base64").slice(0, 24),
  Buffer.from(`${CANARY}-dbpass`).toString("base64").slice(0, 16),
  "webhook-secret-value-0042",
  "dbpass",
];
const KEY = { CFG_FINGERPRINT_KEY: "canary-test-fingerprint-key-0123456789" };

let valid = "";
let invalid = "";
beforeAll(async () => {
  valid = copyOfExample(join(driftFixtures, "canary"));
  invalid = copyOfExample(join(driftFixtures, "canary-invalid"));
  // A snapshot tree of each copy's staging, three hosts in two clusters, for the fleet commands below.
  for (const cwd of [valid, invalid]) {
    for (const [cluster, host] of [
      ["eu", "web-1"],
      ["eu", "web-2"],
      ["us", "web-3"],
    ] as const) {
      mkdirSync(join(cwd, "fleet", cluster, "orders/api"), { recursive: true });
      await cfg(["snapshot", "--env", "staging", "-o", `fleet/${cluster}/orders/api/${host}.json`], {
        cwd,
        env: KEY,
      });
    }
  }
});
afterAll(() => {
  for (const dir of [valid, invalid]) if (dir) removeDir(dir);
});

function expectNoCanary(texts: Record<string, string>): void {
  for (const [label, text] of Object.entries(texts))
    for (const trace of TRACES) expect(text, `${label} contains ${trace}`).not.toContain(trace);
}

function expectClean(result: CliResult, label: string): void {
  expectNoCanary({ [`${label}: stdout`]: result.stdout, [`${label}: stderr`]: result.stderr });
}

const FORMATS = ["text", "json", "markdown", "github", "patch", "sarif", "gitlab", "rdjsonl"];
const COMMANDS: string[][] = [
  ...FORMATS.map((format) => ["diff", "staging", "production", "--format", format]),
  ...FORMATS.map((format) => [
    "--debug",
    "diff",
    "staging",
    "production",
    "--format",
    format,
    "--only",
    "drift",
  ]),
  ["diff", "development", "staging", "production", "--format", "json"],
  ["diff", "development", "staging", "production"],
  ["snapshot", "--env", "staging"],
  ["snapshot", "--env", "production"],
  ...["text", "json", "markdown", "sarif", "github"].map((format) => [
    "diff",
    "staging",
    "fleet",
    "--format",
    format,
  ]),
  ["diff", "production", "fleet", "--group-by", "cluster", "--format", "json"],
  ["hash", "--env", "staging"],
  ["hash", "--all", "--keys"],
  ["hash", "--all", "--keys", "--format", "json"],
  ["hash", "--env", "staging", "--format", "k8s-annotation"],
  ["--debug", "hash", "--env", "staging", "--keys"],
  // Failing runs: usage and I/O errors.
  ["--debug", "diff", "staging"],
  ["--debug", "diff", "staging", "missing.json"],
  ["--debug", "diff", "staging", "production", "--fail-on", "sometimes"],
  ["--debug", "hash", "--check", "missing.lock.json"],
];

describe("the canary secret never appears", () => {
  for (const argv of COMMANDS) {
    it(`cfg ${argv.join(" ")} (valid and invalid copies, with and without CFG_FINGERPRINT_KEY)`, async () => {
      for (const cwd of [valid, invalid]) {
        expectClean(await cfg(argv, { cwd }), `${cwd === valid ? "valid" : "invalid"} in-process`);
        expectClean(await cfg(argv, { cwd, env: KEY }), "keyed in-process");
      }
    });
  }

  it("through bin/cfg.js: diff in every format, snapshot, hash, failing runs with --debug", () => {
    for (const cwd of [valid, invalid]) {
      for (const argv of COMMANDS.filter((_, i) => i % 3 === 0 || i >= COMMANDS.length - 4)) {
        expectClean(cfgBin(argv, { cwd }), `bin ${argv.join(" ")}`);
      }
    }
  });

  it("a failing diff (invalid staging) exits 1 and names the invalid secret without its value", async () => {
    const result = await cfg(["--debug", "diff", "staging", "production"], { cwd: invalid });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ APP_POSTGRES__URL\s+<secret> \(invalid\)/);
    expectClean(result, "invalid diff");
    const hash = cfgBin(["--debug", "hash", "--env", "staging"], { cwd: invalid });
    expect(hash.code).toBe(1);
    expect(hash.stderr).toContain("APP_POSTGRES__URL (postgres.url) at .env.staging:5");
    expectClean(hash, "invalid hash");
  });

  it("the process environment's copy of the secret (snapshot, --process-env diff) stays out as well", async () => {
    const env = { ...KEY, APP_WEBHOOK__SECRET: `${CANARY}-from-the-process-environment-42` };
    expectClean(cfgBin(["snapshot", "--env", "staging"], { cwd: valid, env }), "snapshot with process env");
    expectClean(
      await cfg(["--process-env", "diff", "staging", "production", "--format", "json"], { cwd: valid, env }),
      "diff --process-env",
    );
  });

  it("nor in GitHub's job summary", async () => {
    for (const cwd of [valid, invalid]) {
      const summary = join(cwd, "summary.md");
      writeFileSync(summary, "");
      const result = cfgBin(["diff", "staging", "production", "--format", "github"], {
        cwd,
        env: { ...KEY, GITHUB_STEP_SUMMARY: summary },
      });
      expectClean(result, "diff --format github");
      const written = readFileSync(summary, "utf8");
      expect(written).toContain("### cfg diff");
      expectNoCanary({ "job summary": written });
    }
  });

  it("nor in the files the commands write: snapshot, baseline, lock file", async () => {
    const dir = copyOfExample(join(driftFixtures, "canary"));
    try {
      for (const env of [{}, KEY]) {
        expect((await cfg(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir, env })).code).toBe(
          0,
        );
        await cfg(["diff", "staging", "production", "--accept"], { cwd: dir, env });
        expect(
          (await cfg(["hash", "--all", "--keys", "--write", "cfg.lock.json"], { cwd: dir, env })).code,
        ).toBe(0);
        const diffed = await cfg(["diff", "staging", "snap.json", "--format", "json"], { cwd: dir, env });
        expectClean(diffed, "diff against the snapshot");
        expectNoCanary({
          "snap.json": readFileSync(join(dir, "snap.json"), "utf8"),
          "cfg.drift-baseline.json": readFileSync(join(dir, "cfg.drift-baseline.json"), "utf8"),
          "cfg.lock.json": readFileSync(join(dir, "cfg.lock.json"), "utf8"),
        });
      }
    } finally {
      removeDir(dir);
    }
  });
});

describe("two secrets that differ only in length", () => {
  /** A copy of the example whose staging and production secrets are the same letter, `lengths` long. */
  function projectWith(lengths: { staging: number; production: number }): string {
    const dir = copyOfExample();
    for (const environment of ["staging", "production"] as const) {
      const file = join(dir, `.env.${environment}`);
      const n = lengths[environment];
      writeFileSync(
        file,
        readFileSync(file, "utf8")
          .replace(/^APP_WEBHOOK__SECRET=.*$/m, `APP_WEBHOOK__SECRET=${"w".repeat(n)}`)
          .replace(
            /^APP_POSTGRES__URL=.*$/m,
            `APP_POSTGRES__URL=postgres://orders:${"p".repeat(n)}@db.internal:5432/orders`,
          ),
      );
    }
    return dir;
  }

  let short = "";
  let long = "";
  beforeAll(() => {
    short = projectWith({ staging: 40, production: 41 });
    long = projectWith({ staging: 33, production: 64 });
  });
  afterAll(() => {
    for (const dir of [short, long]) if (dir) removeDir(dir);
  });

  // The two copies live in different folders, which CI formats name from the repository root; and the
  // finding identities of SARIF and GitLab hash that path.
  const normalize = (text: string, argv: string[]) => {
    const copyFree = text
      .replace(/"createdAt": "[^"]*"/, '"createdAt": "…"')
      .replace(/\.scratch\/[^/]+\//g, "<copy>/");
    return argv.includes("sarif") || argv.includes("gitlab")
      ? copyFree.replace(/"[0-9a-f]{64}"/g, '"<identity>"')
      : copyFree;
  };
  const SAME_OUTPUT: string[][] = [
    ...FORMATS.map((format) => ["diff", "staging", "production", "--format", format]),
    ["diff", "development", "staging", "production", "--format", "json"],
    ["snapshot", "--env", "staging"],
    ["snapshot", "--env", "production"],
    ["hash", "--all", "--keys"],
    ["hash", "--all", "--keys", "--format", "json"],
  ];

  for (const argv of SAME_OUTPUT) {
    it(`cfg ${argv.join(" ")}: identical output whatever the lengths, and no value`, async () => {
      const a = await cfg(argv, { cwd: short });
      const b = await cfg(argv, { cwd: long });
      expect(normalize(a.stdout, argv)).toBe(normalize(b.stdout, argv));
      expect(a.stderr).toBe(b.stderr);
      expect(a.code).toBe(b.code);
      for (const result of [a, b]) {
        expect(result.stdout + result.stderr).not.toMatch(/w{33}|p{33}/);
        expect(result.stdout + result.stderr).not.toMatch(/\b(33|40|41|64) (characters|chars)\b/);
      }
    });
  }

  it("with CFG_FINGERPRINT_KEY the secrets compare (differs), still without value or length", async () => {
    const a = await cfg(["diff", "staging", "production", "--format", "json"], { cwd: short, env: KEY });
    const b = await cfg(["diff", "staging", "production", "--format", "json"], { cwd: long, env: KEY });
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout) as { entries: { envName: string; status: string }[] };
    expect(report.entries.find((e) => e.envName === "APP_WEBHOOK__SECRET")?.status).toBe("secret-changed");
  });
});
