/** Where the CLI reads and writes: passed in, so commands run the same in-process (tests) and for real. */
import { type ReadResult, readStreamText } from "../sources/read-text.js";

export interface CliIo {
  /** Data: what a pipe or a file receives. */
  stdout: (text: string) => void;
  /** Diagnostics: status lines, warnings, errors. */
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, alignment). */
  isTTY: boolean;
  /** Standard input as text, for `-` operands: at most `maxBytes`, as a source file is read. */
  readStdin: (maxBytes: number) => Promise<ReadResult>;
}

/** The real process's streams. A closed pipe (`cfg print | head -1`) ends the process quietly. */
export function processIo(): CliIo {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    readStdin: async (maxBytes) => {
      const read = await readStreamText(process.stdin, maxBytes);
      // Past the limit the rest is not wanted: stop reading, so the process can end.
      if (!read.ok) process.stdin.destroy();
      return read;
    },
  };
}

/** The one decision about colour: never with NO_COLOR, always with FORCE_COLOR, else only on a terminal. */
export function shouldColor(io: Pick<CliIo, "env" | "isTTY">): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return io.isTTY;
}

export interface Palette {
  red: (text: string) => string;
  yellow: (text: string) => string;
  green: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

export function createPalette(enabled: boolean): Palette {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}
