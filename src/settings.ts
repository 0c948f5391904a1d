/** `loadSettings()`: sources -> resolution -> validation -> frozen settings, or one report of every problem. */
import { writeSync } from "node:fs";
import type { StandardSchemaV1 } from "@t3-oss/env-core";
import type { EnvFileConvention, SettingsDefinition } from "./define.js";
import { isStandardEnvironment, resolveEnvironment } from "./environment.js";
import { SettingsError } from "./errors.js";
import { originFields, type SettingsIssue, sortIssues } from "./issues.js";
import { scrubSecrets } from "./redact.js";
import { renderReport } from "./report.js";
import { inputAgain, type Resolution, resolveLayers } from "./resolve.js";
import { createResult, fingerprint, guardResolved } from "./result.js";
import { reuseWhileUnchanged } from "./reuse.js";
import {
  type CollectedSources,
  collectSources,
  type SourceFile,
  type SourceInputs,
} from "./sources/collect.js";
import type { ComposeSourceOptions } from "./sources/compose.js";
import { isOwnEnvironmentFile } from "./sources/env-files.js";
import type { KubernetesSourceOptions } from "./sources/kubernetes.js";
import { sourceKeysIn } from "./sources/registry.js";
import type { SecretsDirOptions } from "./sources/secret-files.js";
import type { Layer, SourceProblem } from "./sources/types.js";
import { validateResolution } from "./validate.js";

export interface LoadOptions {
  /**
   * The environment to load; aliases (`dev`, `stage`, `prod`) are accepted.
   * @default process.env.CFG_ENV ?? process.env.NODE_ENV ?? "development"
   */
  env?: string;
  /** Where `.env` files and the config directory are found. @default process.cwd() */
  cwd?: string;
  /** The process environment to read; never mutated. @default process.env */
  processEnv?: Readonly<Record<string, string | undefined>>;
  /**
   * On invalid settings, print the report to stderr and exit with 78 (`"exit"`, for entrypoints), or throw a
   * `SettingsError` whose message is the report (`"throw"`, for tests and libraries).
   * @default "exit"
   */
  onError?: "exit" | "throw";
  /**
   * Log one line at startup: environment, fingerprint, number of keys, files that contributed. `true` writes
   * it to stderr; a function receives it instead.
   * @default false
   */
  log?: boolean | ((line: string) => void);
  /** Overrides the definition's `envFiles` for this load (the CLI uses it for per-environment file lists). */
  envFiles?: EnvFileConvention;
  /**
   * One workload's container environment from Kubernetes manifests, as the kubelet builds it. Deployment
   * sources (`kubernetes`, `compose`, `secretsDir`) stack above the `.env` files and below the process
   * environment, in the order their keys are written.
   * @example { manifests: "deploy/rendered/production.yaml", workload: "deployment/api", container: "api" }
   */
  kubernetes?: KubernetesSourceOptions;
  /**
   * One Docker Compose service's environment (`env_file`, then `environment`), with Compose's interpolation.
   * @example { service: "api" }
   */
  compose?: ComposeSourceOptions;
  /**
   * A directory where each file is one secret variable (Docker's `/run/secrets`, a mounted Kubernetes
   * Secret). One trailing newline is removed; every value is secret.
   * @example "/run/secrets" or { path: "/run/secrets", prefix: "APP_" }
   */
  secretsDir?: string | SecretsDirOptions;
  /**
   * Read `KEY_FILE=/path` as the value of `KEY`, as the official Docker images do (setting both is an error).
   * @default false
   */
  fileEnv?: boolean;
  /** Where the deployment sources were named, for messages (the CLI passes its config file). @default "loadSettings()" */
  sourcesFrom?: string;
}

export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyMap<infer K, infer V>
    ? ReadonlyMap<K, DeepReadonly<V>>
    : T extends ReadonlySet<infer V>
      ? ReadonlySet<DeepReadonly<V>>
      : T extends Date | URL | RegExp
        ? T
        : T extends object
          ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
          : T;

