// Issue 7's false all-clears, each as a user runs it: bin/cfg.js as a child process on real files. Every case
// here passed ("✓", exit 0) or told a different story in its summary and its exit code before the verdict rule.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEnv } from "vite";
import { describe, expect, it } from "vitest";
import { cfgBin } from "../cli/_cli.js";
import { claimsSuccess, exampleWith, projectOf } from "./_projects.js";

const EVERY_COMMAND: readonly (readonly string[])[] = [
  ["check", "--all", "--format", "github"],
  ["check", "--format", "json"],
  ["diff", "staging", "production"],
  ["hash", "--format", "json"],
  ["print", "--format", "json"],
  ["explain", "APP_ENV"],
  ["snapshot", "--env", "staging"],
  ["example"],
  ["docs"],
  ["schema"],
];

describe("1. nothing found is never a pass", () => {
  it("a directory that does not exist: exit 2 on every command, no success mark, the directory named", () => {
    for (const argv of EVERY_COMMAND) {
      const result = cfgBin(["-C", "/does/not/exist", ...argv], { cwd: projectOf({}) });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(claimsSuccess(result), argv.join(" ")).toBe(false);
      expect(result.stderr, argv.join(" ")).toContain("/does/not/exist does not exist");
    }
  });

  it("an empty directory (no project config, no schema, no env file): exit 2 on every command", () => {
    for (const argv of EVERY_COMMAND) {
      const result = cfgBin(argv, { cwd: projectOf({ "README.txt": "not a project\n" }) });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(claimsSuccess(result), argv.join(" ")).toBe(false);
      expect(result.stderr, argv.join(" ")).toMatch(/no project found|needs a settings definition/);
    }
  });

  it("a project whose only .env holds no variable: nothing to check or compare, exit 2", () => {
    const dir = projectOf({ ".env": "# nothing here yet\n" });
    for (const argv of [["check"], ["print"], ["hash"], ["diff", "development", "production"]]) {
      const result = cfgBin(argv, { cwd: dir });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr, argv.join(" ")).toContain(
        "no variables found in .env: nothing to check or compare",
      );
      expect(claimsSuccess(result), argv.join(" ")).toBe(false);
    }
  });
});

