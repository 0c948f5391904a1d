/**
 * Writes `schemas/json/*.schema.json` from `renderJsonSchemas()` and removes stale ones. `npm run schemas:json`
 * runs it from source through jiti (no build needed).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderJsonSchemas } from "./_json-schemas.js";

/** The package root: the nearest folder with a package.json above this file. */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const outDir = join(findPackageRoot(dirname(fileURLToPath(import.meta.url))), "schemas", "json");
const files = renderJsonSchemas();
mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(outDir)) {
  if (name.endsWith(".schema.json") && !(name in files)) rmSync(join(outDir, name));
}
for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
process.stderr.write(`wrote ${Object.keys(files).length} JSON Schemas to ${outDir}\n`);
