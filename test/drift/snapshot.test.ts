// `cfg snapshot` and snapshots as `cfg diff` operands: a 0600, versioned, secret-free document that parses back;
// no drift against the repo when nothing changed; a host's own variables show as drift; stdin; and a fleet of
// snapshots with one outlier host. Run `npm run build` first (the example imports "cfgkit", the build).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SettingsDefinition } from "../../src/define.js";
import { resolveSettings } from "../../src/settings.js";
import { createSnapshot, SNAPSHOT_VERSION } from "../../src/snapshot.js";
import { parseSnapshot } from "../../src/snapshot-read.js";
import { cfg, cfgBin, exampleDir } from "../cli/_cli.js";
import { copyOfExample, removeDir } from "./_drift.js";

const SECRET_VALUES = [
  "staging-webhook-secret-7f3a9c2e5b8d1f40",
  "staging-db-password",
  "prod-webhook-secret-c41e8b7a2d9f6e3b5a0c",
  "change-me-in-the-vault",
];
const KEY = { CFG_FINGERPRINT_KEY: "snapshot-test-key-0123456789abcdef" };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function copy(): string {
  const dir = copyOfExample();
  dirs.push(dir);
  return dir;
}

describe("cfg snapshot", () => {
  it("-o writes a 0600, versioned JSON document that parseSnapshot accepts, with no secret value", () => {
    const dir = copy();
    const result = cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^cfg: wrote snap\.json \(25 keys, cfg2:sha256:[0-9a-f]{64}\)\n$/);
    expect(statSync(join(dir, "snap.json")).mode & 0o777).toBe(0o600);
    const text = readFileSync(join(dir, "snap.json"), "utf8");
    const document = JSON.parse(text) as Record<string, unknown>;
    expect(document).toMatchObject({
      format: "cfgkit-snapshot",
      version: SNAPSHOT_VERSION,
      environment: "staging",
    });
    const snapshot = parseSnapshot(text, "snap.json");
    expect(snapshot.settings.find((s) => s.envName === "APP_WEBHOOK__SECRET")).toMatchObject({
      value: "<secret>",
      display: "<secret>",
      fingerprint: "present",
      secret: true,
    });
    for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps 0600 when it replaces an earlier snapshot, and secrets are keyed with CFG_FINGERPRINT_KEY", () => {
    const dir = copy();
    writeFileSync(join(dir, "snap.json"), "{}\n", { mode: 0o644 });
    expect(cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir }).code).toBe(0);
    expect(statSync(join(dir, "snap.json")).mode & 0o777).toBe(0o600);
    expect(cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir, env: KEY }).code).toBe(0);
    expect(statSync(join(dir, "snap.json")).mode & 0o777).toBe(0o600);
    const snapshot = parseSnapshot(readFileSync(join(dir, "snap.json"), "utf8"), "snap.json");
    expect(snapshot.fingerprintKeyId).toMatch(/^[0-9a-f]{12}$/);
    expect(snapshot.settings.find((s) => s.envName === "APP_WEBHOOK__SECRET")?.fingerprint).toMatch(/^hmac:/);
  });
});

describe("cfg -C <dir> (run as if started in <dir>)", () => {
  it("snapshot -o and snapshot operands resolve inside the -C directory", async () => {
    const elsewhere = copy();
    const dir = copy();
    const written = await cfg(["-C", dir, "snapshot", "--env", "staging", "-o", "snap.json"], {
      cwd: elsewhere,
    });
    expect(written.code).toBe(0);
    expect(readdirSync(elsewhere)).not.toContain("snap.json");
    expect(readdirSync(dir)).toContain("snap.json");
    const diffed = await cfg(["-C", dir, "diff", "staging", "snap.json"], { cwd: elsewhere });
    expect(diffed.stderr).not.toContain("does not exist");
    expect(diffed.code).toBe(0);
  });
});