describe("2. `expected` excuses differences between different environments only", () => {
  it("a host snapshot against its own environment reports its sslMode, though the key is `expected`", () => {
    const dir = exampleWith();
    const host = { APP_POSTGRES__SSL_MODE: "disable" };
    expect(cfgBin(["snapshot", "--env", "staging", "-o", "host.json"], { cwd: dir, env: host }).code).toBe(0);
    const result = cfgBin(["diff", "staging", "host.json", "--only", "drift", "--format", "json"], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    const entry = JSON.parse(result.stdout).entries.find(
      (e: { path: string }) => e.path === "postgres.sslMode",
    );
    expect(entry).toMatchObject({ policy: "expected", verdict: "drift", status: "changed" });
    const text = cfgBin(["diff", "staging", "host.json", "--only", "drift"], { cwd: dir });
    expect(text.stdout).toContain("APP_POSTGRES__SSL_MODE");
    expect(text.stdout).not.toContain("no differences");
  });

  it("two hosts of one environment against each other report it too; staging against production does not", () => {
    const dir = exampleWith();
    // Keyed, so that the hosts' secrets compare too and only the one real difference remains.
    const key = { CFG_FINGERPRINT_KEY: "verdict-test-key-0123456789abcdef" };
    cfgBin(["snapshot", "--env", "staging", "-o", "a.json"], { cwd: dir, env: key });
    cfgBin(["snapshot", "--env", "staging", "-o", "b.json"], {
      cwd: dir,
      env: { ...key, APP_POSTGRES__SSL_MODE: "disable" },
    });
    const hosts = cfgBin(["diff", "a.json", "b.json", "--format", "json"], { cwd: dir, env: key });
    expect(hosts.code).toBe(1);
    expect(JSON.parse(hosts.stdout).entries).toEqual([
      expect.objectContaining({ path: "postgres.sslMode", verdict: "drift" }),
    ]);
    // Snapshots are sources of their own: on an ops box with no project, they still compare.
    const opsBox = projectOf({
      "a.json": readFileSync(join(dir, "a.json"), "utf8"),
      "b.json": readFileSync(join(dir, "b.json"), "utf8"),
    });
    const elsewhere = cfgBin(["diff", "a.json", "b.json", "--format", "json"], { cwd: opsBox, env: key });
    expect(elsewhere.code, elsewhere.stderr).toBe(1);
    expect(JSON.parse(elsewhere.stdout).entries).toEqual([
      expect.objectContaining({ path: "postgres.sslMode", verdict: "drift" }),
    ]);
    const environments = cfgBin(["diff", "staging", "production", "--format", "json", "--fail-on", "none"], {
      cwd: dir,
    });
    const sslMode = JSON.parse(environments.stdout).entries.find(
      (e: { path: string }) => e.path === "postgres.sslMode",
    );
    expect(sslMode).toMatchObject({ verdict: "expected" });
  });
});

describe("3. untyped mode resolves the same layers and compares raw text key by key", () => {
  const files = {
    ".env": "K_SHARED=one\nK_HOST=localhost\nK_PORT=5432\n.F=777\n",
    ".env.staging": "K_HOST=db.staging\nK_MODE=stage\nK_PORT=6432\nK_ONLY_STAGING=1\nK_EMPTY=\n",
    ".env.production": "K_HOST=db.prod\nK_MODE=prod\nK_EMPTY=\n",
    ".env.production.local": "K_PORT=7432\n",
  };

  it("cfg diff reports exactly the keys Vite's loadEnv finds differing", () => {
    const dir = projectOf(files);
    const staging = loadEnv("staging", dir, "K_");
    const production = loadEnv("production", dir, "K_");
    const keys = new Set([...Object.keys(staging), ...Object.keys(production)]);
    const differing = [...keys].filter((key) => staging[key] !== production[key]).sort();
    expect(differing).toEqual(["K_HOST", "K_MODE", "K_ONLY_STAGING", "K_PORT"]);

    const result = cfgBin(["diff", "staging", "production", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    const entries = JSON.parse(result.stdout).entries as { envName: string }[];
    expect(entries.map((e) => e.envName).sort()).toEqual(differing);
  });

  it("cfg hash fingerprints each environment's values, not empty input", () => {
    const dir = projectOf(files);
    const result = cfgBin(["hash", "--format", "json", "--keys"], { cwd: dir });
    expect(result.code).toBe(0);
    const { environments } = JSON.parse(result.stdout);
    expect(Object.keys(environments)).toEqual(["development", "staging", "production"]);
    const emptyInput = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    expect(environments.staging.fingerprint).not.toContain(emptyInput);
    expect(environments.staging.fingerprint).not.toBe(environments.production.fingerprint);
    expect(Object.keys(environments.staging.keys)).toContain("K_ONLY_STAGING");
  });

  it("cfg print reads config/ like the service does, and never splits a key on '.'", () => {
    const dir = projectOf({
      ...files,
      "config/default.json": '{ "http": { "port": 8080, "host": "0.0.0.0" }, "name": "orders" }\n',
      "config/production.yaml": "http:\n  port: 9090\n",
    });
    const result = cfgBin(["print", "--env", "production", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).settings).toEqual({
      http: { port: "9090", host: "0.0.0.0" },
      name: "orders",
      K_SHARED: "one",
      K_HOST: "db.prod",
      K_PORT: "7432",
      ".F": "777",
      K_MODE: "prod",
      K_EMPTY: "",
    });
    const origins = cfgBin(["print", "--env", "production", "--show-origin"], { cwd: dir });
    expect(origins.stdout).toMatch(/^HTTP__PORT=9090\s+# config\/production\.yaml:2$/m);
  });
});

describe("3b. untyped explain and snapshot work on the variables the project's files set", () => {
  const files = {
    ".env": "K_HOST=localhost\nK_PORT=5432\n",
    ".env.staging": "K_HOST=db.staging\n",
  };

  it("cfg explain shows every candidate of a found variable, and refuses one no file sets", () => {
    const dir = projectOf(files);
    const result = cfgBin(["explain", "K_HOST", "--env", "staging", "--format", "json"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const explained = JSON.parse(result.stdout);
    expect(explained).toMatchObject({ envName: "K_HOST", value: '"db.staging"', origin: ".env.staging:1" });
    expect(explained.candidates.map((c: { origin: string }) => c.origin)).toEqual([
      ".env.staging:1",
      ".env:1",
    ]);
    const unknown = cfgBin(["explain", "K_HOTS", "--env", "staging"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/K_HOTS is set nowhere staging reads .*did you mean K_HOST\?/);
  });

  it("cfg snapshot records the project's variables, the process environment overriding them but adding none", () => {
    const dir = projectOf(files);
    const env = { K_PORT: "6543", HOST_ONLY_VARIABLE: "not a setting" };
    const result = cfgBin(["snapshot", "--env", "staging"], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(0);
    const snapshot = JSON.parse(result.stdout);
    const recorded = Object.fromEntries(
      snapshot.settings.map((s: { path: string; value: string }) => [s.path, s.value]),
    );
    expect(recorded).toEqual({ K_HOST: "db.staging", K_PORT: "6543" });
    writeFileSync(join(dir, "host.json"), result.stdout);
    const diff = cfgBin(["diff", "staging", "host.json", "--format", "json"], { cwd: dir });
    expect(diff.code).toBe(1);
    expect(JSON.parse(diff.stdout).entries.map((e: { envName: string }) => e.envName)).toEqual(["K_PORT"]);
  });
});

describe("4. a broken or unreadable source is exit 2 on every command, with file, line and column", () => {
  const broken = { "config/default.yaml": "upstream:\n  connect: 2s\nhttp: [unclosed\n" };
  const commands = [
    ["check", "--env", "staging"],
    ["diff", "staging", "production"],
    ["explain", "APP_ENV", "--env", "staging"],
    ["print", "--env", "staging"],
    ["hash"],
    ["snapshot", "--env", "staging"],
  ];

  it("broken YAML in the typed example", () => {
    const dir = exampleWith(broken);
    for (const argv of commands) {
      const result = cfgBin(argv, { cwd: dir });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(claimsSuccess(result), argv.join(" ")).toBe(false);
      expect(result.stdout + result.stderr, argv.join(" ")).toMatch(/config\/default\.yaml:\d+:\d+/);
    }
  });

  it("broken JSON, untyped", () => {
    const dir = projectOf({
      ".env.staging": "A=1\n",
      ".env.production": "A=2\n",
      "config/default.json": '{ "a": 1,\n  "b": }\n',
    });
    for (const argv of commands.filter(([command]) => !["explain", "snapshot"].includes(command as string))) {
      const result = cfgBin(argv, { cwd: dir });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout + result.stderr, argv.join(" ")).toMatch(/config\/default\.json:2:\d+/);
    }
  });

  it("an env file that is a directory", () => {
    const dir = exampleWith();
    rmSync(join(dir, ".env.staging"));
    mkdirSync(join(dir, ".env.staging"));
    for (const argv of commands) {
      const result = cfgBin(argv, { cwd: dir });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout + result.stderr, argv.join(" ")).toContain(".env.staging is a directory");
    }
  });
});

describe("5. every environment the service can load, and only those", () => {
  const files = { ".env": "A=shared\n", ".env.staging": "A=staging\n", ".env.production": "A=production\n" };

  it("the standard names resolve from the shared files; check covers development too", () => {
    const dir = projectOf(files);
    for (const name of ["development", "dev", "test"]) {
      const result = cfgBin(["print", "--env", name], { cwd: dir });
      expect(result.code, name).toBe(0);
      expect(result.stdout).toBe("A=shared\n");
    }
    const checked = cfgBin(["check", "--format", "json"], { cwd: dir });
    expect(JSON.parse(checked.stdout).checked).toEqual(["development", "staging", "production"]);
  });

  it("a typo is exit 2 listing the known names, on every command that takes one", () => {
    const dir = projectOf(files);
    for (const argv of [
      ["print", "--env", "prodd"],
      ["check", "--env", "prodd"],
      ["hash", "--env", "prodd"],
      ["diff", "staging", "prodd"],
    ]) {
      const result = cfgBin(argv, { cwd: dir });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(
        'unknown environment "prodd": no file or project config names it (known environments: development, test, staging, production)',
      );
    }
  });

  it("a typo in CFG_ENV or NODE_ENV is one too: exit 2, never a check of the shared files", () => {
    const dir = projectOf(files);
    for (const variable of ["CFG_ENV", "NODE_ENV"]) {
      for (const argv of [["print"], ["check"], ["hash", "--env", "staging", "--env", "production"]]) {
        const result = cfgBin(argv, { cwd: dir, env: { [variable]: "prodd" } });
        if (argv[0] === "hash") {
          // Environments named outright do not depend on the variable.
          expect(result.code, `${variable} ${argv.join(" ")}`).toBe(0);
          continue;
        }
        expect(result.code, `${variable} ${argv.join(" ")}`).toBe(argv[0] === "check" ? 0 : 2);
        if (argv[0] === "print")
          expect(result.stderr).toContain(`unknown environment "prodd" (from ${variable})`);
      }
    }
    // A lone .env: its one environment is the current one, so a typo there has nothing else to fall back on.
    const lone = projectOf({ ".env": "A=1\n" });
    const result = cfgBin(["check"], { cwd: lone, env: { NODE_ENV: "prodd" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown environment "prodd" (from NODE_ENV)');
  });

  it("node-config's reserved files are not environments", () => {
    const dir = projectOf({
      "config/default.json": '{ "a": 1 }\n',
      "config/default-0.json": '{ "a": 2 }\n',
      "config/default-3.yaml": "a: 3\n",
      "config/custom-environment-variables.json": '{ "a": "A" }\n',
      "config/local-development.json": '{ "a": 4 }\n',
      "config/local.yaml": "b: 1\n",
      "config/production.json": '{ "a": 5 }\n',
      "config/production-1.json": '{ "a": 6 }\n',
    });
    const result = cfgBin(["hash", "--format", "json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout).environments)).toEqual(["development", "production"]);
  });
});

describe("7. the summary line and the exit code tell the same story", () => {
  it("a __proto__ line: warnings, ✓ and exit 0; with --strict ✗ and exit 1", () => {
    const dir = exampleWith();
    const staging = readFileSync(join(dir, ".env.staging"), "utf8");
    const withProto = exampleWith({ ".env.staging": `${staging}__proto__=x\n` });
    const plain = cfgBin(["check", "--env", "staging"], { cwd: withProto });
    expect(plain.stdout).toMatch(/^✓ 0 errors, \d+ warnings in staging$/m);
    expect(plain.code).toBe(0);
    const strict = cfgBin(["check", "--env", "staging", "--strict"], { cwd: withProto });
    expect(strict.stdout).toMatch(/^✗ 0 errors, \d+ warnings in staging$/m);
    expect(strict.code).toBe(1);
  });

  it("an unreadable source: the summary says there is no verdict, JSON says not ok, exit 2", () => {
    const dir = exampleWith({ "config/default.yaml": "http: [unclosed\n" });
    const text = cfgBin(["check", "--env", "staging"], { cwd: dir });
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^✗ no verdict: could not read config\/default\.yaml/m);
    const json = cfgBin(["check", "--env", "staging", "--format", "json"], { cwd: dir });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).ok).toBe(false);
  });
});

describe("8. cfg hash lists an invalid environment", () => {
  it("with its status and issues, exit 1, and writes no lock", () => {
    const dir = exampleWith();
    const staging = readFileSync(join(dir, ".env.staging"), "utf8");
    const broken = exampleWith({ ".env.staging": staging.replace(/^APP_REDIS__URL=.*\n/m, "") });
    const result = cfgBin(["hash", "--format", "json"], { cwd: broken });
    expect(result.code).toBe(1);
    const { environments } = JSON.parse(result.stdout);
    expect(Object.keys(environments)).toEqual(["development", "staging", "production"]);
    expect(environments.staging).toEqual({
      status: "invalid",
      issues: [expect.objectContaining({ kind: "missing", envName: "APP_REDIS__URL", severity: "error" })],
    });
    expect(environments.production.status).toBe("valid");
    const text = cfgBin(["hash"], { cwd: broken });
    expect(text.stdout).toMatch(/^staging\s+invalid \(1 error, no fingerprint\)$/m);
    const write = cfgBin(["hash", "--write", "cfg.lock.json"], { cwd: broken });
    expect(write.code).toBe(1);
    expect(write.stderr).toContain("cfg.lock.json not written");
  });
});
