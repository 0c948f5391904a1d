/**
 * `cfg init`'s inference: from the values seen in a project's `.env` files to a settings schema. Pure: the
 * files are read by the command and passed in. Secret values are used to infer a type and never copied out.
 */

import { envNameForPath } from "../env-names.js";
import { canonicalEnvironment, compareEnvironments, environmentOfEnvFile } from "../environment.js";
import { containsCredentials, looksSecretName, printValue } from "../redact.js";

/** One `.env` file as read: its name, which environment it belongs to, and its values. */
export interface EnvFileValues {
  file: string;
  /** `undefined` for files every environment reads (`.env`, `.env.local`). */
  environment: string | undefined;
  /** `.env.local`, `.env.<env>.local`: machine-specific, so they do not decide whether a key is required. */
  local: boolean;
  values: Readonly<Record<string, string>>;
  /** The comment lines right above each key, joined: what the file says the key is for. */
  comments?: Readonly<Record<string, string>>;
  /** Keys whose values a secret source gave (a Kubernetes Secret): secret whatever their name or type. */
  secretKeys?: ReadonlySet<string>;
}

export type InferredKind = "integer" | "number" | "boolean" | "url" | "enum" | "array" | "record" | "string";

export interface InferredSetting {
  envName: string;
  /** Property path in the schema: `APP_REDIS__MAX_LEN` -> `["redis", "maxLen"]`. */
  path: string[];
  /** The env name does not follow from prefix and path, so the schema must name it (`.meta({ env })`). */
  explicitEnv: boolean;
  kind: InferredKind;
  /** Zod expression for the type alone, without `secret()` or `.optional()`. */
  zod: string;
  secret: boolean;
  optional: boolean;
  /** The file's own comment above the key, for `.describe()`. */
  description?: string;
  /** What was seen, for a comment beside the key: never a secret's value. */
  seen: string;
}

export interface InferredSettings {
  prefix: string;
  /** Environments named by `.env.<name>` files, canonical and in the usual order. */
  environments: string[];
  settings: InferredSetting[];
}

/** Which environment a file name belongs to, or `undefined` for files `cfg init` must not read. */
export function classifyEnvFile(name: string): Omit<EnvFileValues, "values"> | undefined {
  if (name === ".env" || name === ".env.defaults")
    return { file: name, environment: undefined, local: false };
  if (name === ".env.local") return { file: name, environment: undefined, local: true };
  const local = name.endsWith(".local");
  const environment = environmentOfEnvFile(local ? name.slice(0, -".local".length) : name);
  if (environment === undefined) return undefined;
  return { file: name, environment: canonicalEnvironment(environment), local };
}

/** `.env` first, then each environment in the usual order, each local file after the file it overrides. */
export function compareEnvFiles(a: Omit<EnvFileValues, "values">, b: Omit<EnvFileValues, "values">): number {
  const shared = Number(b.environment === undefined) - Number(a.environment === undefined);
  return (
    shared ||
    compareEnvironments(a.environment ?? "", b.environment ?? "") ||
    Number(a.local) - Number(b.local) ||
    a.file.localeCompare(b.file)
  );
}

