/**
 * Compose's variable interpolation, as `docker-compose config` (1.29) applies it to the values of a Compose
 * file: `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty), `${VAR-default}` (unset), `${VAR:?error}`,
 * `${VAR?error}`, `$$` for a literal `$`. Any other `$` is an invalid format, as in Compose.
 */
export type Interpolated = { ok: true; value: string; unset: string[] } | { ok: false; message: string };

const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)(?:(:?[-?])([^}]*))?\}|)/gi;

export function interpolateCompose(text: string, lookup: (name: string) => string | undefined): Interpolated {
  const unset: string[] = [];
  let failure: string | undefined;
  const value = text.replace(
    PATTERN,
    (
      match,
      escaped: string | undefined,
      named: string | undefined,
      braced: string | undefined,
      operator: string | undefined,
      argument: string | undefined,
    ) => {
      if (escaped) return "$";
      const name = named ?? braced;
      if (!name) {
        // The text is not quoted: it may be a secret.
        failure ??= "has an invalid interpolation format: write $$ for a literal $";
        return match;
      }
      const found = lookup(name);
      const missing = operator?.startsWith(":") ? found === undefined || found === "" : found === undefined;
      if (operator?.endsWith("?") && missing) {
        failure ??= `needs ${name}${argument ? `: ${argument}` : ""} (set it in the shell or the project's .env)`;
        return match;
      }
      if (operator?.endsWith("-") && missing) return argument ?? "";
      if (found === undefined) unset.push(name);
      return found ?? "";
    },
  );
  return failure === undefined ? { ok: true, value, unset } : { ok: false, message: failure };
}

const ENV_FILE_REFERENCE = /\$\{([^}:]+)(?::-([^}]*))?\}/g;

/**
 * The values of one `env_file`, expanded as Compose 1.29 reads them (through python-dotenv): only braced
 * `${VAR}` and `${VAR:-default}`, from the file's earlier lines first, then the shell; not the project's `.env`.
 */
export function expandEnvFileValues(
  values: ReadonlyMap<string, string>,
  shell: Readonly<Record<string, string | undefined>>,
): Map<string, string> {
  const expanded = new Map<string, string>();
  for (const [key, value] of values) {
    const text = value.replace(ENV_FILE_REFERENCE, (_match, name: string, fallback: string | undefined) => {
      const found = expanded.get(name) ?? shell[name];
      return found ? found : (fallback ?? "");
    });
    expanded.set(key, text);
  }
  return expanded;
}
