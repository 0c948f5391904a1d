/**
 * Reads every source of one environment into layers, lowest precedence first. This is the edge where files
 * and the process environment are touched; everything after it is pure.
 */
import { basename, dirname, resolve as resolvePath } from "node:path";
import type { EnvFileConvention, SettingsDefinition } from "../define.js";
import { keysDerivedFromSecrets } from "../derived-secrets.js";
import { ExpansionLimitError, expandEnv } from "../expand.js";
import { looksSecretName } from "../redact.js";
import { parseJsonConfig } from "./config-json.js";
import { parseYamlConfig } from "./config-yaml.js";
import { parseDotenvText } from "./dotenv-file.js";
import { plannedConfigFiles, plannedEnvFiles } from "./env-files.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { readDeploymentSources } from "./registry.js";
import { applyFileReferences } from "./secret-files.js";
import { directoryNames, readParsed } from "./source-cache.js";
import type { Layer, RawEntry, SourceProblem } from "./types.js";
import { dropOversizedValues, oversizedConfigValue } from "./value-size.js";

export interface SourceInputs {
  cwd: string;
  envFiles: EnvFileConvention;
  environment: string;
  processEnv: Readonly<Record<string, string | undefined>>;
  /**
   * Where the deployment keeps this environment's config (`kubernetes`, `compose`, `secretsDir` options,
   * see sources/registry.ts), in the order written; their layers stack above the `.env` files.
   */
  deployment?: { sources: Readonly<Record<string, unknown>>; where: string };
  /** Read `KEY_FILE=/path` as the value of `KEY` (the official Docker images' convention). */
  fileEnv?: boolean;
}

export interface SourceFile {
  /** As shown to users, relative to `cwd`. */
  file: string;
  kind: "dotenv" | "config" | "deployment" | "secret-file";
  status: "loaded" | "missing" | "error";
}

export interface CollectedSources {
  layers: Layer[];
  problems: SourceProblem[];
  files: SourceFile[];
}

