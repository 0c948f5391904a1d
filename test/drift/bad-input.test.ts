// Bad input to `cfg diff` (each a test): snapshots from a newer format, truncated or edited by hand, taken with
// another schema; the same operand twice; a baseline that is a symbolic link out of the project; an invalid
// environment. Clear errors on stderr, exit code 2 unless stated. Run `npm run build` first.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeScaleProject } from "../bench/fixtures/scale-project.mjs";
import { binPath, cfg, cfgBin, exampleDir } from "../cli/_cli.js";
import { copyOfExample, driftFixtures, removeDir, scratchRoot } from "./_drift.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function copy(...overlays: string[]): string {
  const dir = copyOfExample(...overlays);
  dirs.push(dir);
  return dir;
}

/** A copy of the example with a fresh staging snapshot in snap.json; returns the dir and the document. */
function withSnapshot(): {
  dir: string;
  snapshot: Record<string, unknown> & { settings: Record<string, unknown>[] };
} {
  const dir = copy();
  const result = cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir });
  expect(result.code).toBe(0);
  return { dir, snapshot: JSON.parse(readFileSync(join(dir, "snap.json"), "utf8")) };
}

function expectUsageError(result: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe("bad snapshots", () => {
  it("a snapshot from a newer format version: a clear error naming the file and what to do", () => {
    const { dir, snapshot } = withSnapshot();
    writeFileSync(join(dir, "snap.json"), JSON.stringify({ ...snapshot, version: 3 }));
    expectUsageError(
      cfgBin(["diff", "staging", "snap.json"], { cwd: dir }),
      /snap\.json was written by a newer cfgkit \(snapshot format 3; this version reads formats 1 to 2\): upgrade cfgkit/,
    );
  });

  it("a truncated snapshot: not valid JSON, file named", async () => {
    const { dir } = withSnapshot();
    const text = readFileSync(join(dir, "snap.json"), "utf8");
    writeFileSync(join(dir, "snap.json"), text.slice(0, Math.floor(text.length / 2)));
    expectUsageError(
      cfgBin(["diff", "staging", "snap.json"], { cwd: dir }),
      /^cfg: snap\.json is not valid JSON \(truncated or edited\?\)\n/,
    );
    writeFileSync(join(dir, "empty.json"), "");
    expectUsageError(
      await cfg(["diff", "staging", "empty.json"], { cwd: dir }),
      /empty\.json is not valid JSON \(it is empty\)/,
    );
  });

  it("a snapshot cut at a settings boundary (valid JSON, keys missing): its fingerprint no longer matches", () => {
    const { dir, snapshot } = withSnapshot();
    writeFileSync(
      join(dir, "snap.json"),
      JSON.stringify({ ...snapshot, settings: snapshot.settings.slice(0, 10) }),
    );
    expectUsageError(
      cfgBin(["diff", "staging", "snap.json"], { cwd: dir }),
      /snap\.json does not match its own fingerprint: its keys were edited by hand or it is incomplete/,
    );
  });

  it("a hand-edited per-key fingerprint: refused, file named", () => {
    const { dir, snapshot } = withSnapshot();
    const settings = snapshot.settings.map((s) =>
      s.envName === "APP_REQUEST_TIMEOUT_MS"
        ? { ...s, fingerprint: "sha256:00000000000000000000000000000000" }
        : s,
    );
    writeFileSync(join(dir, "snap.json"), JSON.stringify({ ...snapshot, settings }));
    expectUsageError(
      cfgBin(["diff", "staging", "snap.json"], { cwd: dir }),
      /snap\.json does not match its own fingerprint/,
    );
  });

  it("a hand-edited field of the wrong type: refused with the field named", () => {
    const { dir, snapshot } = withSnapshot();
    writeFileSync(join(dir, "snap.json"), JSON.stringify({ ...snapshot, settings: [{ path: 1 }] }));
    expectUsageError(
      cfgBin(["diff", "staging", "snap.json"], { cwd: dir }),
      /snap\.json is not a valid snapshot: settings\.0\.path: .* \(truncated or edited by hand\?\)/,
    );
  });

  it("a hand-edited value (fingerprint left alone): refused, not shown as the same", () => {
    const { dir, snapshot } = withSnapshot();
    const settings = snapshot.settings.map((s) =>
      s.envName === "APP_REQUEST_TIMEOUT_MS" ? { ...s, value: 1, display: "1" } : s,
    );
    writeFileSync(join(dir, "snap.json"), JSON.stringify({ ...snapshot, settings }));
    expectUsageError(cfgBin(["diff", "staging", "snap.json"], { cwd: dir }), /snap\.json/);
  });

  it("a snapshot taken with a different schema: the diff still runs and warns on stderr", () => {
    const other = copy();
    const settingsJs = join(other, "settings.js");
    writeFileSync(
      settingsJs,
      readFileSync(settingsJs, "utf8").replace(
        "requestTimeoutMs: z.coerce",
        'featureFlag: z.string().default("on"),\n    requestTimeoutMs: z.coerce',
      ),
    );
    const env = { CFG_FINGERPRINT_KEY: "bad-input-test-key" };
    expect(cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: other, env }).code).toBe(0);
    const result = cfgBin(["diff", "staging", join(other, "snap.json"), "--format", "json"], {
      cwd: exampleDir,
      env,
    });
    expect(result.stderr).toContain(
      "was taken with a different schema; keys that moved or changed type show as differences",
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { entries: { envName: string; status: string }[] };
    expect(report.entries).toEqual([
      expect.objectContaining({ envName: "APP_FEATURE_FLAG", status: "missing" }),
    ]);
  });

  it("a file that is not a snapshot, and one that does not exist", async () => {
    expectUsageError(
      await cfg(["diff", "staging", "package.json"], { cwd: join(exampleDir, "../..") }),
      /package\.json is not a cfgkit snapshot/,
    );
    expectUsageError(
      await cfg(["diff", "staging", "nope.json"], { cwd: exampleDir }),
      /snapshot nope\.json does not exist/,
    );
  });
});

