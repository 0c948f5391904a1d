// Broken deployment sources, one way each: every command stops with exit 2 and says which file (and line,
// where there is one) is wrong and how; a service starting with the same sources exits 78 with the same words.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFifo } from "../sources/_secret-dirs.js";
import { cfg, copyExample, copyOfExample } from "./_cli.js";

const fixture = join(import.meta.dirname, "../fixtures/sources/bad-project");
let project = "";
const line = (file: string, text: string) =>
  readFileSync(join(project, file), "utf8")
    .split("\n")
    .findIndex((l) => l.includes(text)) + 1;

beforeAll(() => {
  project = copyExample(fixture);
  makeFifo(join(project, "deploy/bad/fifo"));
  mkdirSync(join(project, "deploy/bad/secrets"));
  symlinkSync("../../../.env.production", join(project, "deploy/bad/secrets/webhook__secret"));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** environment -> where the error is and what it says. */
const CASES: [string, () => string, string][] = [
  [
    "not-kubernetes",
    () => "deploy/bad/not-kubernetes.yaml:2",
    "a document is not Kubernetes YAML: it has no apiVersion and kind",
  ],
  [
    "no-workload",
    () => "deploy/rendered/staging.yaml",
    "workload deployment/api is not in deploy/rendered/staging.yaml (workloads: deployment/orders, cronjob/orders-cleanup)",
  ],
  [
    "no-container",
    () => `deploy/rendered/staging.yaml:${line("deploy/rendered/staging.yaml", "      containers:")}`,
    'container "api" is not in deployment/orders (containers: orders, metrics-exporter)',
  ],
  [
    "two-containers",
    () => `deploy/rendered/staging.yaml:${line("deploy/rendered/staging.yaml", "      containers:")}`,
    "deployment/orders has 2 containers (orders, metrics-exporter): name one with container",
  ],
  [
    "missing-configmap",
    () => "deploy/bad/missing-configmap.yaml:12",
    "configmap/api-settings is referenced by deployment/api but is not in the manifests",
  ],
  [
    "bad-base64",
    () => "deploy/bad/bad-base64.yaml:8",
    "secret/api-credentials data.DB_PASSWORD is not valid base64",
  ],
  [
    "no-service",
    () => "docker-compose.yml",
    'service "api" is not in docker-compose.yml (services: orders, db, cache)',
  ],
  [
    "file-directory",
    () => "deploy/bad/file-dir.env:1",
    "APP_WEBHOOK__SECRET_FILE (deploy/bad/file-dir.env:1): deploy/bad is a directory, expected a file",
  ],
  [
    "file-fifo",
    () => "deploy/bad/file-fifo.env:1",
    "deploy/bad/fifo is not a regular file (a FIFO, socket or device is not read)",
  ],
  [
    "file-missing",
    () => "deploy/bad/file-missing.env:2",
    "/run/secrets/webhook_secret_not_mounted does not exist",
  ],
  [
    "escaping-secrets",
    () => "deploy/bad/secrets/webhook__secret",
    "links outside the secrets directory deploy/bad/secrets; it is not read",
  ],
];

const run = (argv: string[]) => cfg(["--config", "cfg.bad.config.js", ...argv], { cwd: project });

describe.each(CASES)("a broken deployment source: %s", (environment, where, message) => {
  it("cfg check says where and what, exit 2", async () => {
    const result = await run(["check", "--env", environment]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain(where());
    expect(result.stdout + result.stderr).toContain(message);
    expect(result.stdout + result.stderr).not.toMatch(/✓|^\s+at /m);
  });

  it("the GitHub annotation lands on that file and line", async () => {
    const result = await run(["check", "--env", environment, "--format", "github"]);
    expect(result.code).toBe(2);
    const [file, lineNumber] = where().split(":");
    const annotation = result.stdout.split("\n").find((l) => l.startsWith("::error ") && l.includes(message));
    expect(annotation).toMatch(new RegExp(`file=[^,]*${file}${lineNumber ? `,line=${lineNumber}` : ""}[,:]`));
  });

  it("print, hash, explain, snapshot and diff stop with exit 2 too", async () => {
    for (const argv of [
      ["print", "--env", environment],
      ["hash", "--env", environment],
      ["explain", "APP_WEBHOOK__SECRET", "--env", environment],
      ["snapshot", "--env", environment],
      ["diff", "staging", environment],
    ]) {
      const result = await run(argv);
      expect(result.code, `${argv.join(" ")}\n${result.stdout}${result.stderr}`).toBe(2);
      expect(result.stderr, argv.join(" ")).toContain(message);
    }
  });
});

describe("at startup", () => {
  it.each([
    [
      "bad-base64",
      { kubernetes: { manifests: "deploy/bad/bad-base64.yaml", workload: "statefulset/api" } },
      {},
      "deploy/bad/bad-base64.yaml:8",
    ],
    [
      "escaping",
      { secretsDir: { path: "deploy/bad/secrets", prefix: "APP_" } },
      {},
      "deploy/bad/secrets/webhook__secret",
    ],
    [
      "fifo",
      { fileEnv: true },
      { APP_WEBHOOK__SECRET_FILE: "deploy/bad/fifo" },
      "deploy/bad/fifo is not a regular file",
    ],
  ])("a service reading %s exits 78 naming the file", (_name, options, env, expected) => {
    const script = `
      import { loadSettings } from "cfgkit";
      import { settings } from "./settings.js";
      loadSettings(settings, { env: "staging", ...${JSON.stringify(options)} });
      console.log("started");`;
    const started = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: project,
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(started.status).toBe(78);
    expect(started.stdout).toBe("");
    expect(started.stderr).toContain(expected);
    expect(started.stderr).not.toMatch(/^\s+at /m);
  });

  it("the same sources, unbroken, start the service (so the failures above are the sources' own)", () => {
    const dir = copyOfExample();
    const script = `
      import { loadSettings } from "cfgkit";
      import { settings } from "./settings.js";
      const config = loadSettings(settings, { env: "staging", kubernetes: { manifests: "deploy/rendered/staging.yaml", workload: "deployment/orders", container: "orders" }, fileEnv: true });
      console.log(config.env, config.http.host);`;
    const started = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
    });
    expect(started.stderr).toBe("");
    expect(started.stdout).toBe("staging 0.0.0.0\n");
  });
});