export function collectSources(definition: SettingsDefinition, inputs: SourceInputs): CollectedSources {
  const exists = existenceCheck(inputs.cwd);
  const layers: Layer[] = [];
  const problems: SourceProblem[] = [];
  const files: SourceFile[] = [];
  let rank = 0;
  // A definition from another copy of cfgkit may predate limits.
  const limits = definition.options.limits ?? DEFAULT_LIMITS;

  const configDir = definition.options.configDir ?? "config";
  if (configDir !== false) {
    for (const file of plannedConfigFiles(configDir, inputs.environment)) {
      rank++;
      if (!exists(file)) continue;
      const json = file.endsWith(".json");
      // The limits are part of what a parse depends on, so they are part of the cache key.
      const read = readParsed(
        resolvePath(inputs.cwd, file),
        `${json ? "json" : "yaml"}:${limits.maxDepth}:${limits.maxFileBytes}`,
        (text) => (json ? parseJsonConfig(text, limits.maxDepth) : parseYamlConfig(text, limits.maxDepth)),
        limits.maxFileBytes,
      );
      if (!read) continue;
      if (!read.ok) {
        files.push({ file, kind: "config", status: "error" });
        problems.push({ file, ...lineOf(read), message: `${file} ${read.message}`, severity: "error" });
        continue;
      }
      const parsed = read.value;
      const oversized = parsed.ok ? oversizedConfigValue(parsed.tree, file, limits.maxValueBytes) : undefined;
      if (oversized) {
        files.push({ file, kind: "config", status: "error" });
        problems.push(oversized);
        continue;
      }
      if (!parsed.ok) {
        files.push({ file, kind: "config", status: "error" });
        problems.push({
          file,
          line: parsed.line,
          column: parsed.column,
          message: parsed.message,
          severity: "error",
        });
        continue;
      }
      files.push({ file, kind: "config", status: "loaded" });
      layers.push({ kind: "config", name: file, file, rank, tree: parsed.tree });
    }
  }

  const dotenvLayers: Extract<Layer, { kind: "env" }>[] = [];
  for (const { file, required } of plannedEnvFiles(inputs.envFiles, inputs.environment)) {
    rank++;
    // The file's name is part of what its parse holds (origins, messages), so it is part of the cache key.
    const read = exists(file)
      ? readParsed(
          resolvePath(inputs.cwd, file),
          `dotenv:${limits.maxFileBytes}:${file}`,
          (text) => parseDotenvText(text, file),
          limits.maxFileBytes,
        )
      : undefined;
    if (!read) {
      if (required) {
        files.push({ file, kind: "dotenv", status: "error" });
        problems.push({
          file,
          message: `${file} does not exist (it is listed in envFiles)`,
          severity: "error",
        });
      } else {
        files.push({ file, kind: "dotenv", status: "missing" });
      }
      continue;
    }
    if (!read.ok) {
      files.push({ file, kind: "dotenv", status: "error" });
      problems.push({ file, ...lineOf(read), message: `${file} ${read.message}`, severity: "error" });
      continue;
    }
    const parsed = read.value;
    problems.push(...parsed.problems);
    // A copy: the value limit and expansion change entries, and the parse is shared with the next load.
    const entries = new Map(parsed.entries);
    dropOversizedValues(entries, file, limits.maxValueBytes, problems);
    files.push({ file, kind: "dotenv", status: "loaded" });
    dotenvLayers.push({ kind: "env", name: file, file, rank, entries });
  }
  const isSecret = (name: string) =>
    definition.plan.byEnvName.get(name)?.secret === true || looksSecretName(name);
  expandDotenvLayers(dotenvLayers, inputs.processEnv, problems, isSecret);
  layers.push(...dotenvLayers);

  if (inputs.deployment) {
    const context = { cwd: inputs.cwd, processEnv: inputs.processEnv };
    for (const read of readDeploymentSources(inputs.deployment.sources, context, inputs.deployment.where)) {
      problems.push(...read.problems);
      dropOversizedValues(read.entries, read.name, limits.maxValueBytes, problems);
      const failed = read.problems.some((problem) => problem.severity === "error");
      for (const file of read.files) files.push({ file, kind: "deployment", status: "loaded" });
      if (failed && read.files.length === 0)
        files.push({ file: read.name, kind: "deployment", status: "error" });
      layers.push({ kind: "env", name: read.name, rank: ++rank, entries: read.entries, deployment: true });
    }
  }

  const processEntries = processEnvEntries(definition, inputs.processEnv);
  dropOversizedValues(processEntries, "process.env", limits.maxValueBytes, problems);
  layers.push({ kind: "env", name: "process.env", rank: ++rank, entries: processEntries });

  // env-core reads `runtimeEnvStrict` first. `runtimeEnv: process.env` names the process environment, which is
  // already the layer above (and which the CLI reads only with --process-env): it adds no override.
  const runtimeEnv = definition.flat?.runtimeEnvStrict ?? definition.flat?.runtimeEnv;
  if (runtimeEnv && runtimeEnv !== process.env) {
    const entries = new Map<string, RawEntry>();
    for (const [key, value] of Object.entries(runtimeEnv)) {
      if (value !== undefined) entries.set(key, { value, origin: { kind: "override" } });
    }
    layers.push({ kind: "env", name: "runtimeEnv", rank: ++rank, entries });
  }
  if (inputs.fileEnv) {
    const declared = (name: string) => definition.plan.byEnvName.has(name);
    const applied = applyFileReferences(layers, inputs.cwd, declared);
    problems.push(...applied.problems);
    for (const file of applied.files) files.push({ file, kind: "secret-file", status: "loaded" });
  }
  return { layers, problems, files };
}

/**
 * Whether a planned file may exist, from one directory listing per folder (kept while the folder is
 * unchanged, source-cache.ts): most planned files (`.env.local`, `config/local.yaml`…) do not, and a failed
 * open for each was half of a warm load.
 */
