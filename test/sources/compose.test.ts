/**
 * The Compose source on a real-shaped project (anchors and merge keys, env files, an override file, the
 * shell and the project's .env), checked against `docker-compose config` where it is installed.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { composeSource } from "../../src/sources/compose.js";
import type { SourceRead } from "../../src/sources/source-kind.js";
import { formatOrigin } from "../../src/sources/types.js";

const fixtures = resolve(import.meta.dirname, "../fixtures/sources/compose");
const project = resolve(fixtures, "project");
const shell = { SENTRY_DSN: "https://key@sentry.example/1", HOME_DIR: "/home/dev" };
const hasCompose = spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0;
if (!hasCompose)
  console.log(
    "docker-compose is not installed (apt-get install docker-compose): Compose values are checked against the expected values only",
  );

function read(
  cwd: string,
  options: Record<string, unknown>,
  processEnv: Record<string, string> = shell,
): SourceRead {
  const parsed = composeSource.parseOptions(options);
  if (typeof parsed === "string") throw new Error(parsed);
  return composeSource.read(parsed, { cwd, processEnv });
}

const values = (result: SourceRead) => Object.fromEntries([...result.entries].map(([k, e]) => [k, e.value]));

/** What `docker-compose config` says the service's environment is (`$$` in its output is one `$`). */
function composeConfig(cwd: string, service: string, env: Record<string, string>): Record<string, string> {
  const run = spawnSync("docker-compose", ["config"], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  expect(run.stderr).toBe("");
  const environment = parse(run.stdout).services[service].environment ?? {};
  return Object.fromEntries(
    Object.entries(environment).map(([k, v]) => [k, String(v).replaceAll("$$", "$")]),
  );
}

describe("compose source", () => {
  const api = read(project, { service: "api" });

  it("env_file entries then environment, with the override file, merge keys and interpolation", () => {
    expect(api.problems).toEqual([]);
    expect(values(api)).toEqual({
      MAIL_FROM: "Orders <orders@example.com>",
      SESSION_SECRET: "dev-session-secret-0a9f2c",
      RAW: "",
      PORT: "8001",
      TZ: "UTC",
      LOG_FORMAT: "json",
      LOG_LEVEL: "debug",
      DATABASE_URL: "postgres://api:local-dev-password@db:5432/api",
      REDIS_URL: "redis://cache:6379/2",
      PUBLIC_URL: "http://localhost:8000",
      GREETING: "costs $5",
      WORKERS: "4",
      SENTRY_DSN: "https://key@sentry.example/1",
      FEATURE_SEARCH: "true",
    });
    expect(api.files).toEqual([
      "docker-compose.yml",
      "docker-compose.override.yml",
      ".env",
      "env/common.env",
      "env/api.env",
      "env/local.env",
    ]);
  });

  it("origins point at the Compose file's line, or the env file's", () => {
    const origin = (key: string) => {
      const found = api.entries.get(key)?.origin;
      return found ? formatOrigin(found) : undefined;
    };
    expect(origin("DATABASE_URL")).toBe("docker-compose.yml:18 (service/api)");
    expect(origin("LOG_LEVEL")).toBe("docker-compose.override.yml:8 (service/api)");
    expect(origin("PORT")).toBe("env/local.env:1");
    expect(origin("SESSION_SECRET")).toBe("env/api.env:2");
  });

  it("a KEY without a value is unset when the shell does not have it", () => {
    const withoutShell = read(project, { service: "api" }, {});
    expect(withoutShell.entries.has("SENTRY_DSN")).toBe(false);
    const worker = read(project, { service: "worker" }, {});
    expect(values(worker).HOME_DIR).toBe("");
  });

  it("optional env files ({ path, required: false }) may be absent", () => {
    const web = read(
      resolve(fixtures, "optional-env-file"),
      { service: "web" },
      { UPSTREAM: "http://shell:1" },
    );
    expect(web.problems).toEqual([]);
    expect(values(web)).toEqual({ UPSTREAM: "http://shell:1", WORKERS: "auto" });
  });

  it.skipIf(!hasCompose)("agrees with docker-compose config for every service", () => {
    for (const service of ["api", "worker", "db"]) {
      expect(values(read(project, { service })), service).toEqual(composeConfig(project, service, shell));
    }
    const bare = { ...shell, LOG_LEVEL: "warn", REDIS_DB: "", PUBLIC_URL: "" };
    expect(values(read(project, { service: "api" }, bare))).toEqual(composeConfig(project, "api", bare));
  });
});

describe("compose source, extends", () => {
  const dir = resolve(fixtures, "extends");
  const expected = {
    api: {
      DATABASE_HOST: "db",
      FEATURE_FLAGS: "base",
      LOG_LEVEL: "debug",
      POOL_SIZE: "20",
      PORT: "8080",
      REGION: "eu-central-1",
    },
    worker: { CONCURRENCY: "4", QUEUE: "orders", QUEUE_URL: "amqp://mq:5672" },
  };

  it("the base service's env_file and environment come first, the service's own laid over them", () => {
    for (const [service, environment] of Object.entries(expected)) {
      const result = read(dir, { service });
      expect(result.problems, service).toEqual([]);
      expect(values(result), service).toEqual(environment);
    }
  });

  it("origins name the file and service each value came from, across files", () => {
    const worker = read(dir, { service: "worker" });
    const origin = (key: string) => formatOrigin(worker.entries.get(key)?.origin ?? { kind: "default" });
    expect(origin("QUEUE")).toMatch(/^shared\/common\.yml:\d+/);
    expect(origin("QUEUE_URL")).toMatch(/^shared\/queue\.env:1/);
    expect(origin("CONCURRENCY")).toMatch(/^docker-compose\.yml:\d+/);
    expect(worker.files).toContain("shared/common.yml");
  });

  it.skipIf(!hasCompose)("agrees with docker-compose config", () => {
    for (const service of Object.keys(expected))
      expect(values(read(dir, { service })), service).toEqual(composeConfig(dir, service, {}));
  });

  it("a loop, a missing base and a missing file are each an error on the extends line; include is refused", () => {
    const bad = resolve(fixtures, "extends-bad");
    const messages = (service: string) =>
      read(bad, { service }).problems.map((p) => `${p.file}:${p.line ?? "-"} ${p.message}`);
    expect(messages("loop-a")).toEqual([
      "compose.yaml:4 services.loop-a.extends leads back to the service itself",
    ]);
    expect(messages("orphan")).toEqual([
      'compose.yaml:10 services.orphan.extends names service "nowhere", which is not in compose.yaml',
    ]);
    expect(messages("far")).toEqual([
      "compose.yaml:14 services.far.extends names missing.yml does not exist",
    ]);
    expect(
      read(resolve(fixtures, "include"), { service: "api" }).problems.map((p) => `${p.line} ${p.message}`),
    ).toEqual([
      "1 compose.yaml uses include, which cfgkit does not follow; name the included files in files instead",
    ]);
  });
});

describe("compose source, bad input", () => {
  const messages = (result: SourceRead) =>
    result.problems.map((p) => `${p.file}:${p.line ?? "-"} ${p.message}`);

  it("a service that does not exist lists those that do", () => {
    expect(messages(read(project, { service: "apii" }))).toEqual([
      'docker-compose.yml:- service "apii" is not in docker-compose.yml, docker-compose.override.yml (services: api, worker, db, cache)',
    ]);
  });

  it("a refused boolean, a required variable, an invalid $ and a missing env_file, each on its line", () => {
    expect(messages(read(resolve(fixtures, "bad"), { service: "api" }, {}))).toEqual([
      "compose.yaml:4 env_file missing.env does not exist",
      'compose.yaml:6 services.api.environment.DEBUG is true, which Compose refuses: quote it ("true") or use a string',
      "compose.yaml:7 DATABASE_URL needs DB_PASSWORD: is needed (set it in the shell or the project's .env)",
      "compose.yaml:8 PRICE has an invalid interpolation format: write $$ for a literal $",
    ]);
  });

  it("no Compose file at all", () => {
    expect(messages(read(fixtures, { service: "api" }))).toEqual([
      `${fixtures}:- no Compose file found (looked for compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml); name one with files`,
    ]);
  });
});
