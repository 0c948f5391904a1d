/** Which `.env` files an environment reads, in precedence order (DESIGN.md §3, "Precedence"). */
import type { EnvFileConvention } from "../define.js";
import { environmentFileNames } from "../environment.js";

export interface PlannedFile {
  file: string;
  /** Named explicitly by the user: its absence is an error, not a skipped convention. */
  required: boolean;
}

export function plannedEnvFiles(convention: EnvFileConvention, environment: string): PlannedFile[] {
  if (typeof convention !== "string") return convention.map((file) => ({ file, required: true }));
  const names = environmentFileNames(environment);
  const perEnvironment = names.map((name) => `.env.${name}`);
  const perEnvironmentLocal = names.map((name) => `.env.${name}.local`);
  const files =
    convention === "nextjs"
      ? [".env", ...perEnvironment, ...(environment === "test" ? [] : [".env.local"]), ...perEnvironmentLocal]
      : [".env", ".env.local", ...perEnvironment, ...perEnvironmentLocal];
  return files.map((file) => ({ file, required: false }));
}

/** Config files, lowest precedence first: `default`, `<env>` (and its aliases), `local`. */
export function plannedConfigFiles(configDir: string, environment: string): string[] {
  const stems = ["default", ...environmentFileNames(environment), "local"];
  return stems.flatMap((stem) => [".json", ".yaml", ".yml"].map((ext) => `${configDir}/${stem}${ext}`));
}

/**
 * Whether `file` is one of `environment`'s own files by its name (`.env.staging`, `.env.stage.local`,
 * `config/staging.yaml`), as the conventions above name them, rather than one every environment reads.
 */
export function isOwnEnvironmentFile(file: string, environment: string): boolean {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return environmentFileNames(environment).some((name) =>
    [`.env.${name}`, `.env.${name}.local`, `${name}.json`, `${name}.yaml`, `${name}.yml`].includes(base),
  );
}
