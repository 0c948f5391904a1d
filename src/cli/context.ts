/** What every command is handed: the io, colours, and the project with its environments, loaded once. */
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { EnvironmentConfig } from "../config.js";
import type { SettingsDefinition } from "../define.js";
import {
  canonicalEnvironment,
  compareEnvironments,
  isEnvironmentName,
  isStandardEnvironment,
  resolveEnvironment,
  STANDARD_ENVIRONMENTS,
} from "../environment.js";
import { type LoadOptions, type ResolvedSettings, resolveSettings } from "../settings.js";
import { plannedConfigFiles, plannedEnvFiles } from "../sources/env-files.js";
import { sourceKeysIn } from "../sources/registry.js";
import { resolveUntyped } from "../untyped.js";
import { CliError } from "./errors.js";
import { type CliIo, createPalette, type Palette, shouldColor } from "./io.js";
import { environmentConfig, listEnvironments, loadProject, type Project } from "./project.js";
import {
  type Evidence,
  evidenceOf,
  judgeEvidence,
  noProjectMessage,
  type ResolvedEvidence,
  type Verdict,
} from "./verdict.js";

export interface GlobalOptions {
  config?: string;
  schema?: string;
  cwd?: string;
  debug?: boolean;
  processEnv?: boolean;
  /** `--exit-code-on-findings`: applied by `run()` to the final exit code. */
  exitCodeOnFindings?: number;
}

export interface CommandContext {
  io: CliIo;
  /** The directory the command runs in: the working directory, or `-C`'s. Paths on the command line are relative to it. */
  cwd: () => string;
  palette: Palette;
  project: () => Promise<Project>;
  /** Whether a settings definition was found; without one, each environment is read untyped, as raw text. */
  typed: () => Promise<boolean>;
  /** The definition, for commands that cannot work untyped; exit 2 naming `command` when there is none. */
  requireDefinition: (command: string) => Promise<SettingsDefinition>;
  /** Environments named with `--env` (checked against the project's), all of them, or the current one. */
  selectEnvironments: (names: readonly string[] | undefined, all: boolean) => Promise<string[]>;
  /** Resolves one environment; the process environment counts with `--process-env` or `{ processEnv: true }`. */
  resolve: (environment: string, options?: { processEnv?: boolean }) => Promise<ResolvedSettings>;
  /** Whether this shell's variables count (`--process-env`). */
  includesProcessEnv: () => boolean;
  /** A status line on stderr, so stdout stays data. */
  note: (text: string) => void;
  /**
   * The verdict rule (verdict.ts) over everything this command resolved so far, plus what it compared.
   * Every command asks before it prints a result; `run()` asks again after it, so none can skip it.
   */
  judge: (extra?: Pick<Evidence, "comparedKeys">) => Promise<Verdict>;
  /** {@link judge}, throwing the exit-2 error when the verdict is not earned. */
  requireVerdict: (extra?: Pick<Evidence, "comparedKeys">) => Promise<void>;
}

