// Cold start, cfgkit: load the 50-variable case from the fixture directory (argv[2]) as a service does.
import { defineSettings, loadSettings } from "cfgkit";
import { z } from "zod";
import { byKey } from "../fixtures/fifty-zod.mjs";

const settings = defineSettings({ prefix: "APP_", schema: z.object(byKey) });
const loaded = loadSettings(settings, { env: "staging", cwd: process.argv[2] });
if (process.argv[3] === "--print") console.log(JSON.stringify(loaded));
