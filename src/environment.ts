/** Which environment is being loaded, and the names its files may use (DESIGN.md §3, "Environments"). */

const CANONICAL: Record<string, string> = {
  dev: "development",
  prod: "production",
  stage: "staging",
};

/** `dev` -> `development`; unknown names pass through unchanged. */
export function canonicalEnvironment(name: string): string {
  return CANONICAL[name] ?? name;
}

/** `--env`/option, else `CFG_ENV`, else `NODE_ENV`, else `development`. */
export function resolveEnvironment(
  explicit: string | undefined,
  processEnv: Readonly<Record<string, string | undefined>>,
): string {
  const chosen = explicit || processEnv.CFG_ENV || processEnv.NODE_ENV || "development";
  return canonicalEnvironment(chosen);
}

/** Every name a file may use for an environment, short aliases first so the canonical name wins. */
export function environmentFileNames(environment: string): string[] {
  const aliases = Object.keys(CANONICAL).filter((alias) => CANONICAL[alias] === environment);
  return [...aliases, environment];
}
