/**
 * Secret files: a secrets directory (Docker's `/run/secrets`, a Kubernetes Secret volume with its `..data`
 * symlink and timestamped folders) where each file is one variable, and the `KEY_FILE=/path` convention of
 * the official Docker images. A file's whole content is the value, with one trailing newline removed (the
 * one `echo` and editors add); every value is secret; nothing outside the directory is ever followed.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { isRecord } from "./kubernetes-manifests.js";
import { readSourceText } from "./read-text.js";
import type { SourceContext, SourceKind, SourceRead } from "./source-kind.js";
import type { Layer, RawEntry, SourceProblem } from "./types.js";
import { formatOrigin } from "./types.js";

/** A secret is a password, a key or a certificate chain; a larger file is a mistake (a log, an archive). */
export const MAX_SECRET_FILE_BYTES = 1024 * 1024;

export interface SecretsDirOptions {
  /** The directory: `/run/secrets`, or where a Kubernetes Secret volume is mounted. */
  path: string;
  /** Put before each file's name to make its env name: `APP_` turns `db__password` into `APP_DB__PASSWORD`. */
  prefix?: string;
}

export const secretsDirSource: SourceKind<SecretsDirOptions> = {
  key: "secretsDir",
  parseOptions(raw) {
    if (typeof raw === "string" && raw !== "") return { path: raw };
    if (
      isRecord(raw) &&
      typeof raw.path === "string" &&
      (raw.prefix === undefined || typeof raw.prefix === "string")
    )
      return raw as unknown as SecretsDirOptions;
    return 'expects a directory ("/run/secrets") or { path: "/run/secrets", prefix: "APP_" }';
  },
  read: readSecretsDir,
};

/** A file name as an env name: the prefix, then the name in upper case with `-` and `.` as `_`. */
export function secretFileEnvName(fileName: string, prefix = ""): string {
  return prefix + fileName.toUpperCase().replace(/[-.]/g, "_");
}

function readSecretsDir(options: SecretsDirOptions, context: SourceContext): SourceRead {
  const result: SourceRead = { name: `secrets ${options.path}`, entries: new Map(), problems: [], files: [] };
  const directory = resolve(context.cwd, options.path);
  const fail = (message: string, file = options.path) =>
    result.problems.push({ file, message, severity: "error" });
  let root: string;
  try {
    root = realpathSync(directory);
  } catch {
    fail(`secrets directory ${options.path} does not exist`);
    return result;
  }
  if (!statSync(root).isDirectory()) {
    fail(`secrets directory ${options.path} is not a directory`);
    return result;
  }
  // Hidden entries are Kubernetes' own (`..data`, `..2024_05_01_…`) or not meant as variables.
  for (const name of readdirSync(root)
    .filter((entry) => !entry.startsWith("."))
    .sort()) {
    const shown = `${options.path.replace(/\/+$/, "")}/${name}`;
    let target: string;
    try {
      target = realpathSync(join(root, name));
    } catch {
      fail(`${shown} is a broken symbolic link`, shown);
      continue;
    }
    if (!target.startsWith(root + sep)) {
      fail(`${shown} links outside the secrets directory ${options.path}; it is not read`, shown);
      continue;
    }
    // Folders are where a Secret volume puts keys with a path; they hold no variable of their own.
    if (statSync(target).isDirectory()) continue;
    const read = readSecretFile(target, shown);
    if (!read.ok) {
      fail(read.message, shown);
      continue;
    }
    result.files.push(shown);
    result.entries.set(secretFileEnvName(name, options.prefix), {
      value: read.value,
      origin: { kind: "secret-file", path: shown },
      secret: true,
    });
  }
  return result;
}

/** A secret file's value, or why it cannot be one; a FIFO or a device is never opened (it could block forever). */
export function readSecretFile(
  absolute: string,
  shown: string,
): { ok: true; value: string } | { ok: false; message: string } {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      message: code === "ENOENT" ? `${shown} does not exist` : `${shown} cannot be read (${code})`,
    };
  }
  if (stats.isDirectory()) return { ok: false, message: `${shown} is a directory, expected a file` };
  if (!stats.isFile())
    return { ok: false, message: `${shown} is not a regular file (a FIFO, socket or device is not read)` };
  if (stats.size > MAX_SECRET_FILE_BYTES)
    return {
      ok: false,
      message: `${shown} is ${stats.size} bytes, more than a secret file may hold (${MAX_SECRET_FILE_BYTES})`,
    };
  const read = readSourceText(absolute);
  if (!read) return { ok: false, message: `${shown} does not exist` };
  if (!read.ok) return { ok: false, message: `${shown} ${read.message}` };
  return { ok: true, value: read.text.replace(/\r?\n$/, "") };
}

/**
 * The `_FILE` convention over the env layers: `KEY_FILE=/path` becomes `KEY` with the file's content, in the
 * layer that set `KEY_FILE`, so precedence decides between it and a `KEY` of another layer (a committed
 * default below a deployment's mounted file). Both in one layer is an error, as the official images make it.
 * Names the schema declares itself (`isDeclared`) are left alone.
 */
export function applyFileReferences(
  layers: Layer[],
  cwd: string,
  isDeclared: (name: string) => boolean,
): { problems: SourceProblem[]; files: string[] } {
  const problems: SourceProblem[] = [];
  const files: string[] = [];
  for (const layer of layers) {
    if (layer.kind !== "env") continue;
    for (const [name, entry] of [...layer.entries]) {
      if (!name.endsWith("_FILE") || name === "_FILE" || isDeclared(name)) continue;
      const target = name.slice(0, -"_FILE".length);
      const where = locationOf(entry);
      layer.entries.delete(name);
      if (layer.entries.has(target)) {
        problems.push({
          ...where,
          message: `both ${target} and ${name} are set; set one of them`,
          severity: "error",
        });
        continue;
      }
      const path = String(entry.value);
      const read = readSecretFile(resolve(cwd, path), path);
      if (!read.ok) {
        problems.push({
          ...where,
          message: `${name} (${formatOrigin(entry.origin)}): ${read.message}`,
          severity: "error",
        });
        continue;
      }
      files.push(path);
      const value: RawEntry = { value: read.value, origin: { kind: "secret-file", path }, secret: true };
      layer.entries.set(target, value);
    }
  }
  return { problems, files };
}

function locationOf(entry: RawEntry): { file: string; line?: number } {
  const { origin } = entry;
  if (origin.kind === "file")
    return origin.line === undefined ? { file: origin.file } : { file: origin.file, line: origin.line };
  return { file: formatOrigin(origin) };
}