export function createContext(io: CliIo, globals: () => GlobalOptions): CommandContext {
  const palette = createPalette(shouldColor({ env: io.env, isTTY: io.isTTY }));
  let loaded: Promise<Project> | undefined;
  const cwd = () => resolve(io.cwd, globals().cwd ?? ".");
  const project = () => {
    const options = globals();
    loaded ??= loadProject({
      cwd: cwd(),
      displayFrom: io.cwd,
      ...(options.config ? { config: options.config } : {}),
      ...(options.schema ? { schema: options.schema } : {}),
    });
    return loaded;
  };
  let warnedUntyped = false;
  const note = (text: string) => io.stderr(`${palette.dim(text)}\n`);
  const typed = async () => {
    const found = (await project()).definition !== undefined;
    if (!found && !warnedUntyped) {
      note("cfg: no settings definition found (cfg.config.* or --schema): working on raw values, untyped");
      warnedUntyped = true;
    }
    return found;
  };
  const resolvedSoFar: ResolvedEvidence[] = [];
  const judge = async (extra: Pick<Evidence, "comparedKeys"> = {}) => {
    if (!loaded) return { earned: true } as const;
    const current = await loaded;
    const typedProject = current.definition !== undefined;
    return judgeEvidence({
      root: current.root,
      typed: typedProject,
      projectFound: typedProject || hasSharedFiles(current) || listEnvironments(current).length > 0,
      resolved: resolvedSoFar,
      ...extra,
    });
  };

  return {
    io,
    cwd,
    async requireDefinition(command) {
      const found = (await project()).definition;
      if (!found)
        throw new CliError(
          `${command} needs a settings definition (cfg.config.* or --schema)`,
          "no-definition",
        );
      return found;
    },
    includesProcessEnv: () => globals().processEnv === true,
    palette,
    project,
    typed,
    note,
    judge,
    async requireVerdict(extra) {
      const verdict = await judge(extra);
      if (!verdict.earned) throw new CliError(verdict.message, verdict.code);
    },
    async selectEnvironments(names, all) {
      const current = await project();
      const known = listEnvironments(current);
      // The standard names are what a service loads with NODE_ENV unset or set by a framework: always real.
      const exists = (environment: string) =>
        known.includes(environment) || isStandardEnvironment(environment) || hasFiles(current, environment);
      const checked = (name: string, shown: string) => {
        const environment = canonicalEnvironment(name);
        if (!isEnvironmentName(environment))
          throw new CliError(
            `${shown} is not an environment name: use letters, digits, "_", "-" and "." (no "/" or "..")`,
            "unknown-environment",
          );
        if (exists(environment)) return environment;
        if (!current.definition && known.length === 0 && !hasSharedFiles(current))
          throw new CliError(noProjectMessage(current.root), "no-project");
        const listed = [...new Set([...known, ...STANDARD_ENVIRONMENTS])]
          .sort(compareEnvironments)
          .join(", ");
        throw new CliError(
          `unknown environment ${shown}: no file or project config names it (known environments: ${listed})`,
          "unknown-environment",
        );
      };
      // Which environment is meant comes from CFG_ENV/NODE_ENV even when their values are left out; a typo
      // there is as much a typo as in --env.
      const fromVariable = io.env.CFG_ENV ? "CFG_ENV" : io.env.NODE_ENV ? "NODE_ENV" : undefined;
      const currentEnvironment = resolveEnvironment(undefined, io.env);
      const checkedCurrent = () =>
        fromVariable
          ? checked(currentEnvironment, `"${io.env[fromVariable]}" (from ${fromVariable})`)
          : currentEnvironment;
      if (all) {
        // The environment a service started here loads reads the shared files: it counts, unless the project
        // config lists its environments (it has the last word) or it has no shared files to read.
        const listed = current.config.environments !== undefined;
        if (known.length === 0) return [checkedCurrent()];
        if (
          known.includes(currentEnvironment) ||
          listed ||
          !hasSharedFiles(current) ||
          !exists(currentEnvironment)
        )
          return known;
        return [currentEnvironment, ...known].sort(compareEnvironments);
      }
      if (!names || names.length === 0) return [checkedCurrent()];
      return names.map((name) => checked(name, `"${name}"`));
    },
    async resolve(environment, options) {
      const current = await project();
      const configured = environmentConfig(current, environment);
      const files = configured?.files ?? current.config.envFiles;
      const load: LoadOptions = {
        // Deployment sources first: their keys' order is their precedence.
        ...deploymentOptions(configured),
        env: environment,
        cwd: current.root,
        // The repository's files alone, unless asked: an engineer's shell must not colour a check or a diff.
        processEnv: options?.processEnv || globals().processEnv ? io.env : {},
        ...(files ? { envFiles: files } : {}),
        ...(current.configFile
          ? { sourcesFrom: relative(io.cwd, current.configFile) || current.configFile }
          : {}),
      };
      const resolved = (await typed())
        ? resolveSettings(current.definition as SettingsDefinition, load)
        : resolveUntyped(load);
      resolvedSoFar.push(evidenceOf(resolved));
      return resolved;
    },
  };
}

/** An environment's deployment sources and `fileEnv`, as `loadSettings()` options, in the order written. */
function deploymentOptions(configured: EnvironmentConfig | undefined): LoadOptions {
  if (!configured) return {};
  const options: Record<string, unknown> = {};
  for (const key of sourceKeysIn(configured)) options[key] = (configured as Record<string, unknown>)[key];
  if (configured.fileEnv) options.fileEnv = true;
  return options as LoadOptions;
}

/** `.env`, `.env.local` or `config/default.*`: files every environment reads. */
function hasSharedFiles(project: Project): boolean {
  const configDir = project.definition?.options.configDir ?? "config";
  const shared = [
    ".env",
    ".env.local",
    ...(configDir === false
      ? []
      : ["json", "yaml", "yml"].flatMap((ext) => [
          `${configDir}/default.${ext}`,
          `${configDir}/local.${ext}`,
        ])),
  ];
  return shared.some((file) => existsSync(join(project.root, file)));
}

function hasFiles(project: Project, environment: string): boolean {
  const configDir = project.definition?.options.configDir ?? "config";
  const candidates = [
    ...plannedEnvFiles("dotenv-flow", environment).map((planned) => planned.file),
    ...(configDir === false ? [] : plannedConfigFiles(configDir, environment)),
  ].filter((file) => !/(^|\/)(\.env|\.env\.local|(default|local)\.(json|ya?ml))$/.test(file));
  return candidates.some((file) => existsSync(join(project.root, file)));
}
