/** cfgkit's own version, read from its package.json through the package's self-reference. */
import { createRequire } from "node:module";

export function cfgkitVersion(): string {
  return (createRequire(import.meta.url)("cfgkit/package.json") as { version: string }).version;
}
