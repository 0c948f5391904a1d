// The floor cfg check is measured against: a node process that imports zod and the example's settings module
// (run from examples/service) and parses once.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import "zod";

const { settings } = await import(pathToFileURL(resolve("settings.js")).href);
settings.schema.safeParse({});
