/**
 * Vitest config for `npm run bench` only (test/bench/run.mjs passes it). Built code (dist/) and the example service
 * are imported natively, as the peers in node_modules are, so neither side runs through Vite's module transform.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    benchmark: { include: ["test/bench/**/*.bench.ts"] },
    server: { deps: { external: [/\/dist\//, /\/examples\//, /\/test\/bench\/fixtures\/.*\.mjs$/] } },
  },
});
