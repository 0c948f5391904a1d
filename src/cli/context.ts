/** What every command is handed: the io, colours, and the project with its environments, loaded once. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { defineSettings, type SettingsDefinition } from "../define.js";
import { canonicalEnvironment, resolveEnvironment } from "../environment.js";
import { type ResolvedSettings, resolveSettings } from "../settings.js";
import { plannedConfigFiles, plannedEnvFiles } from "../sources/env-files.js";
import { CliError } from "./errors.js";
import { type CliIo, createPalette, type Palette, shouldColor } from "./io.js";
import { environmentFiles, listEnvironments, loadProject, type Project } from "./project.js";

export interface GlobalOptions {
  config?: string;
  schema?: string;
  cwd?: string;
  debug?: boolean;
  processEnv?: boolean;
}

export interface CommandContext {
  io: CliIo;
  /** The directory the command runs in: the working directory, or `-C`'s. Paths on the command line are relative to it. */
  cwd: () => string;
  palette: Palette;
  project: () => Promise<Project>;
  /** The definition, or an empty untyped one (every key then reads as unknown); `typed` says which. */
  definition: () => Promise<{ definition: SettingsDefinition; typed: boolean }>;
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
}

const UNTYPED = defineSettings({ schema: z.object({}) });

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
  const definition = async () => {
    const found = (await project()).definition;
    if (found) return { definition: found, typed: true };
    if (!warnedUntyped) {
      note("cfg: no settings definition found (cfg.config.* or --schema): working on raw values, untyped");
      warnedUntyped = true;
    }
    return { definition: UNTYPED, typed: false };
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
    definition,
    note,
    async selectEnvironments(names, all) {
      const current = await project();
      const known = listEnvironments(current);
      // Which environment is meant comes from CFG_ENV/NODE_ENV even when their values are left out.
      const currentEnvironment = resolveEnvironment(undefined, io.env);
      // A project with a lone `.env` has one environment: the current one.
      if (all) return known.length > 0 ? known : [currentEnvironment];
      if (!names || names.length === 0) return [currentEnvironment];
      return names.map((name) => {
        const environment = canonicalEnvironment(name);
        if (known.includes(environment) || hasFiles(current, environment)) return environment;
        const listed = known.length > 0 ? known.join(", ") : "none found";
        throw new CliError(
          `no files for environment "${name}" (known environments: ${listed})`,
          "unknown-environment",
        );
      });
    },
    async resolve(environment, options) {
      const current = await project();
      const { definition: used } = await definition();
      const files = environmentFiles(current, environment) ?? current.config.envFiles;
      return resolveSettings(used, {
        env: environment,
        cwd: current.root,
        // The repository's files alone, unless asked: an engineer's shell must not colour a check or a diff.
        processEnv: options?.processEnv || globals().processEnv ? io.env : {},
        ...(files ? { envFiles: files } : {}),
      });
    },
  };
}

function hasFiles(project: Project, environment: string): boolean {
  const configDir = project.definition?.options.configDir ?? "config";
  const candidates = [
    ...plannedEnvFiles("dotenv-flow", environment).map((planned) => planned.file),
    ...(configDir === false ? [] : plannedConfigFiles(configDir, environment)),
  ].filter((file) => !/(^|\/)(\.env|\.env\.local|(default|local)\.(json|ya?ml))$/.test(file));
  return candidates.some((file) => existsSync(join(project.root, file)));
}
