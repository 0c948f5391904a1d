/**
 * A Docker Compose service as a source: the Compose file plus its overrides in Compose's order, and for one
 * service its `env_file` entries, then its `environment` (which wins), with Compose's interpolation from the
 * shell and the project's `.env`. Values agree with `docker-compose config` (1.29): `env_file` contents are
 * taken as written, without interpolation; a `KEY` without a value comes from the shell (or `.env`).
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { envFileList, environmentEntries, readEnvFile } from "./compose-entries.js";
import { type ComposeFile, serviceLayers, servicesOf } from "./compose-extends.js";
import { expandEnvFileValues, interpolateCompose } from "./compose-interpolate.js";
import { parseDotenvText } from "./dotenv-file.js";
import { isRecord } from "./kubernetes-manifests.js";
import { readSourceText } from "./read-text.js";
import type { SourceContext, SourceKind, SourceRead } from "./source-kind.js";
import type { RawEntry, SourceProblem } from "./types.js";
import { readYamlFile, type YamlPath } from "./yaml-documents.js";

export interface ComposeSourceOptions {
  /** The service whose container environment is read. */
  service: string;
  /**
   * Compose files, lowest precedence first, relative to the project; by default `compose.yaml` (or
   * `compose.yml`, `docker-compose.yaml`, `docker-compose.yml`) and its `.override` file, as Compose finds them.
   */
  files?: string | readonly string[];
  /** The file of interpolation variables. @default ".env" next to the first Compose file */
  envFile?: string;
}

const DEFAULT_FILES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

export const composeSource: SourceKind<ComposeSourceOptions> = {
  key: "compose",
  parseOptions(raw) {
    if (!isRecord(raw) || typeof raw.service !== "string" || raw.service === "")
      return 'expects { service: "api" } (and optionally files: [...], envFile)';
    const files = typeof raw.files === "string" ? [raw.files] : raw.files;
    if (
      files !== undefined &&
      !(Array.isArray(files) && files.length > 0 && files.every((f) => typeof f === "string"))
    )
      return "files must be a path or a list of paths";
    if (raw.envFile !== undefined && typeof raw.envFile !== "string") return "envFile must be a path";
    return raw as unknown as ComposeSourceOptions;
  },
  read: readCompose,
};

function readCompose(options: ComposeSourceOptions, context: SourceContext): SourceRead {
  const label = `service/${options.service}`;
  const result: SourceRead = { name: `compose ${label}`, entries: new Map(), problems: [], files: [] };
  const paths = composeFiles(options, context.cwd);
  if (paths.length === 0) {
    result.problems.push({
      file: context.cwd,
      message: `no Compose file found (looked for ${DEFAULT_FILES.join(", ")}); name one with files`,
      severity: "error",
    });
    return result;
  }
  // One reader for the files named and the files `extends` names: each read, parsed and checked once.
  const opened = new Map<string, ComposeFile | SourceProblem>();
  const open = (absolute: string): ComposeFile | SourceProblem => {
    const known = opened.get(absolute);
    if (known) return known;
    const compose = openComposeFile(absolute, relative(context.cwd, absolute) || absolute);
    if (!("message" in compose)) result.files.push(compose.file);
    opened.set(absolute, compose);
    return compose;
  };
  const files: ComposeFile[] = [];
  for (const absolute of paths) {
    const compose = open(absolute);
    if ("message" in compose) result.problems.push(compose);
    else files.push(compose);
  }
  if (result.problems.length > 0) return result;

  const variables = interpolationVariables(options, paths[0] as string, context, result);
  const lookup = (name: string) => variables.get(name);
  const before = result.problems.length;
  const layers = files.flatMap((compose) => serviceLayers(compose, options.service, open, result.problems));
  // A broken `extends` leaves part of the environment unknown: nothing of the service is guessed.
  if (result.problems.length > before) return result;
  if (layers.length === 0) {
    const known = [...new Set(files.flatMap((compose) => Object.keys(servicesOf(compose))))];
    result.problems.push({
      file: files[0]?.file ?? "",
      message: `service "${options.service}" is not in ${files.map((f) => f.file).join(", ")} (services: ${known.join(", ") || "none"})`,
      severity: "error",
    });
    return result;
  }
  // env_file lists are appended across files, environment maps merged by key; environment wins over env_file.
  const fromEnvFiles = new Map<string, RawEntry>();
  const environment = new Map<string, RawEntry | undefined>();
  for (const { compose, name, service } of layers) {
    const at = (path: YamlPath) => compose.document.lineOf(["services", name, ...path]);
    const interpolate = (text: string, path: YamlPath, key?: string): string | undefined => {
      const done = interpolateCompose(text, lookup);
      if (done.ok) return done.value;
      const what = key ?? "an env_file path";
      result.problems.push({
        file: compose.file,
        line: at(path),
        message: `${what} ${done.message}`,
        severity: "error",
      });
      return undefined;
    };
    for (const { path, required, itemPath } of envFileList(service.env_file)) {
      const resolved = interpolate(path, ["env_file", ...itemPath]);
      if (resolved === undefined) continue;
      const envFile = resolve(dirname(compose.absolute), resolved);
      const where = { file: compose.file, line: at(["env_file", ...itemPath]) };
      const entries = readEnvFile(envFile, required, context.cwd, where, result);
      const values = new Map([...entries].map(([key, entry]) => [key, String(entry.value)]));
      for (const [key, value] of expandEnvFileValues(values, context.processEnv)) {
        setLast(fromEnvFiles, key, { ...(entries.get(key) as RawEntry), value });
      }
    }
    for (const { key, value, path, invalid } of environmentEntries(service.environment)) {
      if (invalid) {
        result.problems.push({
          file: compose.file,
          line: at(["environment", ...path]),
          message: `services.${name}.environment.${key} ${invalid}`,
          severity: "error",
        });
        continue;
      }
      const origin = {
        kind: "file" as const,
        file: compose.file,
        line: at(["environment", ...path]),
        object: `service/${name}`,
      };
      // `KEY` alone: the value the shell (or the project's .env) has, or no variable at all.
      const text =
        value === undefined ? variables.get(key) : interpolate(value, ["environment", ...path], key);
      if (value !== undefined && text === undefined) continue;
      environment.delete(key);
      environment.set(key, text === undefined ? undefined : { value: text, origin });
    }
  }
  for (const [key, entry] of fromEnvFiles) setLast(result.entries, key, entry);
  for (const [key, entry] of environment) {
    if (entry) setLast(result.entries, key, entry);
    else result.entries.delete(key);
  }
  return result;
}

