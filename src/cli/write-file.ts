/**
 * Writing a generated file atomically: the text goes to a temporary file in the same directory, is flushed to
 * disk, and is renamed over the target, so a reader (or a crash) never sees half a file. A target that is a
 * symbolic link pointing out of the project is refused: a generator must not write where the repository
 * does not reach.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import { CliError } from "./errors.js";

export interface WriteOptions {
  /** The project root: a path inside it may not escape it through a symbolic link. */
  root: string;
  /** How the target is named in messages. */
  shown?: string;
  /** Permissions of a new file (an existing file keeps its own). @default 0o666, less the umask */
  mode?: number;
}

/** Writes `text` to `target` atomically; throws a CliError (exit 2) when the target cannot be written. */
export function writeFileAtomic(target: string, text: string, options: WriteOptions): void {
  const shown = options.shown ?? target;
  const destination = realTarget(target, options.root, shown);
  const directory = dirname(destination);
  const temporary = join(
    directory,
    `.${basename(destination)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  let descriptor: number | undefined;
  try {
    // `wx`: never follow or reuse an existing file at the temporary name.
    descriptor = openSync(temporary, "wx", options.mode ?? modeOf(destination));
    writeSync(descriptor, text);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, destination);
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    removeQuietly(temporary);
    throw new CliError(`cannot write ${shown}: ${describeWriteError(error)}`, "write-failed", 2, {
      cause: error,
    });
  }
  syncDirectory(directory);
}

/** The file the rename must replace: the target itself, or what its symbolic link points at inside the project. */
function realTarget(target: string, root: string, shown: string): string {
  let stats: ReturnType<typeof lstatSync> | undefined;
  try {
    stats = lstatSync(target);
  } catch {
    stats = undefined;
  }
  if (stats?.isDirectory()) throw new CliError(`cannot write ${shown}: it is a directory`, "write-failed");
  const insideProject = isInside(root, target);
  let real: string;
  try {
    real = stats?.isSymbolicLink()
      ? realpathSync(target)
      : join(realpathSync(dirname(target)), basename(target));
  } catch (error) {
    throw new CliError(`cannot write ${shown}: ${describeWriteError(error)}`, "write-failed", 2, {
      cause: error,
    });
  }
  // A path the user named outside the project is theirs to choose; a link that leads out of it is not.
  if (insideProject && !isInside(safeRealpath(root), real)) {
    throw new CliError(
      `refusing to write ${shown}: it leads outside the project (to ${real}) through a symbolic link`,
      "write-outside-project",
    );
  }
  if (stats?.isSymbolicLink() && statSync(real).isDirectory()) {
    throw new CliError(`cannot write ${shown}: it is a directory`, "write-failed");
  }
  return real;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Keeps the permissions of the file being replaced (a generated file may be read-only on purpose). */
function modeOf(path: string): number {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return 0o666;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Nothing was created, or it is already gone.
  }
}

/** Makes the rename itself durable; some systems cannot open a directory for that, which is fine. */
function syncDirectory(directory: string): void {
  try {
    const descriptor = openSync(directory, "r");
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Best effort only.
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "its directory does not exist";
    case "EISDIR":
      return "it is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a parent of it is not a directory";
    case "EROFS":
      return "the file system is read-only";
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
