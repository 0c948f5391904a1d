// Every command on environments that live in deployments: the example service's Compose file (development)
// and its rendered kustomize overlays (staging, production), through cfg.deploy.config.js, typed and untyped.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cfg, copyOfExample, exampleDir } from "./_cli.js";

const deploy = (argv: string[], cwd = exampleDir) =>
  cfg(["--config", "cfg.deploy.config.js", ...argv], { cwd });
const lineAt = (file: string, line: number) =>
  readFileSync(join(exampleDir, file), "utf8").split("\n")[line - 1];

describe("deployment environments", () => {
  it("cfg check passes on all three", async () => {
    const result = await deploy(["check", "--all"]);
    expect(result.stdout).toBe("✓ 0 errors, 0 warnings in development, staging, production\n");
    expect(result.code).toBe(0);
  });

  it("print --show-origin points each value at its manifest line and object", async () => {
    const result = await deploy(["print", "--env", "production", "--show-origin", "--format", "json"]);
    expect(result.code).toBe(0);
    const settings = JSON.parse(result.stdout).settings as { path: string; origin: string }[];
    const origins = Object.fromEntries(settings.map((setting) => [setting.path, setting.origin]));
    const level = origins["logging.level"] as string;
    const [, file, line, object] = /^(.+):(\d+) \((.+)\)$/.exec(level) ?? [];
    expect(file).toBe("deploy/rendered/production.yaml");
    expect(object).toMatch(/^configmap\/orders-config-/);
    expect(lineAt(file as string, Number(line))).toBe("  LOGGING__LEVEL: info");
    expect(origins.env).toMatch(/^deploy\/rendered\/production\.yaml:\d+ \(deployment\/orders\)$/);
    expect(origins["upstream.read"]).toBe("config/production.yaml:3");
  });

  it("explain lists the layers in precedence order and the candidates each one gave", async () => {
    const result = await deploy([
      "explain",
      "APP_LOGGING__LEVEL",
      "--env",
      "development",
      "--format",
      "json",
    ]);
    const explained = JSON.parse(result.stdout);
    expect(explained.precedence).toEqual([
      "default",
      "config/default.yaml",
      ".env",
      ".env.development",
      "compose service/orders",
      "process.env",
    ]);
    expect(explained.candidates.map((c: { origin: string }) => c.origin)).toEqual([
      "deploy/compose/orders.env:2",
      ".env.development:11",
      "default",
    ]);
  });

  it("diff compares a Compose environment with a rendered overlay, with each side's origin", async () => {
    const result = await deploy(["diff", "development", "production", "--format", "json"]);
    expect(result.code).toBe(1);
    const entries = JSON.parse(result.stdout).entries as { path: string; values: { origin: string }[] }[];
    const level = entries.find((entry) => entry.path === "logging.level");
    expect(level?.values.map((value) => value.origin)).toEqual([
      "deploy/compose/orders.env:2",
      expect.stringMatching(/^deploy\/rendered\/production\.yaml:6 \(configmap\/orders-config-/),
    ]);
  });

  it("diff compares a rendered overlay with a host snapshot taken from the files alone", async () => {
    const dir = copyOfExample();
    const snapshot = await cfg(["snapshot", "--env", "staging"], { cwd: dir });
    writeFileSync(join(dir, "host.json"), snapshot.stdout);
    const result = await deploy(["diff", "staging", "host.json", "--format", "json"], dir);
    expect(result.code).toBe(1);
    const paths = (JSON.parse(result.stdout).entries as { path: string; status: string }[]).map(
      (e) => e.path,
    );
    // The cluster listens on every interface; the repository's .env says 127.0.0.1.
    expect(paths).toContain("http.host");
  });

  it("hash differs between the cluster and the files alone, and is stable", async () => {
    const first = await deploy(["hash", "--env", "staging"]);
    const again = await deploy(["hash", "--env", "staging"]);
    const filesOnly = await cfg(["hash", "--env", "staging"], { cwd: exampleDir });
    expect(first.stdout).toMatch(/^staging {2}cfg2:sha256:[0-9a-f]{64}\n$/);
    expect(again.stdout).toBe(first.stdout);
    expect(filesOnly.stdout).not.toBe(first.stdout);
  });
});

describe("deployment environments, warnings cfg check gives", () => {
  it("a deployment that runs the service as another environment than the one checked", async () => {
    const dir = copyOfExample();
    const kubernetes = {
      manifests: "deploy/rendered/production.yaml",
      workload: "deployment/orders",
      container: "orders",
    };
    writeFileSync(
      join(dir, "cfg.renamed.json"),
      JSON.stringify({ settings: "./settings.js", environments: { "prod-eu": { kubernetes } } }),
    );
    const result = await cfg(
      ["--config", "cfg.renamed.json", "check", "--env", "prod-eu", "--format", "json"],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const [finding] = JSON.parse(result.stdout).findings;
    expect(finding).toMatchObject({
      rule: "environment-mismatch",
      severity: "warning",
      file: "deploy/rendered/production.yaml",
      line: lineNumberOf(join(dir, "deploy/rendered/production.yaml"), "- name: CFG_ENV"),
    });
    expect(finding.message).toContain(
      "sets CFG_ENV=production: the service will read production's files, while this environment is prod-eu",
    );
  });

  it("a Secret that gives a key the schema does not mark secret", async () => {
    const dir = copyOfExample();
    const manifest = readFileSync(join(dir, "deploy/rendered/staging.yaml"), "utf8").replace(
      "  WEBHOOK__SECRET:",
      `  LOGGING__LEVEL: ${Buffer.from("warn").toString("base64")}\n  WEBHOOK__SECRET:`,
    );
    writeFileSync(join(dir, "deploy/rendered/staging.yaml"), manifest);
    const result = await deploy(["check", "--env", "staging", "--format", "json"], dir);
    const rules = (JSON.parse(result.stdout).findings as { rule: string; key?: string }[]).map(
      (f) => `${f.rule} ${f.key}`,
    );
    expect(rules).toContain("secret-not-marked APP_LOGGING__LEVEL");
    const printed = await deploy(["print", "--env", "staging"], dir);
    expect(printed.stdout).toContain("APP_LOGGING__LEVEL=<secret>\n");
  });

  it("a Secret that gives a whole object as JSON makes each of its keys secret", async () => {
    const dir = copyOfExample();
    const json = JSON.stringify({ stream: "orders-from-secret", maxLen: 5000 });
    const manifest = readFileSync(join(dir, "deploy/rendered/staging.yaml"), "utf8").replace(
      "  WEBHOOK__SECRET:",
      `  REDIS: ${Buffer.from(json).toString("base64")}\n  WEBHOOK__SECRET:`,
    );
    writeFileSync(join(dir, "deploy/rendered/staging.yaml"), manifest);
    // The ConfigMap's nested variable wins on the same layer, but the Secret's value it shadows is secret too.
    const printed = await deploy(["print", "--env", "staging"], dir);
    expect(printed.stdout).toContain("APP_REDIS__STREAM=<secret>\n");
    const explained = await deploy(
      ["explain", "APP_REDIS__STREAM", "--env", "staging", "--format", "json"],
      dir,
    );
    expect(explained.stdout).not.toContain("orders-from-secret");
    const { candidates } = JSON.parse(explained.stdout) as {
      candidates: { origin: string; value: string }[];
    };
    expect(candidates.find((c) => c.origin.includes("(secret/orders-secrets-"))?.value).toBe("<secret>");
  });
});

function lineNumberOf(file: string, text: string): number {
  return (
    readFileSync(file, "utf8")
      .split("\n")
      .findIndex((line) => line.includes(text)) + 1
  );
}

describe("deployment environments, untyped", () => {
  it("print, diff and hash work on raw values, secrets from a Secret redacted", async () => {
    const dir = copyOfExample();
    writeFileSync(
      join(dir, "cfg.untyped.json"),
      JSON.stringify({
        environments: {
          local: { compose: { service: "orders" } },
          cluster: {
            kubernetes: {
              manifests: "deploy/rendered/staging.yaml",
              workload: "deployment/orders",
              container: "orders",
            },
          },
        },
      }),
    );
    const run = (argv: string[]) => cfg(["--config", "cfg.untyped.json", ...argv], { cwd: dir });
    const printed = await run(["print", "--env", "cluster"]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain("DB_HOST=db.staging.internal\n");
    expect(printed.stdout).toContain("DB_PASSWORD=<secret>\n");
    expect(printed.stdout).toContain("CFG_ENV=staging\n");
    const diff = await run(["diff", "local", "cluster", "--format", "json"]);
    expect(diff.code).toBe(1);
    const status = Object.fromEntries(
      (JSON.parse(diff.stdout).entries as { path: string; status: string }[]).map((e) => [e.path, e.status]),
    );
    expect(status).toMatchObject({ CFG_ENV: "changed", DB_HOST: "missing", APP_REDIS__URL: "changed" });
    // Both give the container 0.0.0.0: no difference to report.
    expect(status.APP_HTTP__HOST).toBeUndefined();
    const hashes = await run(["hash", "--format", "json"]);
    const fingerprints = JSON.parse(hashes.stdout).environments;
    expect(fingerprints.local.fingerprint).not.toBe(fingerprints.cluster.fingerprint);
  });
});
