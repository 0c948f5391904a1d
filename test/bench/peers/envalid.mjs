// Cold start, envalid with dotenv: the same three files, then cleanEnv with envalid's own validators.
import { join } from "node:path";
import { config } from "dotenv";
import { bool, cleanEnv, port, str, url } from "envalid";
import { CHOICES, variables } from "../fixtures/fifty.mjs";

const validators = {
  port: () => port(),
  url: () => url(),
  enum: () => str({ choices: CHOICES }),
  boolean: () => bool(),
  text: () => str(),
};
const dir = process.argv[2];
config({ path: [".env.staging", ".env.local", ".env"].map((f) => join(dir, f)), quiet: true });
const env = cleanEnv(process.env, Object.fromEntries(variables.map((v) => [v.name, validators[v.kind]()])));
if (process.argv[3] === "--print")
  console.log(JSON.stringify(Object.fromEntries(variables.map((v) => [v.name, env[v.name]]))));
