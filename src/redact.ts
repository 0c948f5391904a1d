/** What is secret, and the only code that turns a setting's value into printable text. */

/** Printed in place of every secret value. */
const SECRET_PLACEHOLDER = "<secret>";

/** Printed in place of JSON text nested past the depth limit (refused when read; too deep to walk for secrets). */
const TOO_DEEP_TO_SHOW = "<JSON nested too deeply to show>";

/** The name rule, as the README lists it: these words anywhere in the upper-cased name, or `_KEY`/`KEY` ending it. */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE_KEY|APIKEY|_KEY$|^KEY$/;

import { envNameForPath } from "./env-names.js";
import { exceedsDepth } from "./sources/json-checks.js";
import { DEFAULT_LIMITS } from "./sources/limits.js";

/** What a key holds, as far as the name rule cares. */
export type ValueKind = "text" | "number" | "boolean";

/**
 * The safety net for keys not marked secret: a key holding text whose name looks secret is treated as
 * secret. A number or a boolean is never a credential, whatever its name (`MAX_TOKENS`, `APIKEY_ENABLED`).
 */
export function looksSecretName(envName: string, kind: ValueKind = "text"): boolean {
  return kind === "text" && SECRET_NAME.test(envName.toUpperCase());
}

/** A URL anywhere in a text: a scheme, `://`, then up to whitespace, a quote, or a `,`/`;` before the next URL. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/(?:(?![,;]+[a-z][a-z0-9+.-]*:\/\/)[^\s"'<>`])+/gi;

/** Query parameters whose values are credentials: `?password=`, `token=`, `api_key=`, `X-Amz-Signature=`… */
const CREDENTIAL_PARAM = /pass|pwd|secret|token|key|auth|credential|signature|^sig$|session|cookie/i;

/**
 * A URL's credentials masked: the whole password of the userinfo (WHATWG: userinfo ends at the last `@` of
 * the authority, so `u:p@ss@h` has password `p@ss`) and the values of credential-like query parameters. The
 * rest of the text is kept as written. Text the WHATWG parser refuses (a bad port, say) is masked by the same
 * rule read from the text, since a broken URL holds its password all the same.
 */
