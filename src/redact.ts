/** What is secret, and the only code that turns a setting's value into printable text. */

/** Printed in place of every secret value. */
const SECRET_PLACEHOLDER = "<secret>";

/** The name rule, as the README lists it: these words anywhere in the upper-cased name, or `_KEY`/`KEY` ending it. */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE_KEY|APIKEY|_KEY$|^KEY$/;

/** What a key holds, as far as the name rule cares. */
export type ValueKind = "text" | "number" | "boolean";

/**
 * The safety net for keys not marked secret: a key holding text whose name looks secret is treated as
 * secret. A number or a boolean is never a credential, whatever its name (`MAX_TOKENS`, `APIKEY_ENABLED`).
 */
export function looksSecretName(envName: string, kind: ValueKind = "text"): boolean {
  return kind === "text" && SECRET_NAME.test(envName.toUpperCase());
}

/** `postgres://user:pw@host/db` -> `postgres://user:<secret>@host/db`; anything else unchanged. */
function maskUrlPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:)([^@\s]*)(@)/i, (_, head, password: string, at) =>
    password ? `${head}${SECRET_PLACEHOLDER}${at}` : `${head}${at}`,
  );
}

const MAX_PRINTED_LENGTH = 200;

/**
 * A value as users may see it: secrets as `<secret>`, URL passwords masked, long text shortened. Every path
 * that shows a value (reports, describeSettings, util.inspect, the CLI) goes through here.
 */
export function printValue(value: unknown, isSecret: boolean): string {
  if (value === undefined) return "(unset)";
  if (isSecret) return SECRET_PLACEHOLDER;
  const text = typeof value === "string" ? JSON.stringify(maskUrlPassword(value)) : stringifyValue(value);
  return text.length > MAX_PRINTED_LENGTH
    ? `${text.slice(0, MAX_PRINTED_LENGTH)}… (${text.length} characters)`
    : text;
}

/** A non-secret value as plain data (for JSON output and inspection): URL passwords still masked. */
export function redactValue(value: unknown, isSecret: boolean): unknown {
  if (isSecret && value !== undefined) return SECRET_PLACEHOLDER;
  if (typeof value === "string") return maskUrlPassword(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, false));
  if (value instanceof URL) return maskUrlPassword(value.href);
  // Sets and Maps as arrays and objects, so that printing them shows their (masked) contents, not `{}`.
  if (value instanceof Set) return [...value].map((item) => redactValue(item, false));
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([key, item]) => [String(key), redactValue(item, false)]));
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = redactValue(value[key], false);
    return copy;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function stringifyValue(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return maskUrlPassword(value.href);
  try {
    return JSON.stringify(redactValue(value, false)) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Last line of defence for text built from messages we do not control (a schema's custom error message may
 * quote its input): every known secret value of four characters or more is replaced.
 */
export function scrubSecrets(text: string, secretValues: Iterable<string>): string {
  let scrubbed = text;
  for (const value of secretValues) {
    if (value.length >= 4) scrubbed = scrubbed.split(value).join(SECRET_PLACEHOLDER);
  }
  return scrubbed;
}
