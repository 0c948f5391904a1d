/**
 * Untyped mode (no settings definition): a plan with one raw-text key per variable the project's sources hold, so an
 * untyped environment resolves through the same layers, precedence and code as a typed one (DESIGN.md §4).
 * Config-file keys keep their nesting (`http.port`, read from `HTTP__PORT` too, as a schema without a prefix
 * would); `.env` keys are taken whole, never split on `.`.
 */
import { z } from "zod";
import { defineSettings, type SettingsDefinition } from "./define.js";
import { envNameForPath } from "./env-names.js";
import { type LoadOptions, type ResolvedSettings, resolveCollected, sourceInputs } from "./settings.js";
import { collectSources } from "./sources/collect.js";
import type { ConfigNode, Layer } from "./sources/types.js";

/** What untyped sources are collected with: no keys, so every variable of every layer is kept. */
export const NO_DEFINITION: SettingsDefinition = defineSettings({ schema: z.object({}) });

/** A value as the raw text it stands for: strings as they are, config values as JSON text (`8080`, `true`). */
export function rawText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

const rawTextSchema = () => z.preprocess(rawText, z.string()).optional();

/** Config paths found, as a tree: a path that is a plain value in any file is one key (node-config replaces it whole). */
interface PathTree {
  leaf: boolean;
  children: Map<string, PathTree>;
}

const PROCESS_ENV_LAYER = "process.env";

/**
 * A definition with one raw-text key per variable the project's sources in `layers` hold (files, deployment
 * sources; not the bare process environment); same options as a schema without one.
 */
export function untypedDefinition(layers: readonly Layer[], configDir: string | false): SettingsDefinition {
  const root: PathTree = { leaf: false, children: new Map() };
  for (const layer of layers) if (layer.kind === "config") addConfigPaths(root, layer.tree);
  const shape: Record<string, z.ZodType> = {};
  const namesTaken = new Set<string>();
  for (const [key, child] of root.children) shape[key] = configSchema(child, [key], namesTaken);
  for (const layer of layers) {
    // The process environment overrides the project's variables but adds none: a host's PATH, HOME and shell
    // are not the service's settings, and a snapshot or `--process-env` print must not record them all.
    if (layer.kind !== "env" || layer.name === PROCESS_ENV_LAYER) continue;
    for (const key of layer.entries.keys()) {
      // A config key of the same env name already reads this variable; a clash of names keeps the first.
      if (namesTaken.has(key) || Object.hasOwn(shape, key)) continue;
      namesTaken.add(key);
      shape[key] = rawTextSchema().meta({ env: key });
    }
  }
  return defineSettings({ schema: z.object(shape), configDir });
}

function addConfigPaths(tree: PathTree, node: ConfigNode): void {
  if (!node.children) return;
  for (const [key, child] of node.children) {
    let entry = tree.children.get(key);
    if (!entry) {
      entry = { leaf: false, children: new Map() };
      tree.children.set(key, entry);
    }
    if (child.children) addConfigPaths(entry, child);
    else entry.leaf = true;
  }
}

function configSchema(tree: PathTree, path: string[], namesTaken: Set<string>): z.ZodType {
  // An empty mapping (`http: {}`) holds no variable: an object with no keys.
  if (tree.leaf) {
    namesTaken.add(envNameForPath(path, "", "__"));
    return rawTextSchema();
  }
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of tree.children) shape[key] = configSchema(child, [...path, key], namesTaken);
  return z.object(shape).optional();
}

/** Resolves one environment without a definition: every variable found, as raw text, through the typed path. */
export function resolveUntyped(options: LoadOptions & { configDir?: string | false }): ResolvedSettings {
  const configDir = options.configDir ?? "config";
  const collecting =
    configDir === "config" ? NO_DEFINITION : defineSettings({ schema: z.object({}), configDir });
  const inputs = sourceInputs(collecting, options);
  const sources = collectSources(collecting, inputs);
  return resolveCollected(untypedDefinition(sources.layers, configDir), sources, inputs.environment);
}
