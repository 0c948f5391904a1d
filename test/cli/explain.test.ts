// `cfg explain KEY`: every candidate for one key across all layers, in precedence order, with file:line, the
// winner, what it shadowed, and empty values treated as unset. Child-process cases run the BUILT bin/cfg.js.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cfg, cfgBin, exampleDir } from "./_cli.js";

const fixtures = resolve(import.meta.dirname, "../fixtures/cli");
const scratch = resolve(import.meta.dirname, "../../.scratch");
const tempDirs: string[] = [];

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The example plus the fixture's `.env.local` (APP_LOGGING__FORMAT=pretty) and `.env.staging.local`
 * (APP_LOGGING__FORMAT= empty, APP_RETRY__BASE_DELAY_MS=250ms).
 */
function layeredCopy(): string {
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, "cli-tests-"));
  tempDirs.push(dir);
  cpSync(exampleDir, dir, { recursive: true });
  const layers = join(fixtures, "explain-layers");
  for (const file of readdirSync(layers)) cpSync(join(layers, file), join(dir, file));
  return dir;
}

interface Explained {
  version: number;
  environment: string;
  envName: string;
  path: string;
  secret: boolean;
  expects: { type: string; required: boolean; defaultText?: string; description?: string };
  value: string;
  origin: string;
  valid: boolean;
  problems: string[];
  candidates: { origin: string; value: string; status: string }[];
  notSetIn: string[];
}

describe("cfg explain", () => {
  it("by env name: candidates highest precedence first, the winner, the shadowed, the empty one", async () => {
    const result = await cfg(["explain", "APP_LOGGING__FORMAT", "--env", "staging"], { cwd: layeredCopy() });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("APP_LOGGING__FORMAT  (logging.format)  in staging");
    expect(result.stdout).toMatch(/expects\s+one of json, pretty, default "json"/);
    expect(result.stdout).toMatch(/value\s+"pretty"\s+from \.env\.local:2\s+valid/);
    const start = lines.indexOf("  candidates, highest precedence first:");
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 4)).toEqual([
      expect.stringMatching(/^ {6}\.env\.staging\.local:2\s+""\s+empty: treated as unset$/),
      expect.stringMatching(/^ {4}✓ \.env\.local:2\s+"pretty"\s+wins$/),
      expect.stringMatching(/^ {6}\.env:5\s+"json"\s+shadowed by \.env\.local:2$/),
    ]);
    expect(result.stdout).toContain("not set in: config/default.yaml, .env.staging");
  });

  it("by schema path, with a config-file candidate shadowed by a .env file", async () => {
    const result = await cfg(["explain", "retry.baseDelayMs", "--env", "staging", "--format", "json"], {
      cwd: layeredCopy(),
    });
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout) as Explained;
    expect(data).toMatchObject({
      version: 1,
      environment: "staging",
      envName: "APP_RETRY__BASE_DELAY_MS",
      path: "retry.baseDelayMs",
      secret: false,
      value: "250",
      origin: ".env.staging.local:3",
      valid: true,
      problems: [],
      expects: { required: false, defaultText: "200" },
    });
    expect(data.candidates).toEqual([
      { origin: ".env.staging.local:3", value: '"250ms"', status: "wins" },
      { origin: "config/default.yaml:8", value: '"100ms"', status: "shadowed by .env.staging.local:3" },
      { origin: "default", value: "200", status: "shadowed by .env.staging.local:3" },
    ]);
    expect(data.notSetIn).toEqual([".env", ".env.local", ".env.staging"]);
  });

  it("json: the empty candidate and the shadowed one, in precedence order", async () => {
    const result = await cfg(["explain", "logging.format", "--env", "staging", "--format", "json"], {
      cwd: layeredCopy(),
    });
    const data = JSON.parse(result.stdout) as Explained;
    expect(data.candidates.map((c) => [c.origin, c.status])).toEqual([
      [".env.staging.local:2", "empty: treated as unset"],
      [".env.local:2", "wins"],
      [".env:5", "shadowed by .env.local:2"],
      ["default", "shadowed by .env.local:2"],
    ]);
  });

  it("the env name and the path explain the same leaf, in any letter case", async () => {
    const byName = await cfg(["explain", "APP_REDIS__MAX_LEN", "--env", "staging", "--format", "json"], {
      cwd: exampleDir,
    });
    const byPath = await cfg(["explain", "redis.maxLen", "--env", "staging", "--format", "json"], {
      cwd: exampleDir,
    });
    const lower = await cfg(["explain", "app_redis__max_len", "--env", "staging", "--format", "json"], {
      cwd: exampleDir,
    });
    expect(byPath.stdout).toBe(byName.stdout);
    expect(lower.stdout).toBe(byName.stdout);
    expect(JSON.parse(byName.stdout)).toMatchObject({ value: "20000", origin: ".env.staging:6" });
  });

  it("a key only the schema default sets says so", async () => {
    const result = await cfg(["explain", "APP_RETRY__JITTER", "--env", "staging"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/value\s+"full"\s+from default/);
    expect(result.stdout).toMatch(/✓ default\s+"full"\s+wins/);
  });

  it("a secret: every candidate's value is <secret>", async () => {
    const result = await cfg(["explain", "postgres.url", "--env", "production", "--format", "json"], {
      cwd: exampleDir,
    });
    const data = JSON.parse(result.stdout) as Explained;
    expect(data.secret).toBe(true);
    expect(data.value).toBe("<secret>");
    expect(data.candidates.map((c) => c.value)).toEqual(["<secret>"]);
    expect(result.stdout).not.toContain("change-me-in-the-vault");
  });

  it("an unknown key: exit 2 with did-you-mean, nothing on stdout", async () => {
    const result = await cfg(["explain", "APP_REDIS__MAXLEN", "--env", "staging"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "cfg: APP_REDIS__MAXLEN is not a setting of this schema; did you mean APP_REDIS__MAX_LEN?\n",
    );
    const byPath = await cfg(["explain", "redis.maxlength", "--env", "staging"], { cwd: exampleDir });
    expect(byPath.code).toBe(2);
    expect(byPath.stderr).toMatch(/did you mean (redis\.maxLen|APP_REDIS__MAX_LEN)\?/);
  });

  it("an invalid winner: exit 1, `invalid` with the problem", async () => {
    const result = await cfg(["--process-env", "explain", "APP_REDIS__MAX_LEN", "--env", "staging"], {
      cwd: exampleDir,
      env: { APP_REDIS__MAX_LEN: "12" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/value\s+12\s+from process\.env.*invalid: /);
    expect(result.stdout).toMatch(/shadowed by process\.env/);
  });

  it("through the built bin: the same text, exit 0", async () => {
    const dir = layeredCopy();
    const child = cfgBin(["explain", "APP_LOGGING__FORMAT", "--env", "staging"], { cwd: dir });
    const inProcess = await cfg(["explain", "APP_LOGGING__FORMAT", "--env", "staging"], { cwd: dir });
    expect(child).toEqual(inProcess);
  });

  it("through the built bin: an unknown key exits 2 with the hint and no stack", () => {
    const result = cfgBin(["explain", "APP_REDIS__URLL", "--env", "staging"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("did you mean APP_REDIS__URL?");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("a missing KEY argument is a usage error", async () => {
    const result = await cfg(["explain"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'key'/);
  });
});