function existenceCheck(cwd: string): (file: string) => boolean {
  const listings = new Map<string, Set<string> | undefined>();
  return (file) => {
    const path = resolvePath(cwd, file);
    const directory = dirname(path);
    if (!listings.has(directory)) listings.set(directory, directoryNames(directory));
    // An unlistable directory proves nothing: let the read itself say what is wrong.
    return listings.get(directory)?.has(basename(path)) ?? true;
  };
}

function lineOf(read: { line?: number }): { line?: number } {
  return read.line === undefined ? {} : { line: read.line };
}

/**
 * Expands `${VAR}` across all `.env` files at once, as if they were one file in precedence order; the
 * winning entry of each key gets the expanded value. Skipped entirely when no value contains `$`.
 */
function expandDotenvLayers(
  layers: Extract<Layer, { kind: "env" }>[],
  processEnv: Readonly<Record<string, string | undefined>>,
  problems: SourceProblem[],
  isSecret: (name: string) => boolean,
): void {
  const merged: Record<string, string> = {};
  const winners = new Map<string, RawEntry>();
  let needsExpansion = false;
  for (const layer of layers) {
    for (const [key, entry] of layer.entries) {
      const value = String(entry.value);
      if (value.includes("$")) needsExpansion = true;
      merged[key] = value;
      winners.set(key, entry);
    }
  }
  if (!needsExpansion) return;
  let expanded: Record<string, string>;
  try {
    expanded = expandEnv(merged, processEnv);
  } catch (error) {
    if (!(error instanceof ExpansionLimitError)) throw error;
    const origin = winners.get(error.key)?.origin;
    problems.push({
      file: origin?.kind === "file" ? origin.file : ".env",
      ...(origin?.kind === "file" && origin.line !== undefined ? { line: origin.line } : {}),
      key: error.key,
      severity: "error",
      message: `${error.key}: expanding its \${...} references never ends (a reference cycle that keeps growing)`,
    });
    return;
  }
  // A value expanded from a secret is a secret: one named or marked so, or one a secret source gave.
  const derived = keysDerivedFromSecrets(
    merged,
    (name) => isSecret(name) || winners.get(name)?.secret === true,
  );
  for (const [key, entry] of winners) {
    // When the process sets the key, it wins anyway; keep the file's own text for provenance.
    if (processEnv[key]) continue;
    const value = expanded[key];
    if (value !== undefined && value !== entry.value) {
      const expandedEntry: RawEntry = derived.has(key)
        ? { ...entry, value, secret: true }
        : { ...entry, value };
      for (const layer of layers) {
        if (layer.entries.get(key) === entry) layer.entries.set(key, expandedEntry);
      }
    }
  }
}

/**
 * Reads the names the schema declares rather than scanning all of the environment; names under the prefix
 * are scanned too (when there is a prefix), so a typo can be reported as an unknown key.
 */
function processEnvEntries(
  definition: SettingsDefinition,
  processEnv: Readonly<Record<string, string | undefined>>,
): Map<string, RawEntry> {
  const entries = new Map<string, RawEntry>();
  // Without a schema (the CLI's untyped mode) every variable is a raw value to show.
  if (definition.plan.leaves.length === 0) {
    for (const [name, value] of Object.entries(processEnv)) {
      if (value !== undefined) entries.set(name, { value, origin: { kind: "process-env" } });
    }
    return entries;
  }
  for (const name of definition.plan.byEnvName.keys()) {
    const value = processEnv[name];
    if (value !== undefined) entries.set(name, { value, origin: { kind: "process-env" } });
  }
  const prefix = definition.plan.prefix;
  if (prefix) {
    for (const name of Object.keys(processEnv)) {
      const value = processEnv[name];
      if (name.startsWith(prefix) && value !== undefined && !entries.has(name)) {
        entries.set(name, { value, origin: { kind: "process-env" } });
      }
    }
  }
  return entries;
}
