/**
 * Paths as CI platforms want them: relative to the repository root (the git top level, else the working
 * directory), so that an annotation run with `-C examples/service` still lands on `examples/service/.env`.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** The nearest folder at or above `start` holding `.git` (a directory, or a file in a worktree), else `fallback`. */
export function repositoryRoot(start: string, fallback: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(fallback);
    dir = parent;
  }
}

/** A path relative to `projectRoot`, re-expressed relative to `repoRoot`, with `/` separators. */
export function fromRepositoryRoot(repoRoot: string, projectRoot: string, file: string): string {
  const path = relative(repoRoot, resolve(projectRoot, file)) || ".";
  return sep === "/" ? path : path.split(sep).join("/");
}
