// Cold start, @t3-oss/env-core: import it with the example's leaves as a flat zod shape, then validate the
// variables in the JSON file given as the argument once.
import { readFileSync } from "node:fs";
import { createEnv } from "@t3-oss/env-core";
import { flatShape } from "../fixtures/example-flat.mjs";

const runtimeEnv = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8"));
createEnv({ server: flatShape, runtimeEnv, isServer: true, emptyStringAsUndefined: true });
