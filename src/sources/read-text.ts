/** Reading a source file as UTF-8 text, turning every way that can fail into a message a user can act on. */
import { readFileSync } from "node:fs";

export type ReadResult = { ok: true; text: string } | { ok: false; message: string; line?: number };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Reads `absolutePath`; `undefined` when the file does not exist (callers decide whether that is an error). */
export function readSourceText(absolutePath: string): ReadResult | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    return { ok: false, message: describeReadError(code) };
  }
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    const line = lineOfInvalidUtf8(bytes);
    return { ok: false, message: "is not valid UTF-8 text; save it as UTF-8", line };
  }
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
