// Cold start, @t3-oss/env-core with dotenv: the three .env files into process.env (the first file wins in dotenv,
// so the most specific comes first), then createEnv over the same zod shapes.
import { join } from "node:path";
import { createEnv } from "@t3-oss/env-core";
import { config } from "dotenv";
import { byName } from "../fixtures/fifty-zod.mjs";

const dir = process.argv[2];
config({ path: [".env.staging", ".env.local", ".env"].map((f) => join(dir, f)), quiet: true });
const env = createEnv({
  server: byName,
  runtimeEnv: process.env,
  isServer: true,
  emptyStringAsUndefined: true,
});
if (process.argv[3] === "--print") console.log(JSON.stringify(env));
