/**
 * Where the conformance corpus lives: outside the repository, at `../shared/corpus` beside it, or wherever
 * `CFGKIT_CORPUS_DIR` points. `corpusDir` is `undefined` when there is no corpus, so suites can say
 * `describe.skipIf(!corpusDir)(...)` and show up as skipped instead of passing silently.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const candidate = process.env.CFGKIT_CORPUS_DIR
  ? path.resolve(process.env.CFGKIT_CORPUS_DIR)
  : path.resolve(repoRoot, "../shared/corpus");

export const corpusDir: string | undefined = existsSync(path.join(candidate, "README.md"))
  ? candidate
  : undefined;

/** A path inside the corpus; only call it when `corpusDir` is set. */
export function corpusPath(...segments: string[]): string {
  if (!corpusDir) throw new Error("the conformance corpus is missing (set CFGKIT_CORPUS_DIR)");
  return path.join(corpusDir, ...segments);
}

export function readCorpusText(...segments: string[]): string {
  return readFileSync(corpusPath(...segments), "utf8");
}

export function readCorpusJson<T>(...segments: string[]): T {
  return JSON.parse(readCorpusText(...segments)) as T;
}

/** Runs `body` in a fresh temporary directory holding `files` (name -> text or bytes), then removes it. */
export function withTempProject<T>(files: Record<string, string | Uint8Array>, body: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "cfgkit-conformance-"));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The line (1-based) where each key is last assigned in `.env` text, found the simplest way: the last line
 * that reads `KEY=`, `KEY =`, `export KEY=` or `KEY:`. Independent of cfgkit's own scanner on purpose.
 */
export function lastAssignmentLine(text: string, key: string): number | undefined {
  return assignmentLines(text, key).at(-1);
}

/** Every line (1-based) where `key` is assigned, in file order; two or more means a duplicate. */
export function assignmentLines(text: string, key: string): number[] {
  const lines = text.split(/\r\n|\r|\n/);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const assignment = new RegExp(`^\\s*(export\\s+)?${escaped}\\s*[=:]`);
  const found: number[] = [];
  lines.forEach((line, i) => {
    if (assignment.test(line.replace(/^\uFEFF/, ""))) found.push(i + 1);
  });
  return found;
}
