/**
 * Kubernetes manifests as a source: one workload's container environment, resolved as the kubelet does.
 * `envFrom` (ConfigMaps and Secrets, with `prefix`, in order), then `env` (`value` with `$(VAR)` expansion,
 * `configMapKeyRef`, `secretKeyRef`, `fieldRef`/`resourceFieldRef` as "set at run time"), later entries
 * winning. Everything from a Secret is secret. cfgkit renders nothing itself; see kubernetes-render.ts.
 */

import { ContainerEnvironment } from "./kubernetes-container.js";
import { isRecord, type ManifestObject, readManifests } from "./kubernetes-manifests.js";
import { renderManifests } from "./kubernetes-render.js";
import type { SourceContext, SourceKind, SourceRead } from "./source-kind.js";
import type { SourceProblem } from "./types.js";
import type { YamlPath } from "./yaml-documents.js";

export interface KubernetesSourceOptions {
  /** Manifest files or directories, relative to the project (e.g. a committed `kubectl kustomize` render). */
  manifests?: string | readonly string[];
  /** Or a command that prints the manifests (`["kubectl", "kustomize", "deploy/overlays/production"]`), run in the project and cached per input hash. */
  render?: { command: readonly string[]; inputs: readonly string[] };
  /** `kind/name`: `deployment/api`, `statefulset/db`, `cronjob/cleanup`, `pod/debug`… */
  workload: string;
  /** The container's name; may be left out when the workload has one container. */
  container?: string;
  /** Only objects of this namespace; by default the workload's. */
  namespace?: string;
}

/** Kinds that run containers, with where their pod spec lives, and the names kubectl accepts for them. */
const WORKLOADS: Record<string, { kind: string; podSpec: YamlPath }> = {};
for (const [kind, podSpec, ...names] of [
  ["Deployment", ["spec", "template", "spec"], "deployment", "deployments", "deploy"],
  ["StatefulSet", ["spec", "template", "spec"], "statefulset", "statefulsets", "sts"],
  ["DaemonSet", ["spec", "template", "spec"], "daemonset", "daemonsets", "ds"],
  ["ReplicaSet", ["spec", "template", "spec"], "replicaset", "replicasets", "rs"],
  ["Job", ["spec", "template", "spec"], "job", "jobs"],
  ["CronJob", ["spec", "jobTemplate", "spec", "template", "spec"], "cronjob", "cronjobs", "cj"],
  ["Pod", ["spec"], "pod", "pods", "po"],
] as const) {
  for (const name of names) WORKLOADS[name] = { kind, podSpec };
}

export const kubernetesSource: SourceKind<KubernetesSourceOptions> = {
  key: "kubernetes",
  parseOptions: parseKubernetesOptions,
  read: readKubernetes,
};

function parseKubernetesOptions(raw: unknown): KubernetesSourceOptions | string {
  if (!isRecord(raw))
    return 'expects { manifests: "deploy/rendered/production.yaml", workload: "deployment/api" }';
  const { manifests, render, workload, container, namespace } = raw;
  const paths = typeof manifests === "string" ? [manifests] : manifests;
  if (
    paths !== undefined &&
    !(Array.isArray(paths) && paths.length > 0 && paths.every((p) => typeof p === "string"))
  )
    return "manifests must be a path or a list of paths";
  if ((paths === undefined) === (render === undefined))
    return "needs either manifests (files to read) or render (a command to run)";
  if (render !== undefined && !isRenderOptions(render))
    return 'render must be { command: ["kubectl", "kustomize", "deploy/overlays/production"], inputs: ["deploy"] }';
  if (typeof workload !== "string" || !/^[a-z]+\/[^/]+$/i.test(workload))
    return 'workload must be "kind/name", e.g. "deployment/api"';
  if (!WORKLOADS[(workload.split("/")[0] ?? "").toLowerCase()])
    return `workload kind "${workload.split("/")[0]}" does not run containers (use deployment, statefulset, daemonset, replicaset, job, cronjob or pod)`;
  if (container !== undefined && typeof container !== "string") return "container must be a name";
  if (namespace !== undefined && typeof namespace !== "string") return "namespace must be a name";
  return raw as unknown as KubernetesSourceOptions;
}

