// Cold start, cfgkit: import the library and the example's settings, then load them once.
// Without an argument it reads the example's files (staging); with a JSON file of variables it reads those as the
// process environment from that file's (otherwise empty) directory, the input env-core gets.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadSettings } from "cfgkit";
import { settings } from "../../../examples/service/settings.js";

const variablesFile = process.argv[2];
const options = variablesFile
  ? { cwd: dirname(variablesFile), processEnv: JSON.parse(readFileSync(variablesFile, "utf8")) }
  : { cwd: resolve(import.meta.dirname, "../../../examples/service"), processEnv: {} };
loadSettings(settings, { env: "staging", onError: "throw", ...options });
