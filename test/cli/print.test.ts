// `cfg print`: the resolved settings of one environment as env, JSON or YAML, secrets as <secret>, origins on
// request; data on stdout, the report on stderr. Child-process cases run the BUILT bin/cfg.js.
import { type SpawnSyncOptionsWithStringEncoding, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { binPath, cfg, cfgBin, copyOfExample, exampleDir } from "./_cli.js";

const fixtures = resolve(import.meta.dirname, "../fixtures/cli");

const SECRET_VALUES = [
  "staging-webhook-secret-7f3a9c2e5b8d1f40",
  "staging-db-password",
  "cache.staging.internal", // the redis URL is secret as a whole
];

function expectNoSecret(text: string): void {
  for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
}

describe("cfg print --format env", () => {
  it("prints every resolved key as KEY=value, secrets as <secret>, nothing on stderr", async () => {
    const result = await cfg(["print", "--env", "staging"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toEqual(expect.arrayContaining(["APP_ENV=staging", "APP_HTTP__PORT=8080"]));
    expect(lines).toContain("APP_POSTGRES__URL=<secret>");
    expect(lines).toContain("APP_REDIS__URL=<secret>");
    expect(lines).toContain("APP_WEBHOOK__SECRET=<secret>");
    // Values from each layer: .env.staging beats .env, config/default.yaml fills in, defaults last.
    expect(lines).toContain("APP_LOGGING__LEVEL=debug");
    expect(lines).toContain("APP_LOGGING__FORMAT=json");
    expect(lines).toContain("APP_RETRY__BASE_DELAY_MS=100");
    expect(lines).toContain("APP_RETRY__JITTER=full");
    for (const line of lines) expect(line).toMatch(/^APP_[A-Z0-9_]+=\S*$/);
    expectNoSecret(result.stdout);
  });

  it("--show-origin adds file:line (or default) to each line", async () => {
    const result = await cfg(["print", "--env", "staging", "--show-origin"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    const origin = (key: string) =>
      lines.find((line) => line.startsWith(`${key}=`))?.replace(/^\S+\s+# /, "");
    expect(origin("APP_ENV")).toBe(".env.staging:1");
    expect(origin("APP_HTTP__HOST")).toBe(".env:2");
    expect(origin("APP_WEBHOOK__SECRET")).toBe(".env.staging:9");
    expect(origin("APP_RETRY__BASE_DELAY_MS")).toBe("config/default.yaml:8");
    expect(origin("APP_RETRY__JITTER")).toBe("default");
    // Aligned: every "#" in the same column.
    expect(new Set(lines.map((line) => line.indexOf("  # "))).size).toBe(1);
    expectNoSecret(result.stdout);
  });

  it("the environment comes from CFG_ENV, then NODE_ENV, then development; the shell's values stay out", async () => {
    expect((await cfg(["print"], { cwd: exampleDir })).stdout).toContain("APP_ENV=development\n");
    expect((await cfg(["print"], { cwd: exampleDir, env: { NODE_ENV: "production" } })).stdout).toContain(
      "APP_ENV=production\n",
    );
    const staging = await cfg(["print"], {
      cwd: exampleDir,
      env: { CFG_ENV: "staging", APP_HTTP__PORT: "9999" },
    });
    expect(staging.stdout).toContain("APP_ENV=staging\n");
    expect(staging.stdout).toContain("APP_HTTP__PORT=8080\n");
    const withEnv = await cfg(["--process-env", "print"], {
      cwd: exampleDir,
      env: { CFG_ENV: "staging", APP_HTTP__PORT: "9999" },
    });
    expect(withEnv.stdout).toContain("APP_HTTP__PORT=9999\n");
  });

  it("accepts an alias: --env prod is production", async () => {
    const result = await cfg(["print", "--env", "prod"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("APP_ENV=production\n");
    expect(result.stdout).toContain("APP_UPSTREAM__READ=20000\n");
  });
});

describe("cfg print --format json|yaml", () => {
  it("json: versioned, nested by schema path, secrets as <secret>", async () => {
    const result = await cfg(["print", "--env", "staging", "--format", "json"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const data = JSON.parse(result.stdout);
    expect(data).toMatchObject({
      version: 1,
      environment: "staging",
      settings: {
        env: "staging",
        http: { host: "127.0.0.1", port: 8080 },
        postgres: { url: "<secret>", pool: { max: 10 }, sslMode: "require" },
        redis: { url: "<secret>", maxLen: 20000, stream: "orders" },
        webhook: { secret: "<secret>" },
        retry: { maxAttempts: 5, retryableStatuses: [429, 503] },
        requestTimeoutMs: 8000,
      },
    });
    expectNoSecret(result.stdout);
  });

  it("yaml: the same data as json", async () => {
    const json = await cfg(["print", "--env", "production", "--format", "json"], { cwd: exampleDir });
    const yaml = await cfg(["print", "--env", "production", "--format", "yaml"], { cwd: exampleDir });
    expect(yaml.code).toBe(0);
    expect(yaml.stderr).toBe("");
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
    expect(yaml.stdout).toContain("url: <secret>");
  });

  it("json --show-origin: one entry per setting with envName, path, value and origin", async () => {
    const result = await cfg(["print", "--env", "staging", "--format", "json", "--show-origin"], {
      cwd: exampleDir,
    });
    const data = JSON.parse(result.stdout) as {
      version: number;
      settings: { envName: string; path: string; value: unknown; origin: string }[];
    };
    expect(data.version).toBe(1);
    expect(data.settings).toContainEqual({
      envName: "APP_REDIS__MAX_LEN",
      path: "redis.maxLen",
      value: 20000,
      origin: ".env.staging:6",
    });
    expect(data.settings).toContainEqual({
      envName: "APP_WEBHOOK__SECRET",
      path: "webhook.secret",
      value: "<secret>",
      origin: ".env.staging:9",
    });
    expect(data.settings).toContainEqual(
      expect.objectContaining({ path: "upstream.connect", origin: "config/default.yaml:3" }),
    );
  });

  it("yaml --show-origin parses to the json --show-origin data", async () => {
    const args = ["print", "--env", "staging", "--show-origin", "--format"];
    const json = await cfg([...args, "json"], { cwd: exampleDir });
    const yaml = await cfg([...args, "yaml"], { cwd: exampleDir });
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it("an unknown format is a usage error (exit 2) listing the choices", async () => {
    const result = await cfg(["print", "--format", "toml"], { cwd: exampleDir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/toml/);
    expect(result.stderr).toMatch(/env, json, yaml/);
  });
});

describe("cfg print on invalid settings", () => {
  function brokenCopy(): string {
    const dir = copyOfExample();
    const text = readFileSync(join(fixtures, "broken-staging/.env.staging"), "utf8");
    writeFileSync(join(dir, ".env.staging"), text.replace("__PWNED__", join(dir, "pwned")));
    return dir;
  }

  it("exit 1, the report on stderr naming each problem, stdout still only settings lines", async () => {
    const dir = brokenCopy();
    const result = await cfg(["print", "--env", "staging"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid settings for environment "staging"');
    expect(result.stderr).toContain("APP_REDIS__MAX_LEN (redis.maxLen) at .env.staging:6");
    expect(result.stderr).toContain("APP_UPSTREAM__READ (upstream.read) at .env.staging:19");
    expect(result.stderr).toContain("did you mean APP_REDIS__URL?");
    for (const line of result.stdout.trimEnd().split("\n")) expect(line).toMatch(/^APP_[A-Z0-9_]+=/);
    expect(result.stdout).not.toContain("Invalid settings");
    expectNoSecret(result.stdout + result.stderr);
  });

  it("json: stdout stays parseable JSON while the report goes to stderr (child process)", () => {
    const dir = brokenCopy();
    const result = cfgBin(["print", "--env", "staging", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toContain("APP_REDIS__MAX_LEN");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

// stdin ignored: bash reads ~/.bashrc when its stdin is a socket, as it is under some test runners.
const shellOptions: SpawnSyncOptionsWithStringEncoding = {
  encoding: "utf8",
  env: { PATH: process.env.PATH ?? "" },
  stdio: ["ignore", "pipe", "pipe"],
  timeout: 30_000,
};

describe("cfg print through the built bin", () => {
  it("the same output as in-process", async () => {
    const inProcess = await cfg(["print", "--env", "staging", "--show-origin"], { cwd: exampleDir });
    const child = cfgBin(["print", "--env", "staging", "--show-origin"], { cwd: exampleDir });
    expect(child).toEqual(inProcess);
  });

  it("a closed pipe ends quietly: `cfg print | head -1` exits 0 with nothing on stderr", () => {
    const result = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" "${binPath}" print --env staging | head -1; exit "\${PIPESTATUS[0]}"`],
      { cwd: exampleDir, ...shellOptions },
    );
    expect(result.stdout).toBe("APP_ENV=staging\n");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("a closed pipe with megabytes still to write (a real EPIPE) ends quietly too", () => {
    const dir = copyOfExample();
    // A long valid value: print writes well past the pipe's buffer after head has gone. It is over the
    // default limits (1 MiB a file, 64 KiB a value), so this copy of the example raises them.
    const settingsFile = join(dir, "settings.js");
    const raised = readFileSync(settingsFile, "utf8").replace(
      'prefix: "APP_",',
      'prefix: "APP_", limits: { maxFileBytes: 4_000_000, maxValueBytes: 4_000_000 },',
    );
    expect(raised).toContain("maxValueBytes");
    writeFileSync(settingsFile, raised);
    writeFileSync(join(dir, ".env.staging.local"), `APP_REDIS__STREAM=${"x".repeat(2_000_000)}\n`);
    for (const format of ["env", "json", "yaml"]) {
      const result = spawnSync(
        "bash",
        [
          "-c",
          `"${process.execPath}" "${binPath}" print --env staging --format ${format} | head -1; exit "\${PIPESTATUS[0]}"`,
        ],
        { cwd: dir, ...shellOptions },
      );
      expect(result.stderr, format).toBe("");
      expect(result.status, format).toBe(0);
      expect(result.stdout.split("\n")).toHaveLength(2);
    }
  });
});

describe("cfg print without a settings definition", () => {
  it("prints the raw layered values, untyped, and says so; secret-looking names stay redacted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cfgkit-untyped-"));
    try {
      writeFileSync(join(dir, ".env"), "PORT=3000\nDB_PASSWORD=CANARY-untyped-pw\n");
      writeFileSync(join(dir, ".env.staging"), "PORT=4000\n");
      const result = await cfg(["print", "--env", "staging", "--show-origin"], { cwd: dir });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^PORT=4000\s+# \.env\.staging:1$/m);
      expect(result.stdout).toMatch(/^DB_PASSWORD=<secret>\s+# \.env:2$/m);
      expect(result.stdout + result.stderr).not.toContain("CANARY-untyped-pw");
      expect(result.stderr).toContain("no settings definition found");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("per-environment files from the project config", () => {
  it("an environment reads exactly the files its entry lists", async () => {
    const dir = copyOfExample();
    writeFileSync(
      join(dir, "cfg.config.js"),
      'import { settings } from "./settings.js";\nexport default { settings, environments: { staging: { files: [".env", ".env.staging", "deploy.env"] } } };\n',
    );
    writeFileSync(join(dir, "deploy.env"), "APP_LOGGING__LEVEL=warn\n");
    const result = cfgBin(["print", "--env", "staging", "--show-origin"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^APP_LOGGING__LEVEL=warn\s+# deploy\.env:1$/m);
  });
});
