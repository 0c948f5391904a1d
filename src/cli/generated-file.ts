/**
 * What `cfg example` and `cfg docs` share: a file generated from the schema is printed, written atomically
 * (`--write`), or compared with the committed copy (`--check`, exit 1 when stale).
 */
import { resolve } from "node:path";
import { readSourceText } from "../sources/read-text.js";
import type { CommandContext } from "./context.js";
import { CliError, EXIT } from "./errors.js";
import { writeFileAtomic } from "./write-file.js";

export interface GeneratedFileOptions {
  write?: boolean;
  check?: boolean;
  output?: string;
}

export interface GeneratedFile {
  /** `cfg example`: used in the hint of how to regenerate. */
  command: string;
  /** File name in the project root when `--output` is not given. */
  defaultName: string;
  text: string;
  /** Keys named by a file's text, to say which were added or removed when it is stale. */
  keysOf?: (text: string) => string[];
}

/** Prints, writes or checks `file`; returns the exit code. `cwd` is where a relative `--output` starts. */
export function emitGeneratedFile(
  context: CommandContext,
  root: string,
  file: GeneratedFile,
  options: GeneratedFileOptions,
): number {
  if (options.write && options.check) {
    throw new CliError("--write and --check cannot be used together", "usage");
  }
  if (!options.write && !options.check) {
    if (options.output) {
      throw new CliError(
        "--output names the file for --write or --check; without them the text goes to stdout",
        "usage",
      );
    }
    context.io.stdout(file.text);
    return EXIT.clean;
  }
  const target = options.output ? resolve(context.cwd(), options.output) : resolve(root, file.defaultName);
  const shown = options.output ?? file.defaultName;
  const regenerate = `run \`${file.command} --write${options.output ? ` --output ${options.output}` : ""}\``;
  if (options.write) {
    writeFileAtomic(target, file.text, { root, shown, repository: true });
    context.note(`cfg: wrote ${shown}`);
    return EXIT.clean;
  }
  const committed = readSourceText(target);
  if (committed === undefined) {
    context.io.stderr(`cfg: ${shown} does not exist; ${regenerate} and commit it\n`);
    return EXIT.findings;
  }
  if (!committed.ok) throw new CliError(`cannot read ${shown}: it ${committed.message}`, "read-failed");
  if (normalizeNewlines(committed.text) === file.text) {
    context.note(`cfg: ${shown} is up to date`);
    return EXIT.clean;
  }
  const lines = [`cfg: ${shown} is stale: it differs from what the schema generates; ${regenerate}`];
  if (file.keysOf) {
    const before = new Set(file.keysOf(committed.text));
    const after = new Set(file.keysOf(file.text));
    const added = [...after].filter((key) => !before.has(key));
    const removed = [...before].filter((key) => !after.has(key));
    if (added.length > 0) lines.push(`  missing from the file: ${added.join(", ")}`);
    if (removed.length > 0) lines.push(`  no longer in the schema: ${removed.join(", ")}`);
    if (added.length === 0 && removed.length === 0)
      lines.push("  same keys; descriptions, types or defaults changed");
  }
  context.io.stderr(`${lines.join("\n")}\n`);
  return EXIT.findings;
}

/** A checkout with `core.autocrlf` must not make a current file look stale. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

/** The `--write`, `--check` and `--output` options, shared so both commands read the same. */
export const GENERATED_FILE_HELP = {
  write: "write the file (atomically) instead of printing it",
  check: "exit 1 when the file differs from what the schema generates (for CI)",
  output: "the file to write or check",
} as const;
