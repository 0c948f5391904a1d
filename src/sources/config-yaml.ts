/**
 * YAML config files: YAML 1.2, merge keys honoured, no custom tags, aliases bounded. The `yaml` package is
 * loaded only when a YAML file exists (its import alone costs tens of milliseconds).
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import type { ParsedConfig } from "./config-json.js";
import type { ConfigNode } from "./types.js";
import type * as YamlBundle from "./yaml-bundle.js";

const require = createRequire(import.meta.url);
let yaml: typeof YamlBundle | undefined;

/**
 * `yaml`, loaded on the first YAML file: from the build's one-file bundle beside this code (dist/yaml.cjs,
 * yaml-bundle.ts), or, running from source (the tests), from the package itself.
 */
export function loadYaml(): typeof YamlBundle {
  const fromSource = import.meta.url.endsWith(".ts");
  yaml ??= require(fromSource ? "yaml" : "./yaml.cjs") as typeof YamlBundle;
  return yaml;
}

/** Enough for real configs; a "billion laughs" document needs far more. */
const MAX_ALIAS_COUNT = 100;

export function parseYamlConfig(text: string): ParsedConfig {
  yaml = loadYaml();
  const lineCounter = new yaml.LineCounter();
  const document = yaml.parseDocument(text, {
    version: "1.2",
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
    customTags: [],
    lineCounter,
  });
  const failure = document.errors[0] ?? document.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (failure) {
    const { line, col } = lineCounter.linePos(failure.pos[0]);
    // The code, not the message: yaml's messages quote the offending source text.
    return { ok: false, message: `YAML error: ${describeYamlCode(failure.code)}`, line, column: col };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return {
      ok: false,
      message: `YAML error: aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT} alias uses)`,
      line: 1,
      column: 1,
    };
  }
  return { ok: true, tree: toConfigNode(value, document.contents, lineCounter, 1) };
}

export function describeYamlCode(code: string): string {
  if (code === "DUPLICATE_KEY") return "a key appears twice in the same mapping";
  if (code === "TAG_RESOLVE_FAILED") return "custom tags are not supported";
  return code.toLowerCase().replace(/_/g, " ");
}

/** Pairs the plain value with the syntax tree for line numbers; merged or aliased keys take the line of their use. */
function toConfigNode(
  value: unknown,
  node: unknown,
  lines: Yaml.LineCounter,
  fallbackLine: number,
): ConfigNode {
  const line = lineOf(node, lines) ?? fallbackLine;
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date) {
    return { value, line, column: 1 };
  }
  const pairs = yaml?.isMap(node) ? node.items : [];
  const children = new Map<string, ConfigNode>();
  for (const key of Object.keys(value)) {
    const pair = pairs.find((p) => yaml?.isScalar(p.key) && String(p.key.value) === key);
    const mergeLine = pairs.find((p) => yaml?.isScalar(p.key) && p.key.value === "<<");
    const keyLine = lineOf(pair?.key, lines) ?? lineOf(mergeLine?.key, lines) ?? line;
    const child = toConfigNode((value as Record<string, unknown>)[key], pair?.value, lines, keyLine);
    children.set(key, { ...child, line: keyLine });
  }
  return { value, line, column: 1, children };
}

function lineOf(node: unknown, lines: Yaml.LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}
