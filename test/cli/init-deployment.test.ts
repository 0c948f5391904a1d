// `cfg init --from`: a project can start from a Kubernetes manifest or a Compose file as it starts from .env
// files; secrets a Secret holds are marked secret and never copied; the first `cfg check` passes.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cfgBin, exampleDir } from "./_cli.js";

const scratch = resolve(import.meta.dirname, "../../.scratch");
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project with only the example's deployment files (no schema, no cfg.config). */
function deploymentOnly(): string {
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, "init-deployment-"));
  made.push(dir);
  cpSync(join(exampleDir, "deploy"), join(dir, "deploy"), { recursive: true });
  cpSync(join(exampleDir, "docker-compose.yml"), join(dir, "docker-compose.yml"));
  return dir;
}

describe("cfg init --from", () => {
  it("a Kubernetes manifest: Secret values are secret and not copied, and cfg check then passes", () => {
    const dir = deploymentOnly();
    const init = cfgBin(
      [
        "init",
        "--from",
        "deploy/rendered/production.yaml",
        "--workload",
        "deployment/orders",
        "--container",
        "orders",
      ],
      { cwd: dir },
    );
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const settings = readFileSync(join(dir, "settings.ts"), "utf8");
    expect(settings).toContain("dbPassword: secret(z.string()),");
    expect(settings).toContain('appWebhookSecret: secret(z.string().meta({ env: "APP_WEBHOOK__SECRET" })),');
    for (const value of ["change-me-in-the-vault", "prod-webhook-secret-c41e8b7a2d9f6e3b5a0c"])
      expect(settings).not.toContain(value);
    const config = readFileSync(join(dir, "cfg.config.ts"), "utf8");
    expect(config).toContain(
      'environments: { "production": { kubernetes: {"manifests":"deploy/rendered/production.yaml","workload":"deployment/orders","container":"orders"} } },',
    );
    const check = cfgBin(["check"], { cwd: dir });
    expect(check.stdout).toBe("✓ 0 errors, 0 warnings in production\n");
    expect(check.code).toBe(0);
  });

  it("a Compose file: the service's environment becomes the development environment", () => {
    const dir = deploymentOnly();
    const init = cfgBin(["init", "--from", "docker-compose.yml", "--service", "orders"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(readFileSync(join(dir, "cfg.config.ts"), "utf8")).toContain(
      'environments: { "development": { compose: {"service":"orders","files":"docker-compose.yml"} } },',
    );
    const print = cfgBin(["print", "--env", "development"], { cwd: dir });
    expect(print.stdout).toContain("APP_LOGGING__LEVEL=debug\n");
    expect(cfgBin(["check"], { cwd: dir }).code).toBe(0);
  });

  it("a workload that is not there: exit 2 listing those that are, and nothing written", () => {
    const dir = deploymentOnly();
    const init = cfgBin(
      ["init", "--from", "deploy/rendered/production.yaml", "--workload", "deployment/api"],
      {
        cwd: dir,
      },
    );
    expect(init.code).toBe(2);
    expect(init.stderr).toContain(
      "workload deployment/api is not in deploy/rendered/production.yaml (workloads: deployment/orders, cronjob/orders-cleanup)",
    );
    expect(cfgBin(["init", "--from", "docker-compose.yml"], { cwd: dir }).code).toBe(2);
    expect(() => readFileSync(join(dir, "settings.ts"))).toThrow();
  });
});