function isRenderOptions(value: unknown): value is KubernetesSourceOptions["render"] {
  if (!isRecord(value)) return false;
  const strings = (list: unknown) =>
    Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === "string");
  return strings(value.command) && strings(value.inputs);
}

function readKubernetes(options: KubernetesSourceOptions, context: SourceContext): SourceRead {
  const [kindWord = "", workloadName = ""] = options.workload.split("/");
  const workloadKind = WORKLOADS[kindWord.toLowerCase()] ?? { kind: kindWord, podSpec: ["spec"] };
  const label = `${workloadKind.kind.toLowerCase()}/${workloadName}`;
  const result: SourceRead = { name: `kubernetes ${label}`, entries: new Map(), problems: [], files: [] };
  let paths: readonly string[];
  if (options.render) {
    const rendered = renderManifests(options.render, context.cwd);
    if (!rendered.ok) {
      result.problems.push({ file: rendered.shown, message: rendered.message, severity: "error" });
      return result;
    }
    paths = [rendered.file];
  } else {
    paths = typeof options.manifests === "string" ? [options.manifests] : (options.manifests ?? []);
  }
  const manifests = readManifests(paths, context.cwd);
  result.files.push(...manifests.files);
  result.problems.push(...manifests.problems);
  if (manifests.problems.some((problem) => problem.severity === "error")) return result;
  const shownPaths = paths.join(", ");

  const workloads = manifests.objects.filter(
    (object) => WORKLOADS[object.kind.toLowerCase()]?.kind === object.kind,
  );
  const workload = workloads.find(
    (object) =>
      object.kind === workloadKind.kind &&
      object.name === workloadName &&
      (options.namespace === undefined || object.namespace === options.namespace),
  );
  if (!workload) {
    const known = workloads.map((object) => `${object.kind.toLowerCase()}/${object.name}`);
    result.problems.push({
      file: manifests.files[0] ?? shownPaths,
      message: `workload ${label} is not in ${shownPaths} (workloads: ${known.length > 0 ? known.join(", ") : "none"})`,
      severity: "error",
    });
    return result;
  }
  const container = findContainer(workload, workloadKind.podSpec, options.container, result.problems);
  if (!container) return result;
  const resolver = new ContainerEnvironment(workload, manifests.objects, result);
  resolver.resolve(container.value, container.path);
  return result;
}

function findContainer(
  workload: ManifestObject,
  podSpecPath: YamlPath,
  wanted: string | undefined,
  problems: SourceProblem[],
): { value: Record<string, unknown>; path: YamlPath } | undefined {
  let podSpec: unknown = workload.body;
  for (const segment of podSpecPath) podSpec = isRecord(podSpec) ? podSpec[segment as string] : undefined;
  const label = `${workload.kind.toLowerCase()}/${workload.name}`;
  const containers: { value: Record<string, unknown>; path: YamlPath }[] = [];
  for (const field of ["containers", "initContainers"]) {
    const list = isRecord(podSpec) ? podSpec[field] : undefined;
    if (!Array.isArray(list)) continue;
    list.forEach((value, index) => {
      if (isRecord(value)) containers.push({ value, path: [...podSpecPath, field, index] });
    });
  }
  const names = containers.map((container) => String(container.value.name));
  const fail = (message: string) => {
    problems.push({
      file: workload.file,
      line: workload.lineOf([...podSpecPath, "containers"]),
      message: `${message}`,
      severity: "error",
    });
    return undefined;
  };
  if (wanted !== undefined) {
    return (
      containers.find((container) => container.value.name === wanted) ??
      fail(`container "${wanted}" is not in ${label} (containers: ${names.join(", ") || "none"})`)
    );
  }
  const regular = containers.filter((container) => container.path.includes("containers"));
  if (regular.length === 1) return regular[0];
  return fail(
    regular.length === 0
      ? `${label} has no containers`
      : `${label} has ${regular.length} containers (${regular.map((c) => String(c.value.name)).join(", ")}): name one with container`,
  );
}
