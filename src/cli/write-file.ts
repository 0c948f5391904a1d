/**
 * Writing a generated file atomically: the bytes go to a temporary file in the same directory (every byte,
 * however many short writes that takes), are flushed to disk, and the file is renamed over the target, so a
 * reader (or a crash) never sees half a file and any failure leaves the previous file byte-identical. A named
 * pipe or a character device (`/dev/null`, `/dev/stdout`) is written into instead, never replaced. A target
 * that is a symbolic link pointing out of the project is refused, and so is a repository file (a lock, a
 * baseline, a generated doc) whose path leads out of the project: a generator must not write where the
 * repository does not reach.
 */
import {
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import { CliError } from "./errors.js";
import { sweepStaleTemporaries, temporaryPathFor, trackTemporary } from "./temp-files.js";

export interface WriteOptions {
  /** The project root: a path inside it may not escape it through a symbolic link. */
  root: string;
  /** How the target is named in messages. */
  shown?: string;
  /** Permissions of a new file (an existing file keeps its own). @default 0o666, less the umask */
  mode?: number;
  /**
   * A file that belongs in the repository (lock, baseline, example, docs): a path outside the project is
   * refused, not only a symbolic link out of it. @default false
   */
  repository?: boolean;
}

/** Writes `text` to `target` atomically; throws a CliError (exit 2) when the target cannot be written. */
export function writeFileAtomic(target: string, text: string, options: WriteOptions): void {
  const shown = options.shown ?? target;
  const bytes = Buffer.from(text, "utf8");
  if (options.repository && !isInside(options.root, target)) {
    throw new CliError(
      `refusing to write ${shown}: it is outside the project (${options.root}); repository files stay inside it`,
      "write-outside-project",
    );
  }
  const special = specialTarget(target, shown);
  if (special) {
    writeIntoSpecialFile(special, bytes, shown);
    return;
  }
  const destination = realTarget(target, options.root, shown);
  sweepStaleTemporaries(destination);
  const directory = dirname(destination);
  const temporary = temporaryPathFor(destination);
  const untrack = trackTemporary(temporary);
  let descriptor: number | undefined;
  try {
    // `wx`: never follow or reuse an existing file at the temporary name.
    descriptor = openSync(temporary, "wx", options.mode ?? modeOf(destination));
    writeAll(descriptor, bytes);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, destination);
  } catch (error) {
    if (descriptor !== undefined) closeQuietly(descriptor);
    removeQuietly(temporary);
    throw writeError(shown, error);
  } finally {
    untrack();
  }
  syncDirectory(directory);
}

/** Loops until every byte is written: `write(2)` may write fewer bytes than asked (a nearly full disk, a pipe). */
function writeAll(descriptor: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(descriptor, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error("the write made no progress"), { code: "EIO" });
    offset += written;
  }
}

/**
 * A target that must be written into rather than replaced: a named pipe or a character device. A socket or a
 * block device is refused outright; writing a config snapshot over a disk is never what was meant.
 */
function specialTarget(target: string, shown: string): { path: string; kind: string } | undefined {
  let stats: Stats;
  try {
    stats = statSync(target);
  } catch {
    return undefined;
  }
  if (stats.isFIFO()) return { path: target, kind: "named pipe" };
  if (stats.isCharacterDevice()) return { path: target, kind: "character device" };
  if (stats.isSocket() || stats.isBlockDevice()) {
    const kind = stats.isSocket() ? "a socket" : "a block device";
    throw new CliError(`cannot write ${shown}: it is ${kind}; name a regular file`, "write-failed");
  }
  return undefined;
}

/** Like shell redirection: a pipe with no reader yet waits for one. Nothing to rename, nothing to fsync. */
function writeIntoSpecialFile(target: { path: string }, bytes: Buffer, shown: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(target.path, constants.O_WRONLY);
    writeAll(descriptor, bytes);
  } catch (error) {
    throw writeError(shown, error);
  } finally {
    if (descriptor !== undefined) closeQuietly(descriptor);
  }
}

/** The file the rename must replace: the target itself, or what its symbolic link points at inside the project. */
function realTarget(target: string, root: string, shown: string): string {
  let stats: Stats | undefined;
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
    throw writeError(shown, error);
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

function closeQuietly(descriptor: number): void {
  try {
    closeSync(descriptor);
  } catch {
    // The write already failed; that error is the one to report.
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

function writeError(shown: string, error: unknown): CliError {
  return new CliError(`cannot write ${shown}: ${describeWriteError(error)}`, "write-failed", 2, {
    cause: error,
  });
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
    case "ENOSPC":
    case "EDQUOT":
      return `${code}: no space left on the device; the previous file is unchanged`;
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
