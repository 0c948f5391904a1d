/**
 * Reading Kubernetes manifests: a multi-document YAML file or a directory of them (as written, or as
 * `kubectl kustomize` / `helm template` rendered them) into the objects they declare, each with its file and
 * a line locator. Anything that is not a Kubernetes object is an error naming its file and line.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { SourceProblem } from "./types.js";
import { readYamlFile, type YamlPath } from "./yaml-documents.js";

export interface ManifestObject {
  /** As written: `Deployment`, `ConfigMap`. */
  kind: string;
  name: string;
  /** `default` when the manifest names none, as kubectl applies it. */
  namespace: string;
  body: Record<string, unknown>;
  /** The file, as shown to users. */
  file: string;
  /** The line of a key inside this object. */
  lineOf: (path: YamlPath) => number;
  line: number;
}

export interface ReadManifests {
  objects: ManifestObject[];
  problems: SourceProblem[];
  /** Every manifest file read, as shown to users. */
  files: string[];
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Reads every manifest under `paths` (files, or directories whose `.yaml`/`.yml`/`.json` files are read in name order). */
export function readManifests(paths: readonly string[], cwd: string): ReadManifests {
  const result: ReadManifests = { objects: [], problems: [], files: [] };
  for (const path of paths) {
    for (const file of manifestFiles(path, cwd, result.problems)) readManifestFile(file, cwd, result);
  }
  return result;
}

function manifestFiles(path: string, cwd: string, problems: SourceProblem[]): string[] {
  const absolute = resolve(cwd, path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    problems.push({
      file: path,
      message: `${path} does not exist (it is named as Kubernetes manifests)`,
      severity: "error",
    });
    return [];
  }
  if (!isDirectory) return [absolute];
  const files = readdirSync(absolute)
    .filter((name) => MANIFEST_FILE.test(name) && !name.startsWith("."))
    .sort()
    .map((name) => join(absolute, name));
  if (files.length === 0)
    problems.push({
      file: path,
      message: `${path} holds no .yaml, .yml or .json manifests`,
      severity: "error",
    });
  return files;
}

function readManifestFile(absolute: string, cwd: string, into: ReadManifests): void {
  const file = relative(cwd, absolute) || absolute;
  const parsed = readYamlFile(absolute, file);
  if (!parsed.ok) {
    into.problems.push(parsed.problem);
    return;
  }
  into.files.push(file);
  for (const document of parsed.documents) {
    if (document.value === null || document.value === undefined) continue; // an empty document between `---`
    const items =
      isRecord(document.value) && document.value.kind === "List" && Array.isArray(document.value.items)
        ? document.value.items.map((item, index) => ({ item, prefix: ["items", index] as YamlPath }))
        : [{ item: document.value, prefix: [] as YamlPath }];
    for (const { item, prefix } of items) {
      const lineOf = (path: YamlPath) => document.lineOf([...prefix, ...path]);
      const object = manifestObject(item, file, lineOf);
      if (typeof object === "string") {
        into.problems.push({ file, line: lineOf([]), message: `${object}`, severity: "error" });
      } else {
        into.objects.push(object);
      }
    }
  }
}

/** The object, or why the document is not a Kubernetes object. */
function manifestObject(
  value: unknown,
  file: string,
  lineOf: (path: YamlPath) => number,
): ManifestObject | string {
  if (!isRecord(value))
    return "a document is not Kubernetes YAML: it must be a mapping with apiVersion, kind and metadata.name";
  const { apiVersion, kind, metadata } = value;
  if (typeof apiVersion !== "string" || typeof kind !== "string")
    return "a document is not Kubernetes YAML: it has no apiVersion and kind";
  const name = isRecord(metadata) ? metadata.name : undefined;
  if (typeof name !== "string" || name === "")
    return `a document is not Kubernetes YAML: its ${kind} has no metadata.name`;
  const namespace =
    isRecord(metadata) && typeof metadata.namespace === "string" ? metadata.namespace : "default";
  return { kind, name, namespace, body: value, file, lineOf, line: lineOf(["kind"]) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
