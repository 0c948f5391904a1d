/**
 * Parsed sources kept between loads in one process: a service that calls loadSettings() again, or the CLI
 * resolving several environments that share `.env`, reads and parses a file once while it is unchanged. A file
 * counts as unchanged while its size, modification and change times and inode are; a directory's listing while
 * the directory's are (adding, removing or renaming a file in it changes them), so an unchanged project costs
 * one stat per planned folder and per existing file, no listing and no read. A folder that does not exist costs
 * one stat that says so.
 *
 * File times tick coarsely (a few milliseconds on Linux, seconds elsewhere): two writes of the same size within
 * one tick leave the same stamp. So, as git does for its index, nothing changed within the last RACY_MS is
 * cached; it is read again until it has been left alone that long.
 *
 * A load can also note what it got from here (recordReads) and later ask whether all of it is still current
 * (readsUnchanged): that is how a warm loadSettings() knows it may reuse its last resolution (reuse.ts).
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

interface Cached {
  stamp: Stamp;
  value: unknown;
}

/** Directory -> its file names (a Set), while its stamp is unchanged. */
const listings = new Map<string, Cached>();
/** `kind NUL path` -> the parsed file, while its stamp is unchanged. */
const parsed = new Map<string, Cached>();

/** The stamp of `path`; `"absent"` when nothing is there, `undefined` when it cannot be known (no access…). */
function stampOf(path: string): Stamp | "absent" | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return "absent";
    return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino };
  } catch {
    return undefined;
  }
}

/**
 * What one load got from this cache, so that a later load can tell in one stat per entry that all of it is
 * still current (see {@link recordReads}): each entry is a cached value that was handed out, or a folder
 * that was absent. `reusable` is false once anything was read that the cache does not hold.
 */
export interface SourceReads {
  entries: ({ cache: Map<string, Cached>; key: string; path: string; value: unknown } | { absent: string })[];
  reusable: boolean;
}

let recording: SourceReads | undefined;

/** Runs `read`, noting every directory listing and parsed file it got from this cache. */
export function recordReads<T>(read: () => T): { value: T; reads: SourceReads } {
  const outer = recording;
  const reads: SourceReads = { entries: [], reusable: true };
  recording = reads;
  try {
    return { value: read(), reads };
  } finally {
    recording = outer;
  }
}

/** Whether every listing and parse that `reads` noted would be handed out again, unchanged. */
export function readsUnchanged(reads: SourceReads): boolean {
  if (!reads.reusable) return false;
  for (const entry of reads.entries) {
    if ("absent" in entry) {
      if (stampOf(entry.absent) !== "absent") return false;
      continue;
    }
    const cached = entry.cache.get(entry.key);
    if (!cached || cached.value !== entry.value) return false;
    const stamp = stampOf(entry.path);
    if (typeof stamp !== "object" || !sameStamp(stamp, cached.stamp)) return false;
  }
  return true;
}

function note(entry: SourceReads["entries"][number] | undefined): void {
  if (!recording) return;
  if (entry) recording.entries.push(entry);
  else recording.reusable = false;
}

/**
 * The names in `directory`: an empty set when it does not exist, `undefined` when it cannot be listed (which
 * proves nothing: the read itself then says what is wrong).
 */
export function directoryNames(directory: string): Set<string> | undefined {
  const stamp = stampOf(directory);
  if (stamp === "absent") {
    note({ absent: directory });
    return new Set();
  }
  const cached = listings.get(directory);
  if (stamp && cached && sameStamp(cached.stamp, stamp)) {
    note({ cache: listings, key: directory, path: directory, value: cached.value });
    return cached.value as Set<string>;
  }
  try {
    const names = new Set(readdirSync(directory));
    if (stamp && settled(stamp)) {
      remember(listings, directory, { stamp, value: names });
      note({ cache: listings, key: directory, path: directory, value: names });
    } else note(undefined);
    return names;
  } catch (error) {
    note(undefined);
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
  const stamped = stampOf(path);
  const stamp = typeof stamped === "object" ? stamped : undefined;
  const cached = parsed.get(key);
  if (stamp && cached && sameStamp(cached.stamp, stamp)) {
    note({ cache: parsed, key, path, value: cached.value });
    return { ok: true, value: cached.value as T };
  }
  const read = readSourceText(path, maxBytes);
  if (!read?.ok) {
    note(undefined);
    return read;
  }
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
    note({ cache: parsed, key, path, value });
  } else {
    parsed.delete(key);
    note(undefined);
  }
  return { ok: true, value };
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > MAX_CACHED_FILES) cache.delete(cache.keys().next().value as string);
}
