// The bare-zod diff the cfg diff comparison is measured against: parse the three files with dotenv, validate each
// with the project's own zod schema, and compare the values key by key. argv[2] is the project directory.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "dotenv";

const dir = resolve(process.argv[2] ?? ".");
const { schema } = await import(pathToFileURL(join(dir, "settings.js")).href);
const environments = ["development", "staging", "production"];

/** The flat variables of one file, nested by `__` as the schema's sections are. */
function nest(flat) {
  const tree = {};
  for (const [name, text] of Object.entries(flat)) {
    const [section, key] = name.slice("APP_".length).toLowerCase().split("__");
    tree[section] ??= {};
    tree[section][key] = text;
  }
  return tree;
}

const parsed = environments.map((env) => schema.parse(nest(parse(readFileSync(join(dir, `.env.${env}`))))));
let differing = 0;
for (const section of Object.keys(parsed[0])) {
  for (const key of Object.keys(parsed[0][section])) {
    const [a, ...rest] = parsed.map((values) => values[section][key]);
    if (rest.some((b) => b !== a)) differing++;
  }
}
console.log(`${differing} keys differ`);