/** Everything one environment resolves to, valid or not: what the CLI works from. */
export interface ResolvedSettings {
  environment: string;
  /** What it was resolved with: the project's definition, or (untyped) one made from the variables found. */
  definition: SettingsDefinition;
  files: SourceFile[];
  resolution: Resolution;
  /** The raw layers, lowest precedence first: what an untyped command works from. */
  layers: Layer[];
  /** Errors first, then warnings. */
  issues: SettingsIssue[];
  /** The validated data, when there is no error. */
  data?: Record<string, unknown>;
  /** A flat definition's failed validation, as env-core hands it to `onValidationError`. */
  envCoreIssues?: readonly StandardSchemaV1.Issue[];
}

/** Resolves and validates one environment without exiting or throwing on invalid settings. */
export function resolveSettings(definition: SettingsDefinition, options: LoadOptions = {}): ResolvedSettings {
  const inputs = sourceInputs(definition, options);
  return resolveCollected(definition, collectSources(definition, inputs), inputs.environment);
}

/** Where one load reads from: the environment chosen, the directory, the process environment, the `.env` files. */
export function sourceInputs(definition: SettingsDefinition, options: LoadOptions): SourceInputs {
  const processEnv = options.processEnv ?? process.env;
  return {
    environment: resolveEnvironment(options.env, processEnv),
    cwd: options.cwd ?? process.cwd(),
    processEnv,
    envFiles: options.envFiles ?? definition.options.envFiles ?? "dotenv-flow",
    ...deploymentInputs(options),
  };
}

/** Collected sources -> resolution -> validation, for a definition (typed, or one made from the sources). */
export function resolveCollected(
  definition: SettingsDefinition,
  sources: CollectedSources,
  environment: string,
): ResolvedSettings {
  const result = validateSources(definition, resolveSources(definition, sources), environment);
  return guardResolved(result, definition.plan, { files: result.files, issues: result.issues });
}

/** What the sources of a load come to before validation: the same for every load while they are unchanged. */
interface ResolvedSources {
  sources: CollectedSources;
  resolution: Resolution;
  /** The sources' problems and unknown keys as issues, secrets scrubbed. */
  issues: SettingsIssue[];
  hasError: boolean;
  /** Raw text of every secret candidate, for scrubbing validation's messages (worked out when one fails). */
  secrets?: string[];
}

function resolveSources(definition: SettingsDefinition, sources: CollectedSources): ResolvedSources {
  const resolution = resolveLayers(definition.plan, sources.layers, definition.kind);
  const issues: SettingsIssue[] = [...sources.problems, ...resolution.problems].map(sourceIssue);
  for (const unknown of resolution.unknown) {
    issues.push({
      kind: "unknown",
      severity: "warning",
      envName: unknown.key,
      ...originFields(unknown.origin),
      message: "is not in the schema",
      ...(unknown.suggestion ? { suggestion: unknown.suggestion } : {}),
    });
  }
  const resolved: ResolvedSources = {
    sources,
    resolution,
    issues,
    hasError: issues.some((issue) => issue.severity === "error"),
  };
  resolved.issues = scrubIssues(issues, resolved);
  return resolved;
}

/** Validates resolved sources (again, for a warm load: `fresh` rebuilds the input, see inputAgain). */
function validateSources(
  definition: SettingsDefinition,
  resolved: ResolvedSources,
  environment: string,
  fresh = false,
): ResolvedSettings {
  const { sources } = resolved;
  const resolution = fresh
    ? { ...resolved.resolution, input: inputAgain(definition.plan, resolved.resolution, definition.kind) }
    : resolved.resolution;
  const validation = validateResolution(definition, resolution);
  // Schemas' own messages may quote their input (a refinement on an object holding a secret): scrub them all.
  const issues = validation.ok
    ? resolved.issues
    : [...resolved.issues, ...explainMissing(scrubIssues(validation.issues, resolved), resolved)];
  const result: ResolvedSettings = {
    environment,
    definition,
    files: sources.files,
    resolution,
    layers: sources.layers,
    issues: issues.length === 0 ? [] : sortIssues(issues),
  };
  if (validation.ok && !resolved.hasError) result.data = validation.data;
  if (!validation.ok && validation.envCoreIssues) result.envCoreIssues = validation.envCoreIssues;
  return result;
}

