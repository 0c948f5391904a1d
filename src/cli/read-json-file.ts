/** Reading a JSON file the CLI keeps in the project (a drift baseline, a lock file), with errors that say what is wrong. */
import { readFileSync, realpathSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { CliError } from "./errors.js";

/**
 * Parses `path` as JSON. With `root`, a file that leads outside the project through a symbolic link is refused:
 * a file from elsewhere must not silently change what the project accepts.
 */
export function readJsonFile(path: string, shown: string, what: string, root?: string): unknown {
  try {
    if (root !== undefined) {
      const rel = relative(realpathSync(root), realpathSync(path));
      if (rel.startsWith("..") || isAbsolute(rel)) {
        throw new CliError(
          `refusing to read ${what} ${shown}: it leads outside the project through a symbolic link`,
          "read-outside-project",
        );
      }
    }
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "does not exist" : code ? `cannot be read (${code})` : "is not valid JSON";
    throw new CliError(`${what} ${shown} ${reason}`, `bad-${what.replace(/\s+/g, "-")}`);
  }
}