export function inferSettings(files: readonly EnvFileValues[]): InferredSettings {
  const seenIn = new Map<string, { file: EnvFileValues; value: string }[]>();
  for (const file of files) {
    for (const key of Object.keys(file.values)) {
      const list = seenIn.get(key) ?? [];
      list.push({ file, value: file.values[key] ?? "" });
      seenIn.set(key, list);
    }
  }
  const environments = [
    ...new Set(files.filter((f) => f.environment && !f.local).map((f) => f.environment as string)),
  ];
  environments.sort((a, b) =>
    compareEnvFiles({ file: a, environment: a, local: false }, { file: b, environment: b, local: false }),
  );
  const keys = [...seenIn.keys()];
  const descriptions = new Map<string, string>();
  for (const file of files) {
    for (const [key, text] of Object.entries(file.comments ?? {}))
      if (!descriptions.has(key)) descriptions.set(key, text);
  }
  const prefix = inferPrefix(keys);
  const paths = assignPaths(keys, prefix);

  const settings = keys.map((envName): InferredSetting => {
    const occurrences = seenIn.get(envName) ?? [];
    const samples = occurrences.map((o) => withoutExpansions(o.value)).filter((v) => v !== "");
    const hasEmpty = occurrences.some((o) => o.value === "");
    const nameLooksSecret = looksSecretName(envName);
    const urlPassword = occurrences.some((o) => hasUrlPassword(withoutExpansions(o.value)));
    // Credentials the name does not announce: a `?token=` URL, a JSON password, key material.
    const credentials = occurrences.some((o) => containsCredentials(withoutExpansions(o.value)));
    const keyMaterial = occurrences.some((o) => looksLikeKeyMaterial(o.value));
    const filesWithValue = new Set(occurrences.filter((o) => o.value !== "").map((o) => o.file.file)).size;
    // Digits under a name that ends in a secret word (REDIS_PASSWORD=123456) are a password, kept as text.
    const { kind, zod } = endsInSecretWord(envName)
      ? { kind: "string" as const, zod: "z.string()" }
      : inferType(samples, {
          secret: nameLooksSecret || urlPassword || credentials || keyMaterial,
          filesWithValue,
          envName,
        });
    // The name rule is for text: a number or a boolean (OPENAI_MAX_TOKENS, APIKEY_ENABLED) is no credential.
    const holdsText = kind !== "integer" && kind !== "number" && kind !== "boolean";
    const fromSecret = occurrences.find((o) => o.file.secretKeys?.has(envName))?.file.file;
    const secretReason = fromSecret
      ? `from a secret in ${fromSecret}`
      : holdsText && nameLooksSecret
        ? "the name looks secret"
        : urlPassword
          ? "a URL with a password"
          : credentials
            ? "credentials in the value"
            : keyMaterial
              ? "the value looks like a key or token"
              : undefined;
    const secret = secretReason !== undefined;
    const missingIn = environmentsWithout(occurrences, files, environments);
    const optional = missingIn.length > 0 || (hasEmpty && kind !== "string");
    const assigned = paths.get(envName) ?? { path: [envName], explicitEnv: true };
    const found = descriptions.get(envName);
    const description = found === undefined ? undefined : scrubbed(found, secret ? occurrences : []);
    return {
      envName,
      ...assigned,
      kind,
      zod,
      secret,
      optional,
      ...(description ? { description } : {}),
      seen: describeSeen(occurrences, { kind, secretReason, missingIn, hasEmpty }),
    };
  });
  return { prefix, environments, settings };
}

/** `${VAR}`, `${VAR:-default}` and `$VAR` stand for values not known here; a placeholder keeps the shape. */
function withoutExpansions(value: string): string {
  return value.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, "x");
}

/** A URL whose userinfo has a password (`u:p@ss@h`: up to the last `@` before the path). */
function hasUrlPassword(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*:[^/?#\s]+@/i.test(value);
}

/**
 * Values that are credentials whatever their key is called: PEM blocks, JWTs, well-known token prefixes, and
 * long unbroken runs of base64 or hex with letters and digits mixed (random keys look like that, words do not).
 */
const KEY_MATERIAL = [
  /-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE|KEY)-----/,
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/,
  /\b(?:sk|pk|rk)_(?:live|test)_\w{8,}|\bgh[pousr]_\w{20,}|\bxox[abpr]-[\w-]{10,}|\bAKIA[0-9A-Z]{16}\b/,
];

function looksLikeKeyMaterial(value: string): boolean {
  if (KEY_MATERIAL.some((pattern) => pattern.test(value))) return true;
  const trimmed = value.trim();
  return (
    trimmed.length >= 32 &&
    /^[A-Za-z0-9+=_-][A-Za-z0-9+/=_-]+$/.test(trimmed) &&
    /\d/.test(trimmed) &&
    /[A-Za-z]/.test(trimmed) &&
    !/^[a-z]+(?:[-_][a-z]+)*$/.test(trimmed)
  );
}

/** A leading `WORD_` shared by at least three quarters of the keys (and by two or more). */
function inferPrefix(keys: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const key of keys) {
    const match = /^([A-Z][A-Z0-9]*_)[A-Z0-9]/.exec(key);
    if (match?.[1]) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  let best = "";
  let bestCount = 0;
  for (const [candidate, count] of counts) {
    if (count > bestCount || (count === bestCount && candidate < best))
      [best, bestCount] = [candidate, count];
  }
  return bestCount >= 2 && bestCount >= keys.length * 0.75 ? best : "";
}

