// A fleet of real snapshots for the fleet tests: three variants of the example's production environment made
// by `cfg snapshot` itself (as it is, with APP_RETRY__MAX_ATTEMPTS=5 from the process environment, and with the
// same value from .env.production), laid out as a cluster/namespace/service/host.json tree.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cfgBin, copyOfExample, exampleDir } from "../cli/_cli.js";

export type Variant = "base" | "env" | "file";

export const KEY = { CFG_FINGERPRINT_KEY: "fleet-tests-fingerprint-key-0123456789" };

/** The three snapshots, as parsed JSON; secrets keyed with KEY so that they compare. */
export function snapshotVariants(): Record<Variant, Record<string, unknown>> {
  const snapshot = (cwd: string, env: Record<string, string>) => {
    const result = cfgBin(["snapshot", "--env", "production"], { cwd, env: { ...KEY, ...env } });
    if (result.code !== 0) throw new Error(`cfg snapshot failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };
  const withFile = copyOfExample();
  appendFileSync(join(withFile, ".env.production"), "APP_RETRY__MAX_ATTEMPTS=5\n");
  return {
    base: snapshot(exampleDir, {}),
    env: snapshot(exampleDir, { APP_RETRY__MAX_ATTEMPTS: "5" }),
    file: snapshot(withFile, {}),
  };
}

/** Writes `tree/<cluster>/orders/api/web-<n>.json` for each cluster's list of variants; returns the paths. */
export function writeTree(
  tree: string,
  variants: Record<Variant, Record<string, unknown>>,
  layout: Record<string, Variant[]>,
): string[] {
  const written: string[] = [];
  for (const [cluster, hosts] of Object.entries(layout)) {
    const dir = join(tree, cluster, "orders/api");
    mkdirSync(dir, { recursive: true });
    hosts.forEach((variant, i) => {
      const host = `web-${String(i + 1).padStart(2, "0")}`;
      writeFileSync(
        join(dir, `${host}.json`),
        `${JSON.stringify({ ...variants[variant], host }, null, 2)}\n`,
      );
      written.push(`${cluster}/orders/api/${host}`);
    });
  }
  return written;
}

export const repeat = (variant: Variant, n: number): Variant[] => Array.from({ length: n }, () => variant);
