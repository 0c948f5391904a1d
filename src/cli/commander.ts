/**
 * commander, loaded when the program is built rather than when the CLI module is imported: in the build from
 * its one-file bundle beside this code (dist/commander.cjs) through requireBundle, so that Node 20 keeps its
 * compiled code between runs as it does yaml's; from source (the tests), the package itself.
 */

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as Commander from "commander";
import { requireBundle } from "../bundle-require.js";
import type * as CommanderBundle from "./commander-bundle.js";

let loaded: typeof CommanderBundle | undefined;

export function commander(): typeof CommanderBundle {
  const fromSource = import.meta.url.endsWith(".ts");
  loaded ??= (
    fromSource
      ? createRequire(import.meta.url)("commander")
      : requireBundle(fileURLToPath(new URL("./commander.cjs", import.meta.url)))
  ) as typeof Commander;
  return loaded;
}
