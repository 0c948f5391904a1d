/**
 * Parsed sources kept between loads in one process: a service that calls loadSettings() again, or the CLI
 * resolving several environments that share `.env`, reads and parses a file once while it is unchanged. A file
 * counts as unchanged while its size, modification and change times and inode are; a directory's listing while
 * the directory's are (adding, removing or renaming a file in it changes them), so an unchanged project costs
 * one stat per planned folder and per existing file, no listing and no read.
 *
 * File times tick coarsely (a few milliseconds on Linux, seconds elsewhere): two writes of the same size within
 * one tick leave the same stamp. So, as git does for its index, nothing changed within the last RACY_MS is
 * cached; it is read again until it has been left alone that long.
 */
import { readdirSync, statSync } from "node:fs";
import { readSourceText } from "./read-text.js";

/** Big files are parsed each time rather than held: the cache is for the handful a service reads. */
const MAX_CACHED_BYTES = 1024 * 1024;
const MAX_CACHED_FILES = 64;
const RACY_MS = 2000;

interface Stamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

const sameStamp = (a: Stamp, b: Stamp) =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
const settled = (stamp: Stamp) => Date.now() - Math.max(stamp.mtimeMs, stamp.ctimeMs) > RACY_MS;

/** Directory -> its file names, while its modification time is unchanged. */
const listings = new Map<string, { stamp: Stamp; names: Set<string> }>();
/** `kind NUL path` -> the parsed file, while its size and modification time are unchanged. */
const parsed = new Map<string, { stamp: Stamp; value: unknown }>();

function stampOf(path: string): Stamp | undefined {
  try {
    const { size, mtimeMs, ctimeMs, ino } = statSync(path);
    return { size, mtimeMs, ctimeMs, ino };
  } catch {
    return undefined;
  }
}

/**
 * The names in `directory`: an empty set when it does not exist, `undefined` when it cannot be listed (which
 * proves nothing: the read itself then says what is wrong).
 */
export function directoryNames(directory: string): Set<string> | undefined {
  const stamp = stampOf(directory);
  const cached = listings.get(directory);
  if (stamp && cached && sameStamp(cached.stamp, stamp)) return cached.names;
  try {
    const names = new Set(readdirSync(directory));
    if (stamp && settled(stamp)) remember(listings, directory, { stamp, names });
    return names;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? new Set() : undefined;
  }
}

export type ParsedRead<T> = { ok: true; value: T } | { ok: false; message: string; line?: number };

/**
 * Reads and parses `path` (through readSourceText, so its checks and messages apply), or returns the result
 * of the last parse while the file is unchanged; `undefined` when the file does not exist. `kind` keeps
 * different parsings of one file apart (it includes whatever the parse depends on besides the text, and the
 * `maxBytes` limit the file was read under). The
 * value is shared between calls: callers must not change it.
 */
export function readParsed<T>(
  path: string,
  kind: string,
  parse: (text: string) => T,
  maxBytes?: number,
): ParsedRead<T> | undefined {
  const key = `${kind}\u0000${path}`;
  const stamp = stampOf(path);
  const cached = parsed.get(key);
  if (stamp && cached && sameStamp(cached.stamp, stamp)) return { ok: true, value: cached.value as T };
  const read = readSourceText(path, maxBytes);
  if (!read) return undefined;
  if (!read.ok) return read;
  const value = parse(read.text);
  // Stamped before the read, and kept only when the text read has the stamped size: a file changed between the
  // stat and the read is read again next time.
  if (
    stamp &&
    settled(stamp) &&
    stamp.size <= MAX_CACHED_BYTES &&
    Buffer.byteLength(read.text) === stamp.size
  ) {
    remember(parsed, key, { stamp, value });
  } else parsed.delete(key);
  return { ok: true, value };
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > MAX_CACHED_FILES) cache.delete(cache.keys().next().value as string);
}
