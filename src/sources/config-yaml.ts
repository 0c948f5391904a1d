/**
 * YAML config files: the YAML 1.2 core schema only (no `!!binary`, `!!set`, `!!omap`, `!!pairs`, `!!timestamp`,
 * no custom tags), one document, merge keys honoured, aliases bounded, nesting bounded (aliases included: an
 * anchor that contains its own alias nests without end), integers exact or refused. The `yaml` package is loaded
 * only when a YAML file exists (its import alone costs tens of milliseconds).
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as Yaml from "yaml";
import { requireBundle } from "../bundle-require.js";
import type { ParsedConfig } from "./config-json.js";
import { exceedsDepth } from "./json-checks.js";
import { DEFAULT_LIMITS } from "./limits.js";
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
  yaml ??= (
    fromSource ? require("yaml") : requireBundle(fileURLToPath(new URL("./yaml.cjs", import.meta.url)))
  ) as typeof YamlBundle;
  return yaml;
}

/** How every YAML file cfgkit reads is parsed: config files, Kubernetes manifests and Compose files alike. */
export const YAML_CORE_OPTIONS: Yaml.ParseOptions & Yaml.DocumentOptions & Yaml.SchemaOptions = {
  version: "1.2",
  schema: "core",
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  customTags: [],
  // Off: with it, the core schema would still build Buffer, Set, Map and Date values from YAML 1.1 tags.
  resolveKnownTags: false,
};

/** Enough for real configs; a "billion laughs" document needs far more. */
const MAX_ALIAS_COUNT = 100;

type Failure = Extract<ParsedConfig, { ok: false }>;

export function parseYamlConfig(text: string, maxDepth: number = DEFAULT_LIMITS.maxDepth): ParsedConfig {
  yaml = loadYaml();
  const lineCounter = new yaml.LineCounter();
  const fail = (message: string, offset = 0): Failure => {
    const { line, col } = lineCounter.linePos(offset);
    return { ok: false, message: `YAML error: ${message}`, line, column: col };
  };
  let document: Yaml.Document.Parsed;
  try {
    document = yaml.parseDocument(text, { ...YAML_CORE_OPTIONS, lineCounter });
  } catch (error) {
    if (error instanceof RangeError) return fail(depthMessage(maxDepth));
    throw error;
  }
  const structural = checkNodes(document.contents, maxDepth, fail);
  if (structural) return structural;
  const failure = document.errors[0] ?? document.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  // The code, not the message: yaml's messages quote the offending source text.
  if (failure) return fail(describeYamlProblem(failure), failure.pos[0]);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return fail(`aliases expand to too many nodes (more than ${MAX_ALIAS_COUNT} alias uses)`);
  }
  if (exceedsDepth(value, maxDepth)) {
    return fail(
      `${depthMessage(maxDepth)}, counting what its aliases stand for (an anchor that contains its own alias?)`,
    );
  }
  return { ok: true, tree: toConfigNode(value, document.contents, lineCounter, 1) };
}

export function depthMessage(maxDepth: number): string {
  return `nested deeper than ${maxDepth} levels (raise limits.maxDepth to allow it)`;
}

function describeYamlProblem(problem: Yaml.YAMLError): string {
  return describeYamlCode(problem.code, problem.message);
}

/** A yaml error code in words; `message` (yaml's own) only lends the name of an unresolved tag. */
export function describeYamlCode(code: string, message = ""): string {
  if (code === "DUPLICATE_KEY") return "a key appears twice in the same mapping";
  if (code === "MULTIPLE_DOCS") return "a config file holds one document; this one has more (a second `---`)";
  if (code === "RESOURCE_EXHAUSTION") return "nested too deeply to read";
  if (code === "TAG_RESOLVE_FAILED") {
    // The tag's name is the one piece of the message that is not the file's content.
    const tag = /Unresolved tag: (\S+)/.exec(message)?.[1]?.replace("tag:yaml.org,2002:", "!!");
    return `the tag ${tag ?? "used here"} is not supported: config files use the YAML 1.2 core schema, without custom or YAML 1.1 tags`;
  }
  return code.toLowerCase().replace(/_/g, " ");
}

/**
 * One iterative walk over the syntax tree, before any value is built: nesting past the limit, and integers
 * beyond 2^53 (the core schema would round them). Aliases are not followed here; their values are checked
 * once built.
 */
function checkNodes(
  root: unknown,
  maxDepth: number,
  fail: (message: string, offset?: number) => Failure,
): Failure | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node, depth } = next;
    if (yaml?.isCollection(node)) {
      if (depth >= maxDepth) return fail(depthMessage(maxDepth), node.range?.[0]);
      for (const item of node.items) {
        if (yaml.isPair(item)) {
          stack.push({ node: item.key, depth: depth + 1 });
          stack.push({ node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    } else if (yaml?.isScalar(node) && isUnsafeInteger(node)) {
      return fail(
        `an integer beyond 2^53 (${Number.MAX_SAFE_INTEGER}) cannot be kept exact; quote it to keep it as a string`,
        node.range?.[0],
      );
    }
  }
  return undefined;
}

function isUnsafeInteger(scalar: Yaml.Scalar): boolean {
  return (
    typeof scalar.value === "number" &&
    Number.isInteger(scalar.value) &&
    !Number.isSafeInteger(scalar.value) &&
    /^[-+]?(0x|0o)?[0-9a-f_]+$/i.test(String(scalar.source ?? ""))
  );
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