function maskUrl(text: string): string {
  let parsedPassword: string | undefined;
  try {
    parsedPassword = new URL(text).password;
  } catch {
    parsedPassword = undefined;
  }
  const schemeEnd = text.indexOf("://") + 3;
  // Unparsed, a `/` may be part of the password (`u:pa/ss@h`): mask up to the last `@` before any query.
  const authorityEnd = firstIndexOf(text, parsedPassword === undefined ? /[?#]/ : /[/?#\\]/, schemeEnd);
  const authority = text.slice(schemeEnd, authorityEnd);
  const at = authority.lastIndexOf("@");
  const colon = authority.indexOf(":");
  const hasPassword = parsedPassword === undefined ? colon >= 0 && colon + 1 < at : parsedPassword !== "";
  let masked = text;
  if (hasPassword && at > 0 && colon >= 0 && colon < at) {
    masked = `${text.slice(0, schemeEnd + colon + 1)}${SECRET_PLACEHOLDER}${text.slice(schemeEnd + at)}`;
  }
  return maskQuery(masked);
}

function firstIndexOf(text: string, pattern: RegExp, from: number): number {
  const found = text.slice(from).search(pattern);
  return found < 0 ? text.length : from + found;
}

/** `?user=a&password=b#x` -> `?user=a&password=<secret>#x`, parameter by parameter, as written. */
function maskQuery(text: string): string {
  const queryStart = text.indexOf("?");
  if (queryStart < 0) return text;
  const hash = text.indexOf("#", queryStart);
  const queryEnd = hash < 0 ? text.length : hash;
  const pairs = text.slice(queryStart + 1, queryEnd).split("&");
  const maskedPairs = pairs.map((pair) => {
    const equals = pair.indexOf("=");
    if (equals < 0 || equals === pair.length - 1) return pair;
    return CREDENTIAL_PARAM.test(decodeQueryName(pair.slice(0, equals)))
      ? `${pair.slice(0, equals + 1)}${SECRET_PLACEHOLDER}`
      : pair;
  });
  return `${text.slice(0, queryStart + 1)}${maskedPairs.join("&")}${text.slice(queryEnd)}`;
}

function decodeQueryName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

/**
 * Every URL in a text with its credentials masked, and JSON text (the raw form of a JSON-typed value) with its
 * secret-looking fields masked; other text is returned as it is, cheaply.
 */
function maskUrlCredentials(text: string): string {
  const masked = text.includes("://") ? text.replace(URL_IN_TEXT, maskUrl) : text;
  return /^\s*[[{]/.test(masked) ? maskJsonText(masked) : masked;
}

function maskJsonText(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  // Too deep to walk without overflowing the stack (it was refused when read): shown as nothing of itself.
  if (exceedsDepth(parsed, DEFAULT_LIMITS.maxDepth)) return TOO_DEEP_TO_SHOW;
  // Rewritten only when a field had to be masked, so ordinary JSON text keeps its spelling.
  return hasSecretField(parsed) ? JSON.stringify(redactInside(parsed)) : text;
}

function hasSecretField(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasSecretField);
  if (!isPlainObject(value)) return false;
  return Object.keys(value).some((key) => looksSecretField(key, value[key]) || hasSecretField(value[key]));
}

/** A field inside a structured value (`{"password": …}`, `apiKey`) whose name looks secret, by the name rule. */
function looksSecretField(name: string, value: unknown): boolean {
  // A number or a boolean is never a credential: its name is not worth converting.
  if (value === undefined || typeof value === "number" || typeof value === "boolean") return false;
  let secret = secretFieldNames.get(name);
  if (secret === undefined) {
    secret = looksSecretName(envNameForPath([name], "", "_"));
    // Field names repeat across values (`host`, `port`, `mode`); a bound keeps hostile data from growing it.
    if (secretFieldNames.size < MAX_REMEMBERED_FIELD_NAMES) secretFieldNames.set(name, secret);
  }
  return secret;
}

/** Field names already judged by the name rule: converting a name to an env name costs three regexes. */
const secretFieldNames = new Map<string, boolean>();
const MAX_REMEMBERED_FIELD_NAMES = 10_000;

const MAX_PRINTED_LENGTH = 200;

/**
 * A value as users may see it: secrets as `<secret>`, URL passwords masked, long text shortened. Every path
 * that shows a value (reports, describeSettings, util.inspect, the CLI) goes through here.
 */
export function printValue(value: unknown, isSecret: boolean): string {
  if (value === undefined) return "(unset)";
  if (isSecret) return SECRET_PLACEHOLDER;
  const text = typeof value === "string" ? JSON.stringify(maskUrlCredentials(value)) : stringifyValue(value);
  return text.length > MAX_PRINTED_LENGTH
    ? `${text.slice(0, MAX_PRINTED_LENGTH)}… (${text.length} characters)`
    : text;
}

/**
 * A value as plain data (for JSON output and inspection): a secret as `<secret>`; inside anything else, URL
 * credentials masked and fields whose names look secret (`{"password": …}`) replaced.
 */
export function redactValue(value: unknown, isSecret: boolean): unknown {
  if (isSecret && value !== undefined) return SECRET_PLACEHOLDER;
  return redactInside(value);
}

function redactInside(value: unknown): unknown {
  if (typeof value === "string") return maskUrlCredentials(value);
  if (Array.isArray(value)) return value.map(redactInside);
  if (value instanceof URL) return maskUrlCredentials(value.href);
  // Sets and Maps as arrays and objects, so that printing them shows their (masked) contents, not `{}`.
  if (value instanceof Set) return [...value].map(redactInside);
  if (value instanceof Map) return redactFields([...value].map(([key, item]) => [String(key), item]));
  if (isPlainObject(value)) return redactFields(Object.keys(value).map((key) => [key, value[key]]));
  return value;
}

function redactFields(entries: [string, unknown][]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const value = looksSecretField(key, item) ? SECRET_PLACEHOLDER : redactInside(item);
    // Defined, not assigned, so a field named `__proto__` stays a field and never sets a prototype.
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/**
 * Whether a value that is not marked secret still carries credentials (a URL password, a `?token=`, a
 * secret-looking field inside a JSON value): such a value is fingerprinted only through the HMAC.
 */
export function containsCredentials(value: unknown): boolean {
  if (typeof value === "string") return mayHoldCredentials(value) && maskUrlCredentials(value) !== value;
  if (value === null || typeof value !== "object") return false;
  if (value instanceof URL) return containsCredentials(value.href);
  if (Array.isArray(value) || value instanceof Set) return [...value].some(containsCredentials);
  const entries =
    value instanceof Map
      ? [...value].map(([key, item]) => [String(key), item] as const)
      : isPlainObject(value)
        ? Object.keys(value).map((key) => [key, value[key]] as const)
        : [];
  return entries.some(([key, item]) => looksSecretField(key, item) || containsCredentials(item));
}

/**
 * False when masking cannot change the text, cheaply: a URL's credentials need `://` and a userinfo `@` or a
 * `?` query, and JSON text starts with `[` or `{` (most values are neither: no URL parse, no regex replace).
 */
function mayHoldCredentials(text: string): boolean {
  return (text.includes("://") && (text.includes("@") || text.includes("?"))) || /^\s*[[{]/.test(text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function stringifyValue(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof URL) return maskUrlCredentials(value.href);
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
