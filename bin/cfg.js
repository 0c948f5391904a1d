#!/usr/bin/env node
// Node 22.1+ can keep compiled modules on disk between runs, so a second `cfg` start skips compiling the CLI and
// its dependencies; NODE_DISABLE_COMPILE_CACHE=1 turns it off, as Node documents. Enabled before the CLI loads.
// Older Node has none: there the CLI keeps the compiled code of its largest bundles itself (bundle-require.ts).
import module from "node:module";

const compileCache = !process.env.NODE_DISABLE_COMPILE_CACHE;
if (compileCache) module.enableCompileCache?.();

const cli = new URL("../dist/cli.mjs", import.meta.url);
const { run, enableBundleCompileCache } = await import(cli.href).catch((error) => {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes(cli.pathname)) throw error;
  process.stderr.write("cfg: cfgkit is not built in this checkout: run `npm run build` first.\n");
  process.exit(2);
});
if (compileCache && !module.enableCompileCache) enableBundleCompileCache();
const code = await run(process.argv.slice(2));
process.exitCode = code;
// A project config may leave a timer or a socket open (a client it made at import): the command is done, so end
// once stdout and stderr have flushed, instead of waiting on them for ever (a CI job that never ends).
let unflushed = 2;
const flushed = () => {
  if (--unflushed === 0) process.exit(code);
};
process.stdout.write("", flushed);
process.stderr.write("", flushed);
