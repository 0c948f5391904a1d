/**
 * Reading a JSON file the CLI keeps in the project (a drift baseline, a lock file) or is handed (a snapshot,
 * a project config), with errors that say what is wrong: only a regular file under the size limit, nesting
 * within the depth limit, no key given twice, no integer that would be rounded.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { checkJsonText } from "../sources/json-checks.js";
import { DEFAULT_LIMITS, type SourceLimits } from "../sources/limits.js";
import { type ReadResult, readSourceText } from "../sources/read-text.js";
import { CliError } from "./errors.js";
import type { CliIo } from "./io.js";

/**
 * Parses `path` as JSON. With `root`, a file that leads outside the project through a symbolic link is refused:
 * a file from elsewhere must not silently change what the project accepts. `limits` are the project's
 * (`defineSettings({ limits })`), so a large lock file or baseline is read once the limit is raised, as its error
 * advises.
 */
export function readJsonFile(
  path: string,
  shown: string,
  what: string,
  options: { root?: string; limits?: SourceLimits | undefined } = {},
): unknown {
  const code = `bad-${what.replace(/\s+/g, "-")}`;
  if (options.root !== undefined) refuseOutsideProject(path, shown, what, options.root, code);
  const text = readJsonText(path, `${what} ${shown}`, code, options.limits);
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the input: keep it out.
    throw new CliError(`${what} ${shown} is not valid JSON`, code);
  }
}

/**
 * The text of a JSON file, checked as above; `named` starts every message (`baseline cfg.drift-baseline.json`).
 * Parsing is the caller's: a snapshot has its own words for what is wrong with it.
 */
export function readJsonText(
  path: string,
  named: string,
  code: string,
  limits: SourceLimits = DEFAULT_LIMITS,
): string {
  const read = readSourceText(path, limits.maxFileBytes);
  if (read === undefined) throw new CliError(`${named} does not exist`, code);
  return checkedJsonText(read, named, code, limits);
}

/** Standard input read and checked as a JSON file is (`snapshot on standard input`). */
export async function readJsonStdin(
  io: CliIo,
  named: string,
  code: string,
  limits: SourceLimits = DEFAULT_LIMITS,
): Promise<string> {
  return checkedJsonText(await io.readStdin(limits.maxFileBytes), named, code, limits);
}

function checkedJsonText(read: ReadResult, named: string, code: string, limits: SourceLimits): string {
  if (!read.ok) {
    const where = read.line === undefined ? "" : ` (line ${read.line})`;
    throw new CliError(`${named} ${read.message}${where}`, code);
  }
  const problem = checkJsonText(read.text, limits.maxDepth);
  if (problem) throw new CliError(`${named}:${problem.line}:${problem.column}: ${problem.message}`, code);
  return read.text;
}

function refuseOutsideProject(path: string, shown: string, what: string, root: string, code: string): void {
  let rel: string;
  try {
    rel = relative(realpathSync(root), realpathSync(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // Reported by the read.
    throw new CliError(`${what} ${shown} cannot be read (${(error as NodeJS.ErrnoException).code})`, code);
  }
  if (rel.startsWith("..") || isAbsolute(rel)) {
    throw new CliError(
      `refusing to read ${what} ${shown}: it leads outside the project through a symbolic link`,
      "read-outside-project",
    );
  }
}
