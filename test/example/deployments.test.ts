/**
 * `cfg hash` of a deployment environment is the fingerprint the service reports from /healthz when it runs
 * with what that deployment gives its container. The container's environment comes from docker-compose's own
 * `config` for Compose (where installed) and from the rendered Kubernetes manifest for the clusters.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { composeSource } from "../../src/sources/compose.js";
import { kubernetesSource } from "../../src/sources/kubernetes.js";
import { freePort, serviceDir, startService, waitFor } from "../_service.js";
import { cfgBin } from "../cli/_cli.js";

const KEY = "deployments-test-fingerprint-key";
const hasCompose = spawnSync("docker-compose", ["version"], { encoding: "utf8" }).status === 0;
if (!hasCompose)
  console.log(
    "docker-compose is not installed: the Compose container environment comes from cfgkit's own reading",
  );

function containerEnvironment(environment: string): Record<string, string> {
  if (environment === "development") {
    if (hasCompose) {
      const run = spawnSync("docker-compose", ["config"], {
        cwd: serviceDir,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "" },
      });
      expect(run.status).toBe(0);
      const env = parse(run.stdout).services.orders.environment as Record<string, unknown>;
      return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replaceAll("$$", "$")]));
    }
    const read = composeSource.read({ service: "orders" }, { cwd: serviceDir, processEnv: {} });
    return Object.fromEntries([...read.entries].map(([k, e]) => [k, String(e.value)]));
  }
  const options = {
    manifests: `deploy/rendered/${environment}.yaml`,
    workload: "deployment/orders",
    container: "orders",
  };
  const read = kubernetesSource.read(options, { cwd: serviceDir, processEnv: {} });
  expect(read.problems).toEqual([]);
  return Object.fromEntries([...read.entries].map(([k, e]) => [k, String(e.value)]));
}

describe("the example service in its deployments", () => {
  it.each(["development", "staging", "production"])(
    "%s: cfg hash equals the fingerprint the running service reports",
    async (environment) => {
      const container = containerEnvironment(environment);
      expect(container.CFG_ENV).toBe(environment);
      // The one thing the test changes: a free port, given to both the service and cfg as the shell's.
      const port = String(await freePort());
      const run = startService(serviceDir, { ...container, APP_HTTP__PORT: port, CFG_FINGERPRINT_KEY: KEY });
      await waitFor(() => run.stdout().includes("listening") || run.child.exitCode !== null, 10_000);
      expect(run.stderr()).not.toContain("error");
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
        fingerprint: string;
        environment: string;
      };
      expect(health.environment).toBe(environment);

      const hash = cfgBin(
        [
          "--config",
          "cfg.deploy.config.js",
          "hash",
          "--env",
          environment,
          "--process-env",
          "--format",
          "json",
        ],
        {
          cwd: serviceDir,
          env: { APP_HTTP__PORT: port, CFG_FINGERPRINT_KEY: KEY },
        },
      );
      expect(hash.stderr).toBe("");
      expect(hash.code).toBe(0);
      expect(JSON.parse(hash.stdout).environments[environment].fingerprint).toBe(health.fingerprint);
      // The repository's files alone resolve to something else: the deployment's layer is what made them equal.
      const filesOnly = cfgBin(["hash", "--env", environment, "--process-env", "--format", "json"], {
        cwd: serviceDir,
        env: { APP_HTTP__PORT: port, CFG_FINGERPRINT_KEY: KEY },
      });
      expect(JSON.parse(filesOnly.stdout).environments[environment].fingerprint).not.toBe(health.fingerprint);
    },
  );
});
