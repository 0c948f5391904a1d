// examples/fleet/: the CronJob manifest and the CI job, parsed as Kubernetes and GitHub read them, and the
// commands they name run on a service: the CronJob's collect script (its `cfg snapshot` runs for real in the
// example service; kubectl, which needs a cluster, is a shim that lists pods and runs the exec'd command in
// the service's folder with each pod's environment), then the CI job's `cfg diff` on the tree it collected.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { exampleDir } from "../cli/_cli.js";

const repositoryRoot = resolve(import.meta.dirname, "../..");
const fleetDir = join(repositoryRoot, "examples/fleet");
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Container {
  name: string;
  image: string;
  command: string[];
  args: string[];
  env: { name: string; value?: string; valueFrom?: unknown }[];
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName: string;
  restartPolicy: string;
  volumes: { name: string }[];
  initContainers: Container[];
  containers: Container[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: { concurrencyPolicy: string; jobTemplate: { spec: { template: { spec: PodSpec } } } };
  rules: unknown[];
  roleRef: { name: string };
}
const manifests = parseAllDocuments(readFileSync(join(fleetDir, "cronjob.yaml"), "utf8")).map(
  (d) => d.toJS() as Manifest,
);
const byKind = (kind: string) => manifests.find((m) => m.kind === kind) as Manifest;
const cronJob = byKind("CronJob");
const podSpec = cronJob.spec.jobTemplate.spec.template.spec;
const collect = podSpec.initContainers[0] as Container;

/** A repository with the example at services/orders, and a kubectl shim whose pods have the given environments. */
function cluster(pods: Record<string, Record<string, string> | "fails">) {
  mkdirSync(join(repositoryRoot, ".scratch"), { recursive: true });
  const top = mkdtempSync(join(repositoryRoot, ".scratch", "fleet-example-"));
  made.push(top);
  const service = join(top, "services/orders");
  cpSync(exampleDir, service, { recursive: true });
  const bin = join(top, "bin");
  mkdirSync(join(top, "pods"), { recursive: true });
  for (const [pod, env] of Object.entries(pods))
    writeFileSync(
      join(top, "pods", pod),
      env === "fails"
        ? "FAIL\n"
        : Object.entries(env)
            .map(([k, v]) => `${k}=${v}\n`)
            .join(""),
    );
  mkdirSync(bin);
  writeFileSync(
    join(bin, "kubectl"),
    `#!/usr/bin/env bash
# get: the pods; exec: the command after --, in the service's folder with the pod's environment.
case "$1" in
  get) ls "${top}/pods" | tr '\\n' ' ' ;;
  exec)
    while [ "$1" != "--" ]; do case "$1" in exec|-n|-c) shift 2 2>/dev/null || shift ;; *) pod="$1"; shift ;; esac; done
    shift
    grep -qx FAIL "${top}/pods/$pod" && { echo "error: container not found" >&2; exit 1; }
    cd "${service}" && env $(cat "${top}/pods/$pod") "$@" ;;
  *) exit 64 ;;
esac
`,
  );
  chmodSync(join(bin, "kubectl"), 0o755);
  return { top, bin };
}

function runCollect(top: string, bin: string) {
  const env = Object.fromEntries(collect.env.map((e) => [e.name, e.value ?? "orders"])); // NAMESPACE comes from the pod
  const result = spawnSync(
    collect.command[0] as string,
    [...collect.command.slice(1), collect.args[0] as string],
    {
      env: {
        ...env,
        OUT: join(top, "snapshots"),
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        HOME: process.env.HOME ?? "",
      },
      encoding: "utf8",
      timeout: 120_000,
    },
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

interface Workflow {
  env: Record<string, string>;
  jobs: { drift: { steps: { name?: string; run?: string; uses?: string }[] } };
}
const workflow = parse(readFileSync(join(fleetDir, "fleet-drift.yml"), "utf8")) as Workflow;
const diffStep = workflow.jobs.drift.steps.find(
  (step) => step.run?.includes("cfg") && step.run.includes(" diff "),
);

function runDiff(top: string) {
  const result = spawnSync("bash", ["-e", "-c", diffStep?.run ?? "exit 99"], {
    cwd: top,
    env: {
      ...workflow.env,
      GITHUB_WORKSPACE: top,
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("the CronJob manifest", () => {
  it("is a CronJob with a service account that may only list pods and exec in them", () => {
    expect(cronJob.spec).toMatchObject({ concurrencyPolicy: "Forbid" });
    expect(podSpec.restartPolicy).toBe("Never");
    expect(podSpec.serviceAccountName).toBe(byKind("ServiceAccount").metadata.name);
    expect(byKind("Role").rules).toEqual([
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] },
      { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] },
    ]);
    expect(byKind("RoleBinding").roleRef.name).toBe(byKind("Role").metadata.name);
    expect(collect.args[0]).toContain("npx --no-install cfg snapshot --env");
    // Both containers share the volume the snapshots go through.
    const mounts = [collect, ...podSpec.containers].map((c) => c.volumeMounts[0]?.name);
    expect(new Set(mounts)).toEqual(new Set([podSpec.volumes[0]?.name]));
  });

  it("its collect script writes one real snapshot per running pod, as cluster/namespace/service/pod.json", () => {
    const { top, bin } = cluster({ "orders-6f7c9-a1": {}, "orders-6f7c9-b2": {}, "orders-6f7c9-c3": {} });
    const result = runCollect(top, bin);
    expect(result.code, result.stderr).toBe(0);
    const folder = join(top, "snapshots/eu-west-1/orders/orders");
    expect(readdirSync(folder).sort()).toEqual([
      "orders-6f7c9-a1.json",
      "orders-6f7c9-b2.json",
      "orders-6f7c9-c3.json",
    ]);
    const snapshot = JSON.parse(readFileSync(join(folder, "orders-6f7c9-a1.json"), "utf8"));
    expect(snapshot).toMatchObject({ format: "cfgkit-snapshot", environment: "production" });
  });

  it("a pod whose snapshot fails: the job fails and leaves no partial file", () => {
    const { top, bin } = cluster({ "orders-6f7c9-a1": {}, "orders-6f7c9-b2": "fails" });
    const result = runCollect(top, bin);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("cfg snapshot failed in pod orders-6f7c9-b2");
    const folder = join(top, "snapshots/eu-west-1/orders/orders");
    expect(readdirSync(folder)).toEqual(["orders-6f7c9-a1.json"]);
  });
});

describe("the CI job", () => {
  it("diffs the collected tree: one pod overridden by its environment fails the job with one annotation", () => {
    const { top, bin } = cluster({
      "orders-6f7c9-a1": {},
      "orders-6f7c9-b2": {},
      "orders-6f7c9-c3": { APP_RETRY__MAX_ATTEMPTS: "5" },
    });
    expect(runCollect(top, bin).code).toBe(0);
    expect(workflow.env.SERVICE_DIR).toBe("services/orders");
    const result = runDiff(top);
    expect(result.code, result.stderr).toBe(1);
    // The outlier's value came from its process environment and the majority's from the default: no line to
    // point at, so the annotation belongs to the run.
    const annotations = result.stdout.trim().split("\n");
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(
      /^::error title=cfg forbidden-drift \(cluster=eu-west-1%3A .*::APP_RETRY__MAX_ATTEMPTS /,
    );
    expect(annotations[0]).toContain("=5");
  });

  it("a fleet that agrees with the repository passes, and an empty tree is exit 2", () => {
    const { top, bin } = cluster({ "orders-6f7c9-a1": {}, "orders-6f7c9-b2": {} });
    expect(runCollect(top, bin).code).toBe(0);
    expect(runDiff(top)).toMatchObject({ code: 0, stdout: "" });
    rmSync(join(top, "snapshots/eu-west-1"), { recursive: true });
    expect(existsSync(join(top, "snapshots"))).toBe(true);
    expect(runDiff(top).code).toBe(2);
  });
});
