/** `cfg docs`: a Markdown reference table of every setting, printed, written, or checked for staleness. */
import type { CfgConfig } from "../../config.js";
import type { SettingsDefinition } from "../../define.js";
import type { LeafPlan } from "../../plan.js";
import { driftPolicyOf } from "../drift-policy.js";
import { describeExpectation } from "../expectation.js";
import { emitGeneratedFile, GENERATED_FILE_HELP, type GeneratedFileOptions } from "../generated-file.js";
import type { RegisterCommand } from "../program.js";

export const registerDocs: RegisterCommand = (program, context, exit) => {
  program
    .command("docs")
    .description("generate a Markdown reference of every setting: env var, path, type, default, drift policy")
    .option("--write", GENERATED_FILE_HELP.write)
    .option("--check", GENERATED_FILE_HELP.check)
    .option("--output <file>", `${GENERATED_FILE_HELP.output} (default: SETTINGS.md in the project root)`)
    .addHelpText(
      "after",
      `
Examples:
  cfg docs                           print the table
  cfg docs --write                   write SETTINGS.md
  cfg docs --check                   in CI: exit 1 when SETTINGS.md is stale
  cfg docs --write --output CONFIGURATION.md`,
    )
    .action(async (options: GeneratedFileOptions) => {
      const definition = await context.requireDefinition("docs");
      const project = await context.project();
      const file = {
        command: "cfg docs",
        defaultName: "SETTINGS.md",
        text: renderSettingsDocs(definition, project.config),
        keysOf: keysOfSettingsDocs,
      };
      exit(emitGeneratedFile(context, project.root, file, options));
    });
};

const COLUMNS = ["Env var", "Path", "Type", "Default", "Required", "Secret", "Drift", "Description"];

/** The Markdown text: a short preamble and one table row per setting, in schema order. */
function renderSettingsDocs(definition: SettingsDefinition, config: CfgConfig): string {
  const rows = definition.plan.leaves.map((leaf) => renderRow(leaf, config));
  const lines = [
    "# Settings",
    "",
    "<!-- Generated from the settings schema by `cfg docs`; regenerate with `cfg docs --write`. -->",
    "",
    `${definition.plan.leaves.length} settings${definition.options.prefix ? `, read from env vars prefixed \`${definition.options.prefix}\`` : ""}. ` +
      "Drift says whether a value may differ between environments: `expected` (it may), `forbidden` (it must not), " +
      "`report` (differences are reported). Secret values are never shown.",
    "",
    `| ${COLUMNS.join(" | ")} |`,
    `| ${COLUMNS.map(() => "---").join(" | ")} |`,
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
  ];
  return `${lines.join("\n")}\n`;
}

function renderRow(leaf: LeafPlan, config: CfgConfig): string[] {
  const expectation = describeExpectation(leaf);
  let defaultCell = "";
  if (expectation.defaultText !== undefined)
    defaultCell = leaf.secret ? "(set, not shown)" : code(expectation.defaultText);
  return [
    code(leaf.envName),
    code(leaf.dottedPath),
    escapeCell(expectation.type),
    defaultCell,
    expectation.required ? "yes" : "no",
    leaf.secret ? "yes" : "no",
    driftPolicyOf(leaf, config),
    escapeCell(expectation.description ?? ""),
  ];
}

/** Table cells are one line, and `|` would end the cell even inside a code span. */
function escapeCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${escapeCell(padded).replace(/\\\\/g, "\\")}${fence}`;
}

/** Env names in the first column of a settings table, to say which were added or removed. */
function keysOfSettingsDocs(text: string): string[] {
  const keys: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\|\s*`([^`]+)`\s*\|/.exec(line);
    if (match?.[1]) keys.push(match[1]);
  }
  return keys;
}
