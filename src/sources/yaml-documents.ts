/**
 * Multi-document YAML (Kubernetes manifests, Compose files) with the line of every value, so an origin can
 * point at the ConfigMap key or the `env` entry. The `yaml` package is loaded on first use only.
 */
import type * as Yaml from "yaml";
import { depthMessage, describeYamlCode, loadYaml, YAML_CORE_OPTIONS } from "./config-yaml.js";
import { exceedsDepth } from "./json-checks.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { readSourceText } from "./read-text.js";
import type { SourceProblem } from "./types.js";
import type * as YamlBundle from "./yaml-bundle.js";

let yaml: typeof YamlBundle | undefined;

/** Enough for real manifests and Compose files' anchors; a "billion laughs" document needs far more. */
const MAX_ALIAS_COUNT = 1000;

export type YamlPath = readonly (string | number)[];

export interface YamlDocument {
  value: unknown;
  /** 1-based line where the document starts. */
  line: number;
  /** The line of the key (or sequence item) at `path`; the nearest enclosing line when it is merged or aliased. */
  lineOf: (path: YamlPath) => number;
}

export type ParsedYaml =
  | { ok: true; documents: YamlDocument[] }
  | { ok: false; message: string; line: number; column: number };

/**
 * Reads and parses a manifest or Compose file: its documents, or the one problem to report, with the file's
 * line and column where known. `file` is the name shown to the user.
 */
export function readYamlFile(
  absolute: string,
  file: string,
): { ok: true; documents: YamlDocument[] } | { ok: false; problem: SourceProblem } {
  const read = readSourceText(absolute);
  if (!read?.ok) {
    const reason = read ? read.message : "does not exist";
    const line = read?.line ? { line: read.line } : {};
    return { ok: false, problem: { file, ...line, message: `${file} ${reason}`, severity: "error" } };
  }
  const parsed = parseYamlDocuments(read.text);
  if (!parsed.ok) {
    const { message, line, column } = parsed;
    return { ok: false, problem: { file, line, column, message, severity: "error" } };
  }
  return { ok: true, documents: parsed.documents };
}

export function parseYamlDocuments(text: string): ParsedYaml {
  yaml ??= loadYaml();
  const lib = yaml;
  const lineCounter = new lib.LineCounter();
  const fail = (code: string, offset: number, message = `YAML error: ${describeYamlCode(code)}`) => {
    const { line, col } = lineCounter.linePos(offset);
    return { ok: false as const, message, line, column: col };
  };
  let documents: Yaml.Document.Parsed[];
  try {
    const parsed = lib.parseAllDocuments(text, { ...YAML_CORE_OPTIONS, lineCounter });
    documents = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    if (error instanceof RangeError)
      return fail("", 0, `YAML error: ${depthMessage(DEFAULT_LIMITS.maxDepth)}`);
    throw error;
  }
  const result: YamlDocument[] = [];
  for (const document of documents) {
    // The code, not the message: yaml's messages quote the offending source text.
    const failure = document.errors[0] ?? document.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
    if (failure)
      return fail(
        failure.code,
        failure.pos[0],
        `YAML error: ${describeYamlCode(failure.code, failure.message)}`,
      );
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const problem =
        error instanceof RangeError
          ? depthMessage(DEFAULT_LIMITS.maxDepth)
          : `aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT} alias uses)`;
      return fail("", document.range[0], `YAML error: ${problem}`);
    }
    if (exceedsDepth(value, DEFAULT_LIMITS.maxDepth)) {
      return fail("", document.range[0], `YAML error: ${depthMessage(DEFAULT_LIMITS.maxDepth)}`);
    }
    const line = lineCounter.linePos(document.contents?.range?.[0] ?? document.range[0]).line;
    result.push({ value, line, lineOf: (path) => lineAt(lib, document.contents, path, lineCounter) ?? line });
  }
  return { ok: true, documents: result };
}

/** Walks the syntax tree along `path`, remembering the last line found (a merged key has none of its own). */
function lineAt(
  lib: typeof YamlBundle,
  root: unknown,
  path: YamlPath,
  lines: Yaml.LineCounter,
): number | undefined {
  let node: unknown = root;
  let line = rangeLine(node, lines);
  for (const segment of path) {
    if (lib.isMap(node)) {
      const pair = node.items.find(
        (item) => lib.isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return line;
      line = rangeLine(pair.key, lines) ?? line;
      node = pair.value;
    } else if (lib.isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      line = rangeLine(node, lines) ?? line;
    } else {
      return line;
    }
    if (lib.isAlias(node)) return line;
  }
  return line;
}

function rangeLine(node: unknown, lines: Yaml.LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}
