// Cold start, convict with dotenv: the same three files, then a convict schema reading each variable (URLs as
// text: convict 6 checks URLs only with an extra package).
import { join } from "node:path";
import convict from "convict";
import { config } from "dotenv";
import { CHOICES, variables } from "../fixtures/fifty.mjs";

const formats = {
  port: ["port", 0],
  url: [String, ""],
  enum: [CHOICES, CHOICES[0]],
  boolean: [Boolean, false],
  text: [String, ""],
};
const dir = process.argv[2];
config({ path: [".env.staging", ".env.local", ".env"].map((f) => join(dir, f)), quiet: true });
const schema = Object.fromEntries(
  variables.map((v) => [v.key, { format: formats[v.kind][0], default: formats[v.kind][1], env: v.name }]),
);
const conf = convict(schema);
conf.validate({ allowed: "strict" });
if (process.argv[3] === "--print") console.log(JSON.stringify(conf.getProperties()));
