/** The environment of one container, entry by entry as the kubelet builds it (see kubernetes.ts for the order). */
import { expandKubeletReferences } from "./kubelet-expand.js";
import { type DataValue, objectData } from "./kubernetes-data.js";
import { isRecord, type ManifestObject } from "./kubernetes-manifests.js";
import type { SourceRead } from "./source-kind.js";
import type { RawEntry } from "./types.js";
import type { YamlPath } from "./yaml-documents.js";

/** The environment of one container, built entry by entry as the kubelet builds it. */
export class ContainerEnvironment {
  private readonly dataCache = new Map<ManifestObject, Map<string, DataValue>>();
  private readonly label: string;

  constructor(
    private readonly workload: ManifestObject,
    private readonly objects: readonly ManifestObject[],
    private readonly result: SourceRead,
  ) {
    this.label = `${workload.kind.toLowerCase()}/${workload.name}`;
  }

  resolve(container: Record<string, unknown>, path: YamlPath): void {
    const envFrom = Array.isArray(container.envFrom) ? container.envFrom : [];
    envFrom.forEach((source, index) => {
      this.addEnvFrom(source, [...path, "envFrom", index]);
    });
    const env = Array.isArray(container.env) ? container.env : [];
    env.forEach((entry, index) => {
      this.addEnv(entry, [...path, "env", index]);
    });
  }

  private addEnvFrom(source: unknown, path: YamlPath): void {
    if (!isRecord(source)) return;
    const prefix = typeof source.prefix === "string" ? source.prefix : "";
    const [kind, ref] = isRecord(source.secretRef)
      ? ["Secret", source.secretRef]
      : ["ConfigMap", source.configMapRef];
    if (!isRecord(ref)) {
      this.fail(path, "an envFrom entry names neither configMapRef nor secretRef");
      return;
    }
    const object = this.referenced(kind, ref, path);
    if (!object) return;
    for (const [key, data] of this.dataOf(object))
      this.set(prefix + key, data.value, data.line, object, data.secret);
  }

  private addEnv(entry: unknown, path: YamlPath): void {
    if (!isRecord(entry) || typeof entry.name !== "string" || entry.name === "") {
      this.fail(path, "an env entry has no name");
      return;
    }
    const line = this.workload.lineOf(path);
    const from = entry.valueFrom;
    if (!isRecord(from)) {
      const text =
        typeof entry.value === "string" ? entry.value : entry.value === undefined ? "" : String(entry.value);
      let secret = false;
      const value = expandKubeletReferences(text, (name) => {
        const known = this.result.entries.get(name);
        if (known?.secret) secret = true;
        return known === undefined ? undefined : String(known.value);
      });
      this.set(entry.name, value, line, this.workload, secret);
      return;
    }
    for (const [field, kind] of [
      ["configMapKeyRef", "ConfigMap"],
      ["secretKeyRef", "Secret"],
    ] as const) {
      const ref = from[field];
      if (!isRecord(ref)) continue;
      const object = this.referenced(kind, ref, [...path, "valueFrom", field]);
      if (!object) return;
      const data = this.dataOf(object).get(String(ref.key));
      if (data) {
        this.set(entry.name, data.value, data.line, object, data.secret);
        return;
      }
      if (ref.optional === true) return;
      this.fail(
        [...path, "valueFrom", field],
        `${entry.name}: key "${String(ref.key)}" is not in ${kind.toLowerCase()}/${object.name}`,
      );
      return;
    }
    const runtime = isRecord(from.fieldRef)
      ? `fieldRef ${String(from.fieldRef.fieldPath)}`
      : isRecord(from.resourceFieldRef)
        ? `resourceFieldRef ${String(from.resourceFieldRef.resource)}`
        : undefined;
    if (!runtime) {
      this.fail(
        path,
        `${entry.name}: valueFrom names no configMapKeyRef, secretKeyRef, fieldRef or resourceFieldRef`,
      );
      return;
    }
    // The kubelet fills these in from the pod: a description stands for the value.
    this.set(entry.name, `<set at run time: ${runtime}>`, line, this.workload, false);
  }

  /** The ConfigMap or Secret a reference names, or `undefined` (an error unless the reference is optional). */
  private referenced(kind: string, ref: Record<string, unknown>, path: YamlPath): ManifestObject | undefined {
    const name = String(ref.name);
    const found = this.objects.find(
      (object) =>
        object.kind === kind && object.name === name && object.namespace === this.workload.namespace,
    );
    if (!found && ref.optional !== true)
      this.fail(
        path,
        `${kind.toLowerCase()}/${name} is referenced by ${this.label} but is not in the manifests (mark the reference optional: true if it may be absent)`,
      );
    return found;
  }

  private dataOf(object: ManifestObject): Map<string, DataValue> {
    let data = this.dataCache.get(object);
    if (!data) {
      data = objectData(object, this.result.problems);
      this.dataCache.set(object, data);
    }
    return data;
  }

  private set(name: string, value: string, line: number, object: ManifestObject, secret: boolean): void {
    const entry: RawEntry = {
      value,
      origin: {
        kind: "file",
        file: object.file,
        line,
        object: `${object.kind.toLowerCase()}/${object.name}`,
      },
      ...(secret ? { secret: true as const } : {}),
    };
    // Later entries win, as in the kubelet; a Map keeps the first insertion's order, so re-insert.
    this.result.entries.delete(name);
    this.result.entries.set(name, entry);
  }

  private fail(path: YamlPath, message: string): void {
    this.result.problems.push({
      file: this.workload.file,
      line: this.workload.lineOf(path),
      message: `${message}`,
      severity: "error",
    });
  }
}
