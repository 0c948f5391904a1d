/** The Kubernetes source on manifests that are wrong: each problem names its file and line. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { kubernetesSource } from "../../src/sources/kubernetes.js";
import type { SourceRead } from "../../src/sources/source-kind.js";

const fixtures = resolve(import.meta.dirname, "../fixtures/sources/kubernetes");

function read(options: Record<string, unknown>): SourceRead {
  const parsed = kubernetesSource.parseOptions(options);
  if (typeof parsed === "string") throw new Error(parsed);
  return kubernetesSource.read(parsed, { cwd: fixtures, processEnv: {} });
}

const messages = (result: SourceRead) =>
  result.problems.map((p) => `${p.file}:${p.line ?? "-"} ${p.message}`);

describe("kubernetes source, kubelet semantics", () => {
  const agent = read({ manifests: "multi.yaml", workload: "ds/agent", container: "agent" });
  const value = (key: string) => agent.entries.get(key)?.value;

  it("later entries win, $$ escapes, unknown and later references stay literal", () => {
    expect(agent.problems).toEqual([]);
    expect(value("CM_LEVEL")).toBe("warn");
    expect(value("GREETING_TWICE")).toBe("hello hello");
    expect(value("ESCAPED")).toBe("$(CM_GREETING) costs $5");
    expect(value("UNKNOWN_REF")).toBe("$(NOT_DEFINED_ANYWHERE)");
    expect(value("LATER_REF")).toBe("$(DEFINED_LATER)");
    expect(value("DSN")).toBe("user:pw-from-secret@db");
    expect(agent.entries.get("DSN")?.secret).toBe(true);
    expect(agent.entries.get("GREETING_TWICE")?.secret).toBeUndefined();
  });

  it("a container can be an init container, named", () => {
    const migrate = read({ manifests: "multi.yaml", workload: "daemonset/agent", container: "migrate" });
    expect(migrate.problems).toEqual([]);
    expect(migrate.entries.size).toBe(0);
  });

  it("the only container needs no name; a Pod is a workload", () => {
    const debug = read({ manifests: "multi.yaml", workload: "pod/debug" });
    expect(debug.problems).toEqual([]);
    expect(debug.entries.get("PLAIN")?.value).toBe("x");
  });

  it("stringData wins over data, and an undecodable key is named with its line", () => {
    const api = read({ manifests: "bad-base64.yaml", workload: "statefulset/api" });
    expect(messages(api)).toEqual([
      "bad-base64.yaml:8 secret/api-credentials data.DB_PASSWORD is not valid base64 (Secret data is base64-encoded; use stringData for plain text)",
    ]);
    expect(api.entries.get("API_TOKEN")?.value).toBe("the-plain-text-wins");
  });
});

describe("kubernetes source, bad input", () => {
  it("YAML that is not Kubernetes", () => {
    const result = read({ manifests: "not-kubernetes.yaml", workload: "deployment/api" });
    expect(messages(result)).toEqual([
      "not-kubernetes.yaml:2 a document is not Kubernetes YAML: it has no apiVersion and kind",
    ]);
  });

  it("a workload that does not exist lists those that do", () => {
    const result = read({ manifests: "multi.yaml", workload: "deployment/agent" });
    expect(messages(result)).toEqual([
      "multi.yaml:- workload deployment/agent is not in multi.yaml (workloads: daemonset/agent, pod/debug)",
    ]);
  });

  it("a container that does not exist lists those that do; several containers need a name", () => {
    expect(
      messages(read({ manifests: "multi.yaml", workload: "daemonset/agent", container: "agnet" })),
    ).toEqual([
      'multi.yaml:27 container "agnet" is not in daemonset/agent (containers: agent, log-shipper, migrate)',
    ]);
    expect(messages(read({ manifests: "multi.yaml", workload: "daemonset/agent" }))).toEqual([
      "multi.yaml:27 daemonset/agent has 2 containers (agent, log-shipper): name one with container",
    ]);
  });

  it("a referenced ConfigMap that is missing is an error on the line that references it, unless optional", () => {
    expect(messages(read({ manifests: "missing-configmap.yaml", workload: "deployment/api" }))).toEqual([
      "missing-configmap.yaml:12 configmap/api-settings is referenced by deployment/api but is not in the manifests (mark the reference optional: true if it may be absent)",
    ]);
  });

  it("a manifest path that does not exist, and options that are wrong", () => {
    expect(messages(read({ manifests: "nope.yaml", workload: "deployment/api" }))).toEqual([
      "nope.yaml:- nope.yaml does not exist (it is named as Kubernetes manifests)",
    ]);
    expect(kubernetesSource.parseOptions({ manifests: "a.yaml", workload: "service/api" })).toMatch(
      /does not run containers/,
    );
    expect(kubernetesSource.parseOptions({ manifests: "a.yaml", workload: "api" })).toMatch(/kind\/name/);
    expect(kubernetesSource.parseOptions({ workload: "deployment/api" })).toMatch(
      /either manifests .* or render/,
    );
  });

  it("a render command that is not installed is an error naming it", () => {
    const result = read({
      render: { command: ["no-such-renderer-xyz", "build"], inputs: ["multi.yaml"] },
      workload: "deployment/api",
    });
    expect(messages(result)).toEqual([
      'no-such-renderer-xyz build:- render command "no-such-renderer-xyz build" failed: no-such-renderer-xyz is not installed (or not on PATH)',
    ]);
  });

  it("YAML 1.1 tags and nesting past the depth limit are refused with their line, as in config files", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfgkit-k8s-yaml-"));
    const configMap = (data: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n${data}\n---\n` +
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n" +
      "    - name: api\n      envFrom:\n        - configMapRef:\n            name: app\n";
    writeFileSync(join(dir, "binary.yaml"), configMap("  BLOB: !!binary aGVsbG8="));
    writeFileSync(join(dir, "deep.yaml"), configMap(`  DEEP: ${"[".repeat(100)}${"]".repeat(100)}`));
    const readIn = (manifests: string) => {
      const parsed = kubernetesSource.parseOptions({ manifests, workload: "pod/api" });
      if (typeof parsed === "string") throw new Error(parsed);
      return kubernetesSource.read(parsed, { cwd: dir, processEnv: {} });
    };
    expect(messages(readIn("binary.yaml"))).toEqual([
      expect.stringMatching(/^binary\.yaml:6 .*the tag !!binary is not supported/),
    ]);
    expect(messages(readIn("deep.yaml"))).toEqual([
      expect.stringMatching(/^deep\.yaml:\d+ .*nested deeper than 64 levels/),
    ]);
  });
});
