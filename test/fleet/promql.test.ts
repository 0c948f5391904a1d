// The PromQL the README's Fleet section documents parses as PromQL (Prometheus' own lezer grammar), and asks
// about what cfgkit exports: the info metric's labels and the annotation kube-state-metrics exports.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parser } from "@prometheus-io/lezer-promql";
import { describe, expect, it } from "vitest";
import { FINGERPRINT_ANNOTATION } from "../../src/cli/render-k8s-annotation.js";
import { CONFIG_INFO_METRIC } from "../../src/index.js";

const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
const fleet = readme.slice(
  readme.indexOf("## Fleet"),
  readme.indexOf("\n## ", readme.indexOf("## Fleet") + 1),
);
const queries = [...fleet.matchAll(/```promql\n([\s\S]*?)```/g)].map((m) => m[1] as string);

function syntaxErrors(query: string): string[] {
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`at ${node.from}: ${query.slice(node.from, node.from + 20)}`);
    },
  });
  return errors;
}

describe("the README's PromQL", () => {
  it("the grammar catches a broken query, so its approval means something", () => {
    expect(syntaxErrors("count by (namespace (cfgkit_config_info)")).not.toEqual([]);
  });

  it("two queries, both valid PromQL", () => {
    expect(queries).toHaveLength(2);
    for (const query of queries) expect(syntaxErrors(query), query).toEqual([]);
  });

  it("they ask about the metric cfgkit registers and the annotation cfg hash prints", () => {
    for (const query of queries) expect(query).toContain(`${CONFIG_INFO_METRIC}`);
    const label = `annotation_${FINGERPRINT_ANNOTATION.replace(/[^a-zA-Z0-9]/g, "_")}`;
    expect(queries[1]).toContain(label);
    expect(fleet).toContain(`--metric-annotations-allowlist=pods=[${FINGERPRINT_ANNOTATION}]`);
  });
});