/** Later wins, and takes the later place in the order, as a container's environment lists it. */
function setLast(entries: Map<string, RawEntry>, key: string, entry: RawEntry): void {
  entries.delete(key);
  entries.set(key, entry);
}

function composeFiles(options: ComposeSourceOptions, cwd: string): string[] {
  if (options.files) {
    const listed = typeof options.files === "string" ? [options.files] : options.files;
    return listed.map((file) => resolve(cwd, file));
  }
  const base = DEFAULT_FILES.find((name) => existsSync(join(cwd, name)));
  if (!base) return [];
  const stem = base.replace(/\.ya?ml$/, "");
  const override = [".override.yaml", ".override.yml"]
    .map((ext) => `${stem}${ext}`)
    .find((name) => existsSync(join(cwd, name)));
  return [join(cwd, base), ...(override ? [join(cwd, override)] : [])];
}

/** The shell's variables over the project's `.env` (Compose reads it for interpolation). */
function interpolationVariables(
  options: ComposeSourceOptions,
  firstFile: string,
  context: SourceContext,
  result: SourceRead,
): Map<string, string> {
  const variables = new Map<string, string>();
  const envFile = options.envFile ? resolve(context.cwd, options.envFile) : join(dirname(firstFile), ".env");
  const shown = relative(context.cwd, envFile) || envFile;
  const read = readSourceText(envFile);
  if (read && !read.ok)
    result.problems.push({ file: shown, message: `${shown} ${read.message}`, severity: "error" });
  else if (read) {
    result.files.push(shown);
    for (const [key, entry] of parseDotenvText(read.text, shown).entries)
      variables.set(key, String(entry.value));
  } else if (options.envFile) {
    result.problems.push({
      file: shown,
      message: `${shown} does not exist (it is named as envFile)`,
      severity: "error",
    });
  }
  for (const [key, value] of Object.entries(context.processEnv))
    if (value !== undefined) variables.set(key, value);
  return variables;
}

/** A Compose file read and parsed: a mapping (with services), one document, the `include` it cannot follow refused. */
function openComposeFile(absolute: string, file: string): ComposeFile | SourceProblem {
  const parsed = readYamlFile(absolute, file);
  if (!parsed.ok) return parsed.problem;
  const [document] = parsed.documents;
  if (!document || !isRecord(document.value))
    return {
      file,
      line: 1,
      message: `${file} is not a Compose file: expected a mapping with services`,
      severity: "error",
    };
  // Files brought in by `include` would add services and their environments unseen: say so, never guess.
  if (document.value.include !== undefined)
    return {
      file,
      line: document.lineOf(["include"]),
      message: `${file} uses include, which cfgkit does not follow; name the included files in files instead`,
      severity: "error",
    };
  return { file, absolute, document };
}