describe("the same operand twice", () => {
  it("an environment named twice", () => {
    expectUsageError(cfgBin(["diff", "staging", "staging"], { cwd: exampleDir }), /"staging" is given twice/);
  });

  it("a snapshot file named twice, by two spellings of its path", () => {
    const { dir } = withSnapshot();
    expectUsageError(
      cfgBin(["diff", "snap.json", "./snap.json"], { cwd: dir }),
      /"\.\/snap\.json" is given twice/,
    );
  });

  it("standard input twice", async () => {
    expectUsageError(await cfg(["diff", "-", "-"], { cwd: exampleDir, input: "{}" }), /"-" is given twice/);
  });

  it("an environment named twice through an alias (stage = staging)", () => {
    expectUsageError(cfgBin(["diff", "stage", "staging"], { cwd: exampleDir }), /given twice/);
  });
});

describe("a snapshot on standard input is held to the limits of a snapshot file", () => {
  it("more than 1 MiB: refused by size, before it is parsed", () => {
    const big = `{"format":"cfgkit-snapshot","pad":"${"x".repeat(1024 * 1024)}"}`;
    expectUsageError(
      cfgBin(["diff", "staging", "-"], { cwd: exampleDir, input: big }),
      /snapshot on standard input is larger than the 1 MiB limit for a source file \(more arrived;/,
    );
  });

  it("a producer that never ends: refused once past the limit, and the command ends", () => {
    const result = spawnSync("sh", ["-c", `yes | "${process.execPath}" "${binPath}" diff staging -`], {
      cwd: exampleDir,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.signal, "cfg diff kept reading an endless standard input").toBeNull();
    expectUsageError(
      { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr },
      /snapshot on standard input is larger than the 1 MiB limit/,
    );
  });

  it("a key given twice: named with its line, as in a file", () => {
    expectUsageError(
      cfgBin(["diff", "staging", "-"], { cwd: exampleDir, input: '{\n"format": "a",\n"format": "b"\n}' }),
      /snapshot on standard input:3:\d+: .*"format"/,
    );
  });

  it("bytes that are not UTF-8", () => {
    const result = spawnSync(process.execPath, [binPath, "diff", "staging", "-"], {
      cwd: exampleDir,
      input: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      encoding: "utf8",
    });
    expectUsageError(
      { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr },
      /snapshot on standard input is not valid UTF-8 text/,
    );
  });
});

describe("the project's limits hold for the files the CLI reads beside it", () => {
  /** 6,000 keys: a snapshot and a lock file of over 1 MiB; `limits` raised in the definition, or the default. */
  function largeProject(raised: boolean): string {
    const dir = mkdtempSync(join(scratchRoot, "drift-large-"));
    dirs.push(dir);
    writeScaleProject(dir, 6000);
    if (!raised) {
      const settings = join(dir, "settings.js");
      writeFileSync(settings, readFileSync(settings, "utf8").replace(/, limits: \{[^}]*\}/, ""));
    }
    return dir;
  }

  it("a snapshot over 1 MiB is read once limits.maxFileBytes is raised, as the refusal advises", () => {
    const dir = largeProject(true);
    expect(cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir }).code).toBe(0);
    expect(statSync(join(dir, "snap.json")).size).toBeGreaterThan(1024 * 1024);
    const fromFile = cfgBin(["diff", "staging", "snap.json"], { cwd: dir });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toContain("✓ no differences");
    const fromStdin = cfgBin(["diff", "staging", "-"], {
      cwd: dir,
      input: readFileSync(join(dir, "snap.json"), "utf8"),
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
  });

  it("with the default limits the same snapshot is refused, naming the limit to raise", () => {
    const dir = largeProject(false);
    expect(cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir }).code).toBe(0);
    expectUsageError(
      cfgBin(["diff", "staging", "snap.json"], { cwd: dir }),
      /snapshot snap\.json is larger than the 1 MiB limit .*raise limits\.maxFileBytes/,
    );
  });

  it("a lock file over 1 MiB is checked once the limit is raised", () => {
    const dir = largeProject(true);
    expect(cfgBin(["hash", "--all", "--write", "cfg.lock.json"], { cwd: dir }).code).toBe(0);
    expect(statSync(join(dir, "cfg.lock.json")).size).toBeGreaterThan(1024 * 1024);
    const check = cfgBin(["hash", "--check", "cfg.lock.json"], { cwd: dir });
    expect(check.code, check.stderr).toBe(0);
  });
});

