/** The rule that turns a schema path into an env var name (DESIGN.md §3, "Env names"). */

/** `maxLen` -> `MAX_LEN`, `http2Port` -> `HTTP2_PORT`, `already_snake` -> `ALREADY_SNAKE`. */
function toEnvSegment(segment: string): string {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

export function envNameForPath(path: readonly string[], prefix: string, delimiter: string): string {
  return prefix + path.map(toEnvSegment).join(delimiter);
}

/** A dotted path as users write it in messages and `cfg explain`: `redis.maxLen`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map(String).join(".");
}
