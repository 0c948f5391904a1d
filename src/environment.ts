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

/**
 * Whether `name` can name an environment: it becomes part of file names (`.env.<name>`, `config/<name>.yaml`),
 * so a `/` or a `..` would reach files outside the project's own.
 */
export function isEnvironmentName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) && !name.includes("..");
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

/** What services are started with (NODE_ENV's usual values): always an environment, read from the shared files. */
export const STANDARD_ENVIRONMENTS: readonly string[] = ["development", "test", "production"];

export function isStandardEnvironment(name: string): boolean {
  return STANDARD_ENVIRONMENTS.includes(canonicalEnvironment(name));
}

/** Names after `.env.` that hold no environment's values: local overrides, examples, templates, tool files. */
export const NOT_ENVIRONMENTS: ReadonlySet<string> = new Set([
  "local",
  "example",
  "sample",
  "template",
  "dist",
  "defaults",
  "default",
  "schema",
  "vault",
  "keys",
  "me",
]);

/**
 * The environment a `.env.<name>` file is for (`.env.staging` -> `staging`, as written), or `undefined` when the
 * file name is not of that shape or names no environment (`.env.example`, `.env.local`).
 */
export function environmentOfEnvFile(fileName: string): string | undefined {
  const name = /^\.env\.([A-Za-z0-9_-]+)$/.exec(fileName)?.[1];
  return name && !NOT_ENVIRONMENTS.has(name.toLowerCase()) ? name : undefined;
}

/**
 * node-config's files that are not environments: `custom-environment-variables`, `default` and `local` with
 * their `-<instance>`/`-<deployment>` variants, `runtime`, and any `<env>-<instance>` (`production-2`).
 */
const CONFIG_NOT_ENVIRONMENTS = /^(custom-environment-variables|runtime|(default|local)(-.*)?|.+-\d+)$/i;

/** Whether `config/<stem>.*` is an environment's file. */
export function isConfigEnvironment(stem: string): boolean {
  return !NOT_ENVIRONMENTS.has(stem.toLowerCase()) && !CONFIG_NOT_ENVIRONMENTS.test(stem);
}

const USUAL_ORDER = ["development", "test", "staging", "production"];

/** Environments in the order people read them: development, test, staging, production, then the rest by name. */
export function compareEnvironments(a: string, b: string): number {
  const rank = (name: string) =>
    USUAL_ORDER.includes(name) ? USUAL_ORDER.indexOf(name) : USUAL_ORDER.length;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
