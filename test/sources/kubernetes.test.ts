/**
 * The Kubernetes source on the example service's real kustomize overlays: the committed render, and
 * `kubectl kustomize` itself where it is installed (the oracle for what the cluster is given).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { kubernetesSource } from "../../src/sources/kubernetes.js";
import type { SourceRead } from "../../src/sources/source-kind.js";
import { formatOrigin } from "../../src/sources/types.js";

const deploy = resolve(import.meta.dirname, "../../examples/service/deploy");
const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
const hasKubectl = kubectl.status === 0;
if (!hasKubectl)
  console.log("kubectl is not installed: the committed renders are used without re-rendering them");

function read(options: Record<string, unknown>, cwd = deploy): SourceRead {
  const parsed = kubernetesSource.parseOptions(options);
  if (typeof parsed === "string") throw new Error(parsed);
  return kubernetesSource.read(parsed, { cwd, processEnv: {} });
}

const values = (result: SourceRead) => Object.fromEntries([...result.entries].map(([k, e]) => [k, e.value]));

describe("kubernetes source on a rendered overlay", () => {
  const production = read({
    manifests: "rendered/production.yaml",
    workload: "deployment/orders",
    container: "orders",
  });

  it("resolves envFrom with prefix, then env in order, with $(VAR) expanded", () => {
    expect(production.problems).toEqual([]);
    expect(values(production)).toEqual({
      APP_HTTP__HOST: "0.0.0.0",
      APP_HTTP__PORT: "8080",
      APP_LOGGING__FORMAT: "json",
      APP_LOGGING__LEVEL: "info",
      APP_POSTGRES__POOL__MAX: "40",
      APP_POSTGRES__SSL_MODE: "verify-full",
      APP_REDIS__MAX_LEN: "100000",
      APP_REDIS__STREAM: "orders",
      APP_REDIS__URL: "rediss://cache.prod.internal:6380/0",
      APP_RETRY__JITTER: "equal",
      APP_RETRY__RETRYABLE_STATUSES: "[429,503]",
      APP_WEBHOOK__SECRET: "prod-webhook-secret-c41e8b7a2d9f6e3b5a0c",
      APP_ENV: "production",
      CFG_ENV: "production",
      DB_HOST: "db.prod.internal",
      DB_PASSWORD: "change-me-in-the-vault",
      APP_POSTGRES__URL: "postgres://orders:change-me-in-the-vault@db.prod.internal:5432/orders",
      POD_NAME: "<set at run time: fieldRef metadata.name>",
      MEMORY_LIMIT: "<set at run time: resourceFieldRef limits.memory>",
    });
  });

  it("marks everything from a Secret secret, and what a secret was expanded into", () => {
    const secret = [...production.entries].filter(([, e]) => e.secret).map(([k]) => k);
    expect(secret.sort()).toEqual(["APP_POSTGRES__URL", "APP_WEBHOOK__SECRET", "DB_PASSWORD"]);
  });

  it("gives each value the manifest line of its key and the object it came from", () => {
    const text = readFileSync(resolve(deploy, "rendered/production.yaml"), "utf8").split("\n");
    const origin = (key: string) => production.entries.get(key)?.origin;
    const level = origin("APP_LOGGING__LEVEL");
    expect(level && formatOrigin(level)).toMatch(
      /^rendered\/production\.yaml:\d+ \(configmap\/orders-config-\w+\)$/,
    );
    if (level?.kind !== "file" || level.line === undefined) throw new Error("no line");
    expect(text[level.line - 1]).toBe("  LOGGING__LEVEL: info");
    const url = origin("APP_POSTGRES__URL");
    if (url?.kind !== "file" || url.line === undefined) throw new Error("no line");
    expect(url.object).toBe("deployment/orders");
    expect(text[url.line - 1]).toContain("- name: APP_POSTGRES__URL");
    const password = origin("DB_PASSWORD");
    if (password?.kind !== "file" || password.line === undefined) throw new Error("no line");
    expect(password.object).toMatch(/^secret\/orders-db-/);
    expect(text[password.line - 1]).toMatch(/^ {2}password: /);
  });

  it("reads a directory of manifests as kubectl apply -f DIR does, and a CronJob's container", () => {
    const cleanup = read({
      manifests: "rendered",
      workload: "cronjob/orders-cleanup",
      namespace: "orders-staging",
    });
    expect(cleanup.problems).toEqual([]);
    expect(cleanup.entries.get("APP_ENV")?.value).toBe("development");
    expect(cleanup.entries.get("APP_LOGGING__LEVEL")?.value).toBe("debug");
  });
});

describe.skipIf(!hasKubectl)("against kubectl kustomize", () => {
  for (const environment of ["staging", "production"]) {
    it(`the committed render of ${environment} is what kubectl renders today`, () => {
      const rendered = spawnSync("kubectl", ["kustomize", `overlays/${environment}`], {
        cwd: deploy,
        encoding: "utf8",
      });
      expect(rendered.status).toBe(0);
      expect(readFileSync(resolve(deploy, `rendered/${environment}.yaml`), "utf8")).toBe(rendered.stdout);
    });
  }

  it("a render command is run once per input hash and its output read", () => {
    const options = {
      render: { command: ["kubectl", "kustomize", "overlays/staging"], inputs: ["base", "overlays/staging"] },
      workload: "deployment/orders",
      container: "orders",
    };
    const first = read(options);
    expect(first.problems).toEqual([]);
    expect(first.entries.get("APP_ENV")?.value).toBe("staging");
    expect(first.files[0]).toMatch(/^node_modules\/\.cache\/cfgkit\/render-[0-9a-f]+\.yaml$/);
    const committed = read({
      manifests: "rendered/staging.yaml",
      workload: "deployment/orders",
      container: "orders",
    });
    expect(values(first)).toEqual(values(committed));
    expect(read(options).files[0]).toBe(first.files[0]);
  });
});
