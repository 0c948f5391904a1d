/**
 * `npm run build`: the bundled dist/ (tsdown, on rolldown). One ES module build of the three entries, so the CLI
 * and a user's settings module share the runtime's chunks (one copy of cfgkit in a `cfg` process), and a CommonJS
 * build of the two library entries for `require()`. zod, dotenv, env-core and jsonc-parser stay external
 * (dependencies and the peer); the CLI's own packages (commander, diff, jiti: devDependencies) are bundled into the
 * CLI's chunks, but commander into dist/commander.cjs, and yaml (a devDependency too) into dist/yaml.cjs for the
 * runtime, which the CLI keeps compiled between runs on Node 20; nothing else may be bundled (`onlyBundle`).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig, type UserConfig } from "tsdown";

/**
 * jiti loads its TypeScript transform (babel, 1.5 MB) from `../dist/babel.cjs` relative to its own file, through
 * createRequire, only when a file is not in its cache. Bundled, that path would not exist: ship the transform as
 * dist/jiti-babel.cjs and point jiti there, still loaded only on a cache miss.
 */
function jitiTransformBeside(): NonNullable<UserConfig["plugins"]> {
  const jitiDir = dirname(createRequire(import.meta.url).resolve("jiti/package.json"));
  const from = '"../dist/babel.cjs"';
  return {
    name: "cfgkit:jiti-transform-beside",
    transform(code, id) {
      if (!id.endsWith("/jiti/lib/jiti.mjs")) return null;
      if (!code.includes(from))
        throw new Error(`jiti no longer loads its transform from ${from}: update ${id}`);
      return code.replace(from, '"./jiti-babel.cjs"');
    },
    generateBundle() {
      const source = readFileSync(join(jitiDir, "dist/babel.cjs"));
      this.emitFile({ type: "asset", fileName: "jiti-babel.cjs", source });
    },
  };
}

type OutputOptions = Exclude<NonNullable<UserConfig["outputOptions"]>, (...args: never[]) => unknown>;

/**
 * The runtime's modules in one chunk: every module of cfgkit's own that the runtime entry (src/index.ts) imports
 * statically. A service then loads two files of cfgkit (the entry and this chunk) instead of one per group of
 * modules the three entries happen to share: each ES module costs a process a resolve, a read and a compile.
 * The CLI and cfgkit/schemas import the same chunk, so one copy of the runtime runs in a `cfg` process.
 */
function runtimeChunk(): NonNullable<OutputOptions["codeSplitting"]> {
  const entry = join(import.meta.dirname, "src", "index.ts");
  let runtime: Set<string> | undefined;
  return {
    groups: [
      {
        name(id, ctx) {
          if (!runtime) {
            const seen = new Set<string>();
            const visit = (module: string) => {
              if (seen.has(module) || module.includes("node_modules")) return;
              seen.add(module);
              for (const next of ctx.getModuleInfo(module)?.importedIds ?? []) visit(next);
            };
            visit(entry);
            runtime = seen;
          }
          return runtime.has(id) ? "runtime" : null;
        },
      },
    ],
  };
}

const common = {
  platform: "node",
  target: "node20.19",
  sourcemap: true,
  dts: true,
  outDir: "dist",
  tsconfig: "tsconfig.build.json",
  inputOptions: { checks: { pluginTimings: false } },
  // Maps name the sources without carrying them: a third of the installed size otherwise.
  outputOptions: { sourcemapExcludeSources: true },
} satisfies UserConfig;

export default defineConfig([
  {
    ...common,
    entry: { index: "src/index.ts", schemas: "schemas/index.ts", cli: "src/cli/program.ts" },
    format: "esm",
    deps: { onlyBundle: ["commander", "diff", "jiti"] },
    plugins: [jitiTransformBeside()],
    outputOptions: { ...common.outputOptions, codeSplitting: runtimeChunk() },
  },
  // No clean: both builds write to dist/ (tsdown cleans it once, before the first).
  {
    ...common,
    entry: { index: "src/index.ts", schemas: "schemas/index.ts" },
    format: "cjs",
    deps: { onlyBundle: false },
    clean: false,
  },
  // yaml and commander as one CommonJS file each, required on first use through requireBundle (bundle-require.ts):
  // yaml on the first YAML config (config-yaml.ts), commander when the CLI builds its program (cli/commander.ts).
  {
    ...common,
    entry: { yaml: "src/sources/yaml-bundle.ts", commander: "src/cli/commander-bundle.ts" },
    format: "cjs",
    dts: false,
    deps: { alwaysBundle: ["yaml", "commander"], onlyBundle: ["yaml", "commander"] },
    clean: false,
  },
]);
