/**
 * Imports a user's module: JavaScript natively, TypeScript through jiti, which is loaded only when a `.ts` file
 * must be read (measured at under half of tsx's whole-process cost on a small config). A module whose
 * top-level await never settles gets a message instead of Node's silent exit 13.
 */
import { existsSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { TransformOptions, TransformResult } from "jiti";
import { requireBundle } from "../bundle-require.js";
import { CliError } from "./errors.js";

const TYPESCRIPT = new Set([".ts", ".mts", ".cts"]);

/** How long a module may take to load (a config fetching from a vault may be slow): `CFG_IMPORT_TIMEOUT_MS`. */
const DEFAULT_TIMEOUT_MS = 30_000;

export async function importUserModule(path: string): Promise<Record<string, unknown>> {
  const absolute = resolve(path);
  try {
    return await settledOrExplained(importModule(absolute), path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      // Node names the importer in its message too, so only the file's absence says which one is missing.
      if (!existsSync(absolute)) throw new CliError(`cannot find ${path}`, "module-not-found");
      const missing = /Cannot find (?:package|module) '([^']+)'/.exec(String((error as Error).message))?.[1];
      if (missing)
        throw new CliError(
          /^(?:\.|\/|file:)/.test(missing)
            ? `${path} imports ${missing}, which does not exist`
            : `${path} imports "${missing}", which cannot be found from its folder (is it installed there? npm install ${missing})`,
          "module-not-found",
        );
    }
    throw new CliError(
      `${path} failed to load: ${(error as Error).message ?? String(error)}`,
      "module-load-failed",
      2,
      {
        cause: error,
      },
    );
  }
}

async function importModule(absolute: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.has(extname(absolute))) {
    const { createJiti } = await import("jiti");
    const jiti = createJiti(import.meta.url, {
      ...typescriptTransform(),
      interopDefault: false,
      moduleCache: false,
      fsCache: transformCacheFor(absolute),
    });
    return (await jiti.import(absolute)) as Record<string, unknown>;
  }
  return (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
}

type Transform = (options: TransformOptions) => TransformResult;

/** Whether this is the build (dist/), where jiti's transform is a bundle beside this file. */
const built = !import.meta.url.endsWith(".ts");

/** The transform for a file not in jiti's cache: in the build, its babel bundle, also through requireBundle. */
function typescriptTransform(): { transform?: Transform } {
  if (!built) return {};
  const babel = fileURLToPath(new URL("./jiti-babel.cjs", import.meta.url));
  return { transform: (options) => (requireBundle(babel) as Transform)(options) };
}

/**
 * The import, or an error once it cannot settle: when the event loop runs dry while it is pending (an await on
 * a promise nothing will resolve: Node would exit 13 without a word), or after the timeout (an await on
 * something still running that does not finish).
 */
async function settledOrExplained<T>(loading: Promise<T>, path: string): Promise<T> {
  const timeoutMs = Number(process.env.CFG_IMPORT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  let onDrained: (() => void) | undefined;
  const stalled = new Promise<never>((_, reject) => {
    onDrained = () =>
      reject(
        new CliError(
          `${path} never finished loading: a top-level await in it waits on a promise that nothing will settle`,
          "module-load-stalled",
        ),
      );
    process.once("beforeExit", onDrained);
    timer = setTimeout(
      () =>
        reject(
          new CliError(
            `${path} did not finish loading within ${timeoutMs / 1000} s (a top-level await still waiting?); set CFG_IMPORT_TIMEOUT_MS to allow longer`,
            "module-load-timeout",
          ),
        ),
      timeoutMs,
    );
    // Unreferenced: the timer alone must not keep the process alive, so that a drained loop is noticed.
    timer.unref();
  });
  try {
    return await Promise.race([loading, stalled]);
  } finally {
    clearTimeout(timer);
    if (onDrained) process.removeListener("beforeExit", onDrained);
  }
}

/**
 * Where jiti keeps transformed files: the project's `node_modules/.cache/jiti` (the nearest node_modules above
 * the module), so a CI that caches node_modules/.cache keeps it warm; without a node_modules, jiti's default
 * (the temporary directory).
 */
function transformCacheFor(modulePath: string): string | true {
  for (let dir = dirname(modulePath); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "jiti");
    if (dirname(dir) === dir) return true;
  }
}