describe("cfg diff with snapshots", () => {
  it("no drift against the environment it was taken from (secrets not comparable without a key)", () => {
    const dir = copy();
    cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir });
    const result = cfgBin(["diff", "staging", "snap.json", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      summary: Record<string, number>;
      entries: { verdict: string }[];
    };
    expect(report.summary.drift).toBe(0);
    expect(report.entries.every((e) => e.verdict === "not-comparable")).toBe(true);
  });

  it("with the same CFG_FINGERPRINT_KEY, secrets compare too: no entries at all", () => {
    const dir = copy();
    cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir, env: KEY });
    const result = cfgBin(["diff", "staging", "snap.json"], { cwd: dir, env: KEY });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✓ no differences");
  });

  it("a variable set in the host's process environment drifts, with process.env as its origin", () => {
    const dir = copy();
    cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], {
      cwd: dir,
      env: { ...KEY, APP_REQUEST_TIMEOUT_MS: "9000" },
    });
    const result = cfgBin(["diff", "staging", "snap.json", "--format", "json"], { cwd: dir, env: KEY });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      entries: { envName: string; verdict: string; values: { value?: string; origin?: string }[] }[];
    };
    expect(report.entries).toHaveLength(1);
    expect(report.entries[0]).toMatchObject({
      envName: "APP_REQUEST_TIMEOUT_MS",
      verdict: "drift",
      values: [
        { value: "8000", origin: ".env.staging:13" },
        { value: "9000", origin: "process.env" },
      ],
    });
  });

  it("reads a snapshot from standard input: cfg snapshot --env staging | cfg diff staging -", async () => {
    const snapshot = cfgBin(["snapshot", "--env", "staging"], { cwd: exampleDir, env: KEY });
    expect(snapshot.code).toBe(0);
    const result = cfgBin(["diff", "staging", "-"], { cwd: exampleDir, env: KEY, input: snapshot.stdout });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^cfg diff staging stdin: 0 drift/);
    expect(result.stdout).toContain("✓ no differences");
    const inProcess = await cfg(["diff", "staging", "-"], {
      cwd: exampleDir,
      env: KEY,
      input: snapshot.stdout,
    });
    expect(inProcess.code).toBe(0);
  });

  it("a fleet: many snapshots of one environment give the majority value and name the outlier host", async () => {
    const dir = copy();
    const { settings } = (await import(join(exampleDir, "settings.js"))) as { settings: SettingsDefinition };
    const files: string[] = [];
    for (const host of ["web-1", "web-2", "web-3", "web-4", "web-5"]) {
      const processEnv: Record<string, string> = host === "web-4" ? { APP_RETRY__JITTER: "none" } : {};
      const resolved = resolveSettings(settings, { env: "production", cwd: dir, processEnv });
      const snapshot = createSnapshot(settings, resolved, {
        cfgkitVersion: "0.1.0",
        host,
        now: new Date("2026-01-01T00:00:00Z"),
        key: KEY.CFG_FINGERPRINT_KEY,
      });
      writeFileSync(join(dir, `${host}.json`), `${JSON.stringify(snapshot, null, 2)}\n`);
      files.push(`${host}.json`);
    }
    const text = cfgBin(["diff", ...files], { cwd: dir, env: KEY });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /^cfg diff web-1\.json web-2\.json web-3\.json web-4\.json web-5\.json: 1 drift/,
    );
    expect(text.stdout).toMatch(
      /✗ APP_RETRY__JITTER\s+"equal"\s+"equal"\s+"equal"\s+"none"\s+"equal"\s+changed\s+outliers: web-4/,
    );
    const json = JSON.parse(
      cfgBin(["diff", ...files, "--format", "json"], { cwd: dir, env: KEY }).stdout,
    ) as {
      operands: { host?: string }[];
      entries: { envName: string; majority?: { value: string; count: number; outliers: string[] } }[];
    };
    expect(json.operands.map((o) => o.host)).toEqual(["web-1", "web-2", "web-3", "web-4", "web-5"]);
    expect(json.entries).toEqual([
      expect.objectContaining({
        envName: "APP_RETRY__JITTER",
        majority: { value: '"equal"', count: 4, outliers: ["web-4"] },
      }),
    ]);
  });
});