/** `MAX_LEN` -> `maxLen`. */
function camelCase(segment: string): string {
  return segment.toLowerCase().replace(/_+([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

/** Schema paths for every key: `__` nests under the prefix; names that do not round-trip keep their own name. */
function assignPaths(
  keys: readonly string[],
  prefix: string,
): Map<string, { path: string[]; explicitEnv: boolean }> {
  const proposed = new Map<string, string[]>();
  for (const key of keys) {
    const segments = prefix && key.startsWith(prefix) ? key.slice(prefix.length).split("__") : [key];
    const path = segments.every((s) => /[A-Za-z0-9]/.test(s)) ? segments.map(camelCase) : [camelCase(key)];
    proposed.set(
      key,
      path.map((p) => p || "value"),
    );
  }
  // A name may not be both a value and a group (APP_REDIS and APP_REDIS__URL), nor two keys one path.
  const groups = new Set<string>();
  for (const path of proposed.values())
    for (let i = 1; i < path.length; i++) groups.add(path.slice(0, i).join("."));
  const taken = new Set<string>();
  const assigned = new Map<string, { path: string[]; explicitEnv: boolean }>();
  for (const key of keys) {
    const path = [...(proposed.get(key) ?? [key])];
    let renamed = false;
    const last = path.length - 1;
    const base = path[last] ?? "value";
    for (let n = 2; groups.has(path.join(".")) || taken.has(path.join(".")); n++) {
      path[last] = `${base}${n}`;
      renamed = true;
    }
    taken.add(path.join("."));
    assigned.set(key, { path, explicitEnv: renamed || envNameForPath(path, prefix, "__") !== key });
  }
  return assigned;
}

const BOOLEAN = /^(?:true|false|yes|no|on|off|1|0)$/i;
const BOOLEAN_WORD = /^(?:true|false|yes|no|on|off)$/i;
const INTEGER = /^[+-]?(?:0|[1-9]\d*)$/;
// Leading zeros (file modes, postal codes) are text, not numbers.
const NUMBER = /^[+-]?(?:(?:0|[1-9]\d*)(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const URL_LIKE = /^([a-z][a-z0-9+.-]*):\/\/\S+$/i;
/** A mode is a short word: no dots, slashes or colons, which hostnames, paths and versions have. */
const MODE_VALUE = /^[A-Za-z][A-Za-z0-9_-]{0,19}$/;
/** Names that say "one of a few modes". */
const MODE_NAME =
  /(?:^|_)(?:MODE|LEVEL|ENV|ENVIRONMENT|TYPE|DRIVER|PROVIDER|FORMAT|STRATEGY|BACKEND|KIND|POLICY|STAGE|PROFILE)$/;
/** Words that are modes wherever they appear. */
const MODE_WORDS = new Set(
  "development production staging test local debug info warn warning error trace fatal silent verbose json text pretty plain disable disabled allow prefer require verify-ca verify-full strict lax none auto always never".split(
    " ",
  ),
);
/** The key's last word says it is a secret outright. */
const SECRET_ENDING = /(?:^|_)(?:SECRET|PASSWORD|PASSWD|TOKEN|APIKEY|KEY|CREDENTIALS?|PIN)$/i;

function endsInSecretWord(envName: string): boolean {
  return SECRET_ENDING.test(envName);
}

function inferType(
  samples: readonly string[],
  context: { secret: boolean; filesWithValue: number; envName: string },
): { kind: InferredKind; zod: string } {
  if (samples.length === 0) return { kind: "string", zod: "z.string()" };
  if (samples.every((v) => INTEGER.test(v) && Number.isSafeInteger(Number(v)))) {
    return { kind: "integer", zod: "z.coerce.number().int()" };
  }
  if (samples.every((v) => BOOLEAN.test(v)) && samples.some((v) => BOOLEAN_WORD.test(v))) {
    return { kind: "boolean", zod: "z.stringbool()" };
  }
  // An integer past 2^53 (dify's 9223372036854775807) is not a number a schema can hold exactly: it stays text.
  const exactNumber = (v: string) => !INTEGER.test(v) || Number.isSafeInteger(Number(v));
  if (samples.every((v) => NUMBER.test(v) && Number.isFinite(Number(v)) && exactNumber(v)))
    return { kind: "number", zod: "z.coerce.number()" };
  const json = inferJson(samples);
  if (json) return json;
  const protocols = samples.map((v) => URL_LIKE.exec(v)?.[1]?.toLowerCase());
  if (protocols.every((p) => p !== undefined) && samples.every((v) => URL.canParse(v))) {
    const alternatives = [...new Set(protocols as string[])].sort().map((p) => p.replace(/[.+]/g, "\\$&"));
    const pattern = alternatives.length === 1 ? `^${alternatives[0]}$` : `^(?:${alternatives.join("|")})$`;
    return { kind: "url", zod: `z.url({ protocol: /${pattern}/ })` };
  }
  // An enum lists its values in the schema, so never for a secret; and only for a small vocabulary of modes
  // (log levels, environments, TLS modes), never for hostnames, names or versions that merely repeat.
  const distinct = [...new Set(samples)].sort();
  if (
    !context.secret &&
    context.filesWithValue >= 2 &&
    distinct.length >= 2 &&
    distinct.length <= 5 &&
    distinct.every((v) => MODE_VALUE.test(v)) &&
    (MODE_NAME.test(context.envName) || distinct.every((v) => MODE_WORDS.has(v.toLowerCase())))
  ) {
    return { kind: "enum", zod: `z.enum([${distinct.map((v) => JSON.stringify(v)).join(", ")}])` };
  }
  return { kind: "string", zod: "z.string()" };
}

/** JSON arrays and objects (the same kind in every file) become `z.array` / `z.record`. */
function inferJson(samples: readonly string[]): { kind: InferredKind; zod: string } | undefined {
  const parsed: unknown[] = [];
  for (const sample of samples) {
    if (!/^\s*[[{]/.test(sample)) return undefined;
    try {
      parsed.push(JSON.parse(sample));
    } catch {
      return undefined;
    }
  }
  if (parsed.every(Array.isArray)) {
    return { kind: "array", zod: `z.array(${elementType((parsed as unknown[][]).flat())})` };
  }
  const isRecord = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (parsed.every(isRecord)) {
    const values = (parsed as Record<string, unknown>[]).flatMap((o) => Object.values(o));
    return { kind: "record", zod: `z.record(z.string(), ${elementType(values)})` };
  }
  return undefined;
}

function elementType(values: readonly unknown[]): string {
  if (values.length === 0) return "z.unknown()";
  if (values.every((v) => Number.isSafeInteger(v))) return "z.number().int()";
  if (values.every((v) => typeof v === "number")) return "z.number()";
  if (values.every((v) => typeof v === "string")) return "z.string()";
  if (values.every((v) => typeof v === "boolean")) return "z.boolean()";
  return "z.unknown()";
}

/** Environments whose committed files never set the key (`.env` counts for all of them). */
function environmentsWithout(
  occurrences: readonly { file: EnvFileValues }[],
  files: readonly EnvFileValues[],
  environments: readonly string[],
): string[] {
  const committed = occurrences.filter((o) => !o.file.local);
  if (committed.some((o) => o.file.environment === undefined)) return [];
  const sharedFiles = files.filter((f) => f.environment === undefined && !f.local);
  if (environments.length === 0) return sharedFiles.length > 0 ? ["any committed file"] : [];
  return environments.filter((env) => !committed.some((o) => o.file.environment === env));
}

const MAX_SHOWN_VALUES = 3;
const MAX_SHOWN_LENGTH = 48;

/** `"8080" in .env`; for a secret, only where it was set and why it is treated as secret. */
function describeSeen(
  occurrences: readonly { file: EnvFileValues; value: string }[],
  facts: { kind: InferredKind; secretReason: string | undefined; missingIn: string[]; hasEmpty: boolean },
): string {
  const parts: string[] = [];
  if (facts.secretReason) {
    // Deliberately no values, not even their count of distinct ones beyond "set": a secret says nothing here.
    parts.push(`secret (${facts.secretReason}); set in ${occurrences.map((o) => o.file.file).join(", ")}`);
  } else {
    const byValue = new Map<string, string[]>();
    for (const { file, value } of occurrences) byValue.set(value, [...(byValue.get(value) ?? []), file.file]);
    const shown = [...byValue]
      .slice(0, MAX_SHOWN_VALUES)
      .map(([value, where]) => `${shorten(printValue(value, false))} in ${where.join(", ")}`);
    if (byValue.size > MAX_SHOWN_VALUES) shown.push(`${byValue.size - MAX_SHOWN_VALUES} more`);
    parts.push(shown.join("; "));
  }
  if (facts.missingIn.length > 0) parts.push(`not set in ${facts.missingIn.join(", ")}, so optional`);
  else if (facts.hasEmpty && facts.kind !== "string") parts.push("empty somewhere, so optional");
  return parts.join("; ");
}

/** A comment above a secret might quote it: drop the description if it holds any of the secret's values. */
function scrubbed(description: string, secretOccurrences: readonly { value: string }[]): string | undefined {
  const leaks = secretOccurrences.some((o) => o.value.length >= 4 && description.includes(o.value));
  return leaks ? undefined : description;
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH - 1)}…` : text;
}