/** A key missing while a source could not be read may well be in that source: say so, not only "not set". */
function explainMissing(issues: SettingsIssue[], resolved: ResolvedSources): SettingsIssue[] {
  if (!resolved.hasError) return issues;
  const unread = resolved.issues.find((issue) => issue.kind === "source" && issue.severity === "error")?.file;
  if (unread === undefined) return issues;
  return issues.map((issue) =>
    issue.kind === "missing"
      ? { ...issue, message: `${issue.message} (${unread} could not be read)` }
      : issue,
  );
}

function scrubIssues(issues: SettingsIssue[], resolved: ResolvedSources): SettingsIssue[] {
  if (issues.length === 0) return issues;
  resolved.secrets ??= secretValues(resolved.resolution);
  const secrets = resolved.secrets;
  return issues.map((issue) => scrubIssue(issue, secrets));
}

/** The deployment sources named in the options (in the order written) and `fileEnv`, as collection inputs. */
function deploymentInputs(options: LoadOptions): Pick<SourceInputs, "deployment" | "fileEnv"> {
  const keys = sourceKeysIn(options);
  const inputs: Pick<SourceInputs, "deployment" | "fileEnv"> = options.fileEnv ? { fileEnv: true } : {};
  if (keys.length === 0) return inputs;
  const sources = Object.fromEntries(keys.map((key) => [key, (options as Record<string, unknown>)[key]]));
  return { ...inputs, deployment: { sources, where: options.sourcesFrom ?? "loadSettings()" } };
}

/** The files that were read, in precedence order. */
export function filesRead(resolved: ResolvedSettings): string[] {
  return resolved.files.filter((file) => file.status === "loaded").map((file) => file.file);
}

/** The report of every problem of a resolved environment: what loadSettings prints and the CLI repeats. */
export function renderResolvedReport(resolved: ResolvedSettings): string {
  const context = { environment: resolved.environment, filesRead: filesRead(resolved) };
  return renderReport(resolved.issues, { ...context, ...environmentHint(resolved) });
}

/**
 * A failed load in an environment that read none of its own files, named by nothing standard and given no
 * deployment source: most often a misspelt `CFG_ENV` or `NODE_ENV` (`stagin`), which otherwise reads as a
 * list of missing keys.
 */
function environmentHint(resolved: ResolvedSettings): { hint?: string } {
  const { environment } = resolved;
  if (
    isStandardEnvironment(environment) ||
    resolved.layers.some((layer) => "deployment" in layer && layer.deployment)
  )
    return {};
  const own = resolved.files.filter((file) => isOwnEnvironmentFile(file.file, environment));
  if (own.some((file) => file.status === "loaded")) return {};
  const looked = own.map((file) => file.file).join(", ");
  return {
    hint: `environment "${environment}" has no file of its own${looked ? ` (looked for ${looked})` : ""}: is CFG_ENV or NODE_ENV misspelt?`,
  };
}

/**
 * Loads, validates and freezes a service's settings. On any problem it reports every one of them at once
 * and, by default, exits the process with code 78 before anything else runs.
 *
 * @example
 * const config = loadSettings(settings);
 * loadSettings(settings, { env: "staging", onError: "throw" }); // throws SettingsError
 */
