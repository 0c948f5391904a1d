/**
 * Imports a user's module: JavaScript natively, TypeScript through jiti, which is loaded only when a `.ts` file
 * must be read (measured at under half of tsx's whole-process cost on a small config).
 */
import { existsSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CliError } from "./errors.js";

const TYPESCRIPT = new Set([".ts", ".mts", ".cts"]);

export async function importUserModule(path: string): Promise<Record<string, unknown>> {
  const absolute = resolve(path);
  try {
    if (TYPESCRIPT.has(extname(absolute))) {
      const { createJiti } = await import("jiti");
      const jiti = createJiti(import.meta.url, {
        interopDefault: false,
        moduleCache: false,
        fsCache: transformCacheFor(absolute),
      });
      return (await jiti.import(absolute)) as Record<string, unknown>;
    }
    return (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" && String((error as Error).message).includes(absolute)) {
      throw new CliError(`cannot find ${path}`, "module-not-found");
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
