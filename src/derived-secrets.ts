/**
 * A value derived from a secret is a secret: `APP_NOTE=${APP_PEM}` expands to the PEM, so APP_NOTE must be
 * treated as secret wherever it is shown or fingerprinted. This finds which keys' raw `.env` text refers,
 * directly or through other keys, to a secret one.
 */

// The reference pattern of expand.ts (dotenv-expand 12): `${NAME…}` or `$NAME`, not preceded by `\`.
const REFERENCE = /(?<!\\)\${([^{}]+)}|(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)/g;
const OPERATOR = /:\+|\+|:-|-/;

/** The names a raw value refers to, including those inside `${A:-$B}` defaults. */
export function referencedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const [, braced, unbraced] = match;
    if (unbraced) names.push(unbraced);
    else if (braced) {
      const [name = "", ...rest] = braced.split(OPERATOR);
      names.push(name, ...rest.flatMap((part) => referencedNames(part)));
    }
  }
  return names;
}

/**
 * The keys of `raw` whose text refers, transitively, to a name `isSecret` accepts. Iterative over the
 * reference graph (a cycle or a long chain ends), linear in the total number of references.
 */
export function keysDerivedFromSecrets(
  raw: Readonly<Record<string, string>>,
  isSecret: (name: string) => boolean,
): Set<string> {
  const referrers = new Map<string, string[]>();
  const pending: string[] = [];
  const derived = new Set<string>();
  for (const key of Object.keys(raw)) {
    const text = raw[key] as string;
    if (!text.includes("$")) continue;
    for (const name of referencedNames(text)) {
      if (isSecret(name) && !derived.has(key)) {
        derived.add(key);
        pending.push(key);
      }
      const list = referrers.get(name) ?? [];
      list.push(key);
      referrers.set(name, list);
    }
  }
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const referrer of referrers.get(name) ?? []) {
      if (derived.has(referrer)) continue;
      derived.add(referrer);
      pending.push(referrer);
    }
  }
  return derived;
}
