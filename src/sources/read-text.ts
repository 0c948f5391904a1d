/**
 * Reading a source file as UTF-8 text, turning every way that can fail into a message a user can act on. Only
 * a regular file is read, and only up to a size limit checked before reading: a FIFO would block forever, a
 * link to `/dev/zero` never ends, and a huge file exhausts memory.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  type Stats,
  statSync,
} from "node:fs";
import { DEFAULT_LIMITS, formatBytes } from "./limits.js";

export type ReadResult = { ok: true; text: string } | { ok: false; message: string; line?: number };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Reads `absolutePath`; `undefined` when the file does not exist (callers decide whether that is an error). A
 * symbolic link to nothing is not "missing": it is reported, since the file it names was meant to be read.
 */
export function readSourceText(
  absolutePath: string,
  maxBytes: number = DEFAULT_LIMITS.maxFileBytes,
): ReadResult | undefined {
  const read = readRegularFile(absolutePath, maxBytes);
  if (read === undefined || !read.ok) return read;
  return decodeSourceText(read.bytes);
}

/**
 * Reads a stream (standard input) as a source: at most `maxBytes`, then UTF-8 text, with the same messages as
 * a file; the stream is left unread past the limit, so a producer that never ends cannot exhaust memory.
 */
export async function readStreamText(
  stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxBytes: number,
): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) return { ok: false, message: sizeMessage(maxBytes, "more arrived") };
    chunks.push(bytes);
  }
  return decodeSourceText(Buffer.concat(chunks, total));
}

function decodeSourceText(bytes: Buffer): ReadResult {
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const line = lineOfInvalidUtf8(bytes);
    return { ok: false, message: "is not valid UTF-8 text; save it as UTF-8", line };
  }
}

type BytesResult = { ok: true; bytes: Buffer } | { ok: false; message: string };

function readRegularFile(path: string, maxBytes: number): BytesResult | undefined {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return danglingLink(path);
    return { ok: false, message: describeReadError(code) };
  }
  const refused = refuseNonRegular(stats) ?? refuseSize(stats.size, maxBytes);
  if (refused) return { ok: false, message: refused };
  let descriptor: number;
  try {
    // O_NONBLOCK: should the file have been swapped for a FIFO since the stat, opening it cannot hang.
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? undefined : { ok: false, message: describeReadError(code) };
  }
  try {
    // What was opened is what counts: a file renamed over the path since the stat (an editor's save) is read
    // whole, once it passes the same checks.
    const opened = fstatSync(descriptor);
    const swapped = refuseNonRegular(opened) ?? refuseSize(opened.size, maxBytes);
    if (swapped) return { ok: false, message: swapped };
    const bytes = readUpTo(descriptor, maxBytes, opened.size);
    if (bytes === undefined) return { ok: false, message: sizeMessage(maxBytes) };
    const after = fstatSync(descriptor);
    if (after.size !== opened.size || after.mtimeMs !== opened.mtimeMs) {
      return { ok: false, message: "changed while it was being read; run again" };
    }
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, message: describeReadError((error as NodeJS.ErrnoException).code) };
  } finally {
    closeSync(descriptor);
  }
}

/** Reads to the end of the file; `undefined` once more than `maxBytes` arrive (a file still growing). */
function readUpTo(descriptor: number, maxBytes: number, expected: number): Buffer | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // The expected size plus one byte to see the end; past it (a file still growing), chunks up to the limit.
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(expected - total, 65536), maxBytes - total) + 1);
    const count = readSync(descriptor, chunk, 0, chunk.length, null);
    if (count === 0) break;
    total += count;
    if (total > maxBytes) return undefined;
    chunks.push(chunk.subarray(0, count));
  }
  return Buffer.concat(chunks, total);
}

function danglingLink(path: string): BytesResult | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink()) return undefined;
    return {
      ok: false,
      message: `is a symbolic link to ${readlinkSync(path)}, which does not exist`,
    };
  } catch {
    return undefined;
  }
}

function refuseNonRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "is a directory, expected a file";
  if (stats.isFIFO()) return "is a named pipe (FIFO), expected a regular file";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "is a device, expected a regular file";
  if (stats.isSocket()) return "is a socket, expected a regular file";
  return "is not a regular file";
}

function refuseSize(size: number, maxBytes: number): string | undefined {
  return size <= maxBytes ? undefined : sizeMessage(maxBytes, size);
}

/** `size` in bytes when known, or what was seen instead ("more arrived" on a stream). */
function sizeMessage(maxBytes: number, size?: number | string): string {
  const actual =
    size === undefined ? "it grew while being read" : typeof size === "string" ? size : formatBytes(size);
  return `is larger than the ${formatBytes(maxBytes)} limit for a source file (${actual}; raise limits.maxFileBytes to read it)`;
}

function describeReadError(code: string | undefined): string {
  switch (code) {
    case "EISDIR":
      return "is a directory, expected a file";
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied";
    case "ELOOP":
      return "cannot be read: too many symbolic links";
    default:
      return `cannot be read (${code ?? "unknown error"})`;
  }
}

/** The 1-based line of the first byte sequence that is not UTF-8, found by decoding line by line. */
function lineOfInvalidUtf8(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        utf8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