export function loadSettings<T>(
  definition: SettingsDefinition<T>,
  options: LoadOptions = {},
): DeepReadonly<T> {
  const inputs = sourceInputs(definition, options);
  const sources = reuseWhileUnchanged(definition, inputs, (recorded) =>
    resolveSources(definition, collectSources(definition, recorded)),
  );
  const resolved = validateSources(definition, sources.value, inputs.environment, sources.reused);
  const warnings = resolved.issues.filter((issue) => issue.severity === "warning");
  if (resolved.data) {
    const config = createResult<DeepReadonly<T>>({
      definition: definition as SettingsDefinition,
      plan: definition.plan,
      data: resolved.data,
      resolution: resolved.resolution,
      environment: resolved.environment,
      files: resolved.files,
      warnings,
      fingerprintKey: (options.processEnv ?? process.env).CFG_FINGERPRINT_KEY,
    });
    if (options.log)
      logStartup(
        config as object,
        resolved,
        options.log === true ? (line) => writeSync(2, `${line}\n`) : options.log,
      );
    return config;
  }
  // A flat definition's own handler gets env-core's issues, as createEnv would call it; it throws (its type
  // is `never`). One that returns anyway gets cfgkit's failure below rather than settings that did not validate.
  const handler = definition.flat?.onValidationError;
  if (handler && resolved.envCoreIssues) handler(resolved.envCoreIssues);
  const report = renderResolvedReport(resolved);
  // Copies: a warm load shares its sources' issues with the loads before it (reuse.ts).
  const issues = resolved.issues.map((issue) => ({ ...issue }));
  const error = new SettingsError(report, issues, resolved.environment);
  if ((options.onError ?? "exit") === "throw") throw error;
  writeSync(2, `${report}\n`);
  process.exit(error.exitCode);
}

/** Raw text of every secret candidate, for the report's last-line scrub. */
function secretValues(resolution: Resolution): string[] {
  return (
    resolution.leaves
      .filter((resolved) => resolved.leaf.secret)
      .flatMap((resolved) => resolved.candidates.map((candidate) => candidate.value))
      // A config file may give a secret as a number: its digits are as secret as text.
      .map((value) => (typeof value === "number" || typeof value === "bigint" ? String(value) : value))
      .filter((value): value is string => typeof value === "string")
  );
}

function logStartup(config: object, resolved: ResolvedSettings, write: (line: string) => void): void {
  const { fingerprint: digest, keyCount, secretCount, secretsKeyed } = fingerprint(config);
  const files = filesRead(resolved);
  const secrets =
    secretCount > 0 && !secretsKeyed ? " (secrets by presence only: set CFG_FINGERPRINT_KEY)" : "";
  write(
    `cfgkit: loaded ${resolved.environment} settings ${digest}${secrets}, ${keyCount} keys, from ${files.length > 0 ? files.join(", ") : "defaults and the environment"}`,
  );
  // Warnings did not stop the load, but a typo'd key is worth a line each where the startup line goes.
  for (const issue of resolved.issues) {
    if (issue.severity !== "warning") continue;
    const where =
      issue.origin ?? (issue.file ? `${issue.file}${issue.line === undefined ? "" : `:${issue.line}`}` : "");
    const hint = issue.suggestion ? ` (did you mean ${issue.suggestion}?)` : "";
    write(
      `cfgkit: warning: ${issue.envName ?? issue.path ?? ""} ${issue.message}${hint}${where ? ` at ${where}` : ""}`,
    );
  }
}

function scrubIssue(issue: SettingsIssue, secrets: readonly string[]): SettingsIssue {
  if (secrets.length === 0) return issue;
  const scrubbed = { ...issue, message: scrubSecrets(issue.message, secrets) };
  if (issue.received !== undefined) scrubbed.received = scrubSecrets(issue.received, secrets);
  if (issue.expected !== undefined) scrubbed.expected = scrubSecrets(issue.expected, secrets);
  return scrubbed;
}

function sourceIssue(problem: SourceProblem): SettingsIssue {
  const isDuplicate = problem.related !== undefined;
  return {
    kind: isDuplicate ? "duplicate" : "source",
    severity: problem.severity,
    file: problem.file,
    ...(problem.line === undefined ? {} : { line: problem.line }),
    ...(problem.column === undefined ? {} : { column: problem.column }),
    ...(problem.key ? { envName: problem.key } : {}),
    ...(problem.related ? { related: `${problem.file}:${problem.related.line}` } : {}),
    message: problem.message,
  };
}
