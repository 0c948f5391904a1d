import type { SettingsDefinition } from "../../define.js";
import type { LeafPlan } from "../../plan.js";
import { formatEnvValue } from "../env-value.js";
import { describeExpectation } from "../expectation.js";
import { emitGeneratedFile, GENERATED_FILE_HELP, type GeneratedFileOptions } from "../generated-file.js";
import type { RegisterCommand } from "../program.js";

export const registerExample: RegisterCommand = (program, context, exit) => {
  program
    .command("example")
    .description("generate .env.example from the schema: every key with its description, type and default")
    .option("--write", GENERATED_FILE_HELP.write)
    .option("--check", GENERATED_FILE_HELP.check)
    .option("--output <file>", `${GENERATED_FILE_HELP.output} (default: .env.example in the project root)`)
    .addHelpText(
      "after",
      `
Required keys are left empty (APP_ENV=); optional ones are commented out with their default
(# APP_HTTP__PORT=3000); secrets never get a value.

Examples:
  cfg example                        print it
  cfg example --write                write .env.example
  cfg example --check                in CI: exit 1 when .env.example is stale
  cfg example --write --output .env.template`,
    )
    .action(async (options: GeneratedFileOptions) => {
      const definition = await context.requireDefinition("example");
      const project = await context.project();
      const file = {
        command: "cfg example",
        defaultName: ".env.example",
        text: renderEnvExample(definition),
        keysOf: keysOfEnvExample,
      };
      exit(emitGeneratedFile(context, project.root, file, options));
    });
};

const HEADER = [
  "# Generated from the settings schema by `cfg example`; regenerate with `cfg example --write`.",
  "# Required keys are empty: fill them in. Optional keys are commented out with their default.",
  "# Secrets never get a value here: set them in .env.local or your secret store.",
];

/** The text of `.env.example`: deterministic, in schema order, one section per top-level group. */
function renderEnvExample(definition: SettingsDefinition): string {
  const sections: string[] = [HEADER.join("\n")];
  for (const group of groupLeaves(definition.plan.leaves)) {
    const entries = group.leaves.map(renderEntry);
    const title =
      group.name === undefined
        ? []
        : [`# ── ${group.name} ${"─".repeat(Math.max(3, 60 - group.name.length))}`];
    sections.push([...title, entries.join("\n\n")].join("\n\n"));
  }
  // One blank line between sections, as between entries: the file passes `cfg check --strict` as generated.
  return `${sections.join("\n\n")}\n`;
}

interface LeafGroup {
  /** The top-level key, or undefined for top-level settings that are not in a group. */
  name: string | undefined;
  leaves: LeafPlan[];
}

/** Top-level settings first (no header), then each top-level object in schema order. */
function groupLeaves(leaves: readonly LeafPlan[]): LeafGroup[] {
  const ungrouped: LeafPlan[] = [];
  const groups = new Map<string, LeafPlan[]>();
  for (const leaf of leaves) {
    const [head] = leaf.path;
    if (leaf.path.length <= 1 || head === undefined) {
      ungrouped.push(leaf);
      continue;
    }
    const members = groups.get(head) ?? [];
    members.push(leaf);
    groups.set(head, members);
  }
  return [
    ...(ungrouped.length > 0 ? [{ name: undefined, leaves: ungrouped }] : []),
    ...[...groups].map(([name, members]) => ({ name, leaves: members })),
  ];
}

function renderEntry(leaf: LeafPlan): string {
  const expectation = describeExpectation(leaf);
  const lines: string[] = [];
  if (expectation.description) {
    for (const line of expectation.description.split(/\r?\n/)) lines.push(`# ${line}`.trimEnd());
  }
  const facts = [expectation.type, expectation.required ? "required" : "optional"];
  if (leaf.secret) {
    facts.push(expectation.defaultText === undefined ? "secret" : "secret, has a default (not shown)");
  } else if (expectation.defaultText !== undefined) {
    facts.push(`default ${expectation.defaultText}`);
  }
  lines.push(`# ${facts.join("; ")}`);
  if (expectation.required) {
    lines.push(`${leaf.envName}=`);
  } else {
    // Secrets never get a value, not even their default.
    const value =
      leaf.secret || expectation.defaultText === undefined ? "" : envValueOf(expectation.defaultText);
    lines.push(`# ${leaf.envName}=${value}`);
  }
  return lines.join("\n");
}

/** A printed default (`"json"`, `3000`, `[429,503]`) as a `.env` file would spell it. */
function envValueOf(printed: string): string {
  let text = printed;
  if (printed.startsWith('"')) {
    try {
      text = String(JSON.parse(printed));
    } catch {
      // Shortened text: keep it as printed.
    }
  }
  // The one .env writer `cfg print --format env` uses, so the example reads back as the default it shows; JSON
  // text for the rare value no dotenv quoting can carry (it ends in a backslash), which is a comment anyway.
  return formatEnvValue(text) ?? JSON.stringify(text);
}

/** Env names assigned in a `.env.example` text, commented out or not. */
function keysOfEnvExample(text: string): string[] {
  const keys: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:#\s*)?(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)=/.exec(line);
    if (match?.[1]) keys.push(match[1]);
  }
  return keys;
}
