/**
 * Finding the project: its config file (`cfg.config.*` here or in a parent, or `--config`), its settings
 * definition (from the config or `--schema PATH[#export]`), and its environments.
 */
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { CfgConfig, EnvironmentConfig } from "../config.js";
import { isSettingsDefinition, type SettingsDefinition } from "../define.js";
import {
  canonicalEnvironment,
  compareEnvironments,
  environmentOfEnvFile,
  isConfigEnvironment,
} from "../environment.js";
import { parseJsonConfig } from "../sources/config-json.js";
import { CliError } from "./errors.js";
import { importUserModule } from "./load-module.js";
import { checkDriftKeys, checkProjectConfig } from "./project-config.js";
import { readJsonText } from "./read-json-file.js";

export const CONFIG_FILE_NAMES = [
  "cfg.config.ts",
  "cfg.config.mts",
  "cfg.config.js",
  "cfg.config.mjs",
  "cfg.config.json",
];

export interface Project {
  /** Where env files and the config directory are: the config file's folder, else the working directory. */
  root: string;
  configFile?: string;
  config: CfgConfig;
  /** Absent when no definition was found: commands then work on raw values and say so. */
  definition?: SettingsDefinition;
}

export interface ProjectOptions {
  cwd: string;
  /** Paths in messages are shown relative to this directory. */
  displayFrom?: string;
  config?: string;
  schema?: string;
}

export async function loadProject(options: ProjectOptions): Promise<Project> {
  if (!isDirectory(options.cwd)) {
    const why = existsSync(options.cwd)
      ? `${options.cwd} is a file, not a directory`
      : `directory ${options.cwd} does not exist`;
    throw new CliError(`no project: ${why}`, "no-project");
  }
  const configFile = options.config ? resolve(options.cwd, options.config) : findConfigFile(options.cwd);
  if (options.config) checkConfigPath(configFile as string, options.config);
  const shown = (file: string) => relative(options.displayFrom ?? options.cwd, file) || file;
  const config = configFile ? checkProjectConfig(await readConfig(configFile, shown), shown(configFile)) : {};
  const root = configFile ? dirname(configFile) : options.cwd;
  const project: Project = { root, config, ...(configFile ? { configFile } : {}) };
  if (options.schema) {
    project.definition = await definitionFrom(resolve(options.cwd, options.schema), options.schema);
  } else if (typeof config.settings === "string") {
    project.definition = await definitionFrom(resolve(root, config.settings), config.settings);
  } else if (Object.hasOwn(config, "settings") && config.settings === undefined) {
    // `settings: setings` after a typo'd import: the schema is lost, and untyped mode must not pass for it.
    throw new CliError(
      `${shown(configFile ?? "cfg.config")}: "settings" is undefined: check the import or variable it names`,
      "bad-config",
    );
  } else if (config.settings !== undefined) {
    if (!isSettingsDefinition(config.settings)) {
      throw new CliError(
        `${shown(configFile ?? "cfg.config")}: "settings" is not a settings definition (use defineSettings())`,
        "bad-config",
      );
    }
    project.definition = config.settings;
  }
  if (project.definition)
    checkDriftKeys(config, project.definition.plan.leaves, shown(configFile ?? "cfg.config"));
  return project;
}

function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      // A dangling symbolic link counts: it was meant to be the config, and reading it says what is wrong.
      if (existsSync(candidate) || isSymbolicLink(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** A `--config` path must be an existing file cfg can load: a directory or a `.env` would fail obscurely later. */
function checkConfigPath(path: string, given: string): void {
  if (!existsSync(path)) throw new CliError(`config file not found: ${given}`, "config-not-found");
  if (isDirectory(path))
    throw new CliError(`config file ${given} is a directory, expected a file`, "bad-config");
  if (!CONFIG_EXTENSION.test(path))
    throw new CliError(
      `config file ${given}: expected a .ts, .mts, .js, .mjs, .cjs or .json file (a cfg.config.*)`,
      "bad-config",
    );
}

const CONFIG_EXTENSION = /\.(?:[mc]?ts|[mc]?js|json)$/;

async function readConfig(file: string, shown: (file: string) => string): Promise<CfgConfig> {
  if (file.endsWith(".json")) {
    // Read as the config directory's JSON files are: comments and trailing commas allowed (as in
    // tsconfig.json), a syntax error named by line and column, no content quoted.
    const parsed = parseJsonConfig(readJsonText(file, shown(file), "bad-config"));
    if (!parsed.ok)
      throw new CliError(`${shown(file)}:${parsed.line}:${parsed.column}: ${parsed.message}`, "bad-config");
    return parsed.tree.value as CfgConfig;
  }
  const module = await importUserModule(file);
  const config = module.default ?? module.config;
  if (config === null || typeof config !== "object") {
    throw new CliError(
      `${shown(file)} must export its config as default (export default defineConfig({...}))`,
      "bad-config",
    );
  }
  return config as CfgConfig;
}

/** `path#exportName`, or the module's `settings`, default, or only settings-definition export. */
async function definitionFrom(target: string, shown: string): Promise<SettingsDefinition> {
  const hash = target.lastIndexOf("#");
  const [path, exportName] = hash > 0 ? [target.slice(0, hash), target.slice(hash + 1)] : [target, undefined];
  if (!existsSync(path)) throw new CliError(`schema module not found: ${shown}`, "schema-not-found");
  const module = await importUserModule(path);
  if (exportName) {
    const named = module[exportName];
    if (isSettingsDefinition(named)) return named;
    throw new CliError(`${shown}: export "${exportName}" is not a settings definition`, "no-definition");
  }
  const candidates = ["settings", "default", ...Object.keys(module)].map((key) => module[key]);
  const found = candidates.find(isSettingsDefinition);
  if (found) return found;
  const exported = Object.keys(module).join(", ") || "nothing";
  throw new CliError(
    `${shown} exports no settings definition (it exports ${exported}); export the result of defineSettings(), or name it with ${shown}#name`,
    "no-definition",
  );
}

/** The project's environments: listed in the config, else found from `.env.<name>` and `config/<name>.*`. */
export function listEnvironments(project: Project): string[] {
  const listed = project.config.environments;
  if (listed)
    return Array.isArray(listed)
      ? listed.map(canonicalEnvironment)
      : Object.keys(listed).map(canonicalEnvironment);
  const names = new Set<string>();
  for (const entry of safeReaddir(project.root)) {
    const name = environmentOfEnvFile(entry);
    if (name) names.add(canonicalEnvironment(name));
  }
  const configDir = project.definition?.options.configDir ?? "config";
  if (configDir !== false) {
    for (const entry of safeReaddir(join(project.root, configDir))) {
      const match = /^([A-Za-z0-9_-]+)\.(json|ya?ml)$/.exec(entry);
      if (match?.[1] && isConfigEnvironment(match[1])) names.add(canonicalEnvironment(match[1]));
    }
  }
  return [...names].sort(compareEnvironments);
}

/** What the project config says about one environment: its files and its deployment sources. */
export function environmentConfig(project: Project, environment: string): EnvironmentConfig | undefined {
  const listed = project.config.environments;
  if (!listed || Array.isArray(listed)) return undefined;
  const entry = Object.entries(listed as Record<string, EnvironmentConfig>).find(
    ([name]) => canonicalEnvironment(name) === environment,
  );
  return entry?.[1];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return statSync(dir).isDirectory() ? readdirSync(dir) : [];
  } catch {
    return [];
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