describe("a baseline that is a symbolic link out of the project", () => {
  function linkedOut(): { dir: string; outside: string; original: string } {
    const dir = copy();
    const outsideDir = mkdtempSync(join(scratchRoot, "drift-outside-"));
    dirs.push(outsideDir);
    const outside = join(outsideDir, "baseline.json");
    const original = `${JSON.stringify({ version: 1, accepted: [] })}\n`;
    writeFileSync(outside, original);
    symlinkSync(outside, join(dir, "cfg.drift-baseline.json"));
    return { dir, outside, original };
  }

  it("--accept refuses to write through it (exit 2) and leaves the outside file untouched", () => {
    const { dir, outside, original } = linkedOut();
    const result = cfgBin(["diff", "staging", "production", "--accept"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /refusing to (read baseline|write) cfg\.drift-baseline\.json: it leads outside the project/,
    );
    expect(readFileSync(outside, "utf8")).toBe(original);
  });

  it("reading it is refused too (exit 2): a file outside the repository must not silence drift", () => {
    const { dir } = linkedOut();
    const result = cfgBin(["diff", "staging", "production"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cfg\.drift-baseline\.json/);
  });

  it("a baseline that is not a baseline, or missing when named: exit 2", async () => {
    const dir = copy();
    writeFileSync(join(dir, "cfg.drift-baseline.json"), "[1,2]");
    expectUsageError(
      await cfg(["diff", "staging", "production"], { cwd: dir }),
      /baseline cfg\.drift-baseline\.json is not a cfg drift baseline/,
    );
    expectUsageError(
      await cfg(["diff", "staging", "production", "--baseline", "gone.json"], { cwd: dir }),
      /baseline gone\.json does not exist/,
    );
  });
});

describe("an invalid environment", () => {
  it("exits 1 and names the invalid keys as invalid", async () => {
    const dir = copy(join(driftFixtures, "canary-invalid"));
    const result = await cfg(["diff", "staging", "production", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { entries: { envName: string; verdict: string }[] };
    const invalid = report.entries.filter((e) => e.verdict === "invalid").map((e) => e.envName);
    expect(invalid.sort()).toEqual(["APP_POSTGRES__URL", "APP_REDIS__MAX_LEN"]);
    expect((await cfg(["diff", "staging", "production", "--fail-on", "none"], { cwd: dir })).code).toBe(0);
  });

  it("its valid keys still compare as typed values: only the seeded drift besides the invalid keys", async () => {
    const dir = copy(join(driftFixtures, "canary-invalid"));
    const result = await cfg(["diff", "staging", "production", "--format", "json"], { cwd: dir });
    const report = JSON.parse(result.stdout) as { entries: { envName: string; verdict: string }[] };
    expect(
      report.entries
        .filter((e) => e.verdict === "drift")
        .map((e) => e.envName)
        .sort(),
    ).toEqual(["APP_REQUEST_TIMEOUT_MS", "APP_RETRY__JITTER", "APP_RETRY__MAX_ATTEMPTS"]);
  });
});
