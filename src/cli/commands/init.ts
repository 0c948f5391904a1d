/**
 * `cfg init`: a starter `settings.ts` and `cfg.config.ts` for a project that has `.env` files but no schema,
 * with types inferred from the values in those files.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseDotenvText } from "../../sources/dotenv-file.js";
import { scanDotenv } from "../../sources/dotenv-scan.js";
import { readSourceText } from "../../sources/read-text.js";
import type { CommandContext } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import {
  classifyEnvFile,
  compareEnvFiles,
  type EnvFileValues,
  type InferredSetting,
  type InferredSettings,
  inferSettings,
} from "../infer-schema.js";
import {
  type DeploymentForInit,
  type InitFromOptions,
  readDeploymentForInit,
} from "../init-from-deployment.js";
import { type InitLintRule, lintSettingsFor, renderLintSettings } from "../init-lint.js";
import type { RegisterCommand } from "../program.js";
import { CONFIG_FILE_NAMES } from "../project.js";
import { writeFileAtomic } from "../write-file.js";

interface InitOptions extends InitFromOptions {
  force?: boolean;
}

export const registerInit: RegisterCommand = (program, context, exit) => {
  program
    .command("init")
    .description(
      "write a starter settings.ts and cfg.config.ts, with types inferred from the .env files here",
    )
    .option("--force", "overwrite settings.ts and cfg.config.ts if they exist")
    .option(
      "--from <file>",
      "also infer from a Kubernetes manifest (with --workload) or a Compose file (with --service)",
    )
    .option("--workload <kind/name>", "the workload whose container environment --from holds: deployment/api")
    .option("--container <name>", "the workload's container, when it has several")
    .option("--service <name>", "the Compose service whose environment --from holds")
    .option(
      "--env <name>",
      "the environment --from is (default: production for a manifest, development for Compose)",
    )
    .addHelpText(
      "after",
      `
Reads .env and .env.* (not .env.example) in the current directory and infers each key's type from the
values seen: integer, number, boolean, URL, enum, JSON array or object, else string.
Text keys whose names look secret are wrapped in secret(); keys missing in some environment are optional;
a key's comment becomes its description. Enums only for a few mode-like words (log levels, environments).
cfg.config.ts turns off the lint rules these files break on style, and lowers errors to warnings, so the first
\`cfg check\` passes while still showing what to fix.

Examples:
  cfg init                           write settings.ts and cfg.config.ts, then run \`cfg check\`
  cfg init --force                   replace them
  cfg init --from deploy/rendered/production.yaml --workload deployment/api
  cfg init --from docker-compose.yml --service api`,
    )
    .action(async (options: InitOptions) => {
      exit(init(context, context.cwd(), options));
    });
};

const SETTINGS_FILE = "settings.ts";
const CONFIG_FILE = "cfg.config.ts";

function init(context: CommandContext, root: string, options: InitOptions): number {
  const deployment = readDeploymentForInit(options, root);
  const envFiles = readEnvFiles(root);
  const files = [...envFiles, ...(deployment ? [deployment.values] : [])];
  if (files.length === 0) {
    throw new CliError(
      `no .env files found in ${root}; cfg init infers the schema from them`,
      "no-env-files",
    );
  }
  // Any project config here would be shadowed or would shadow ours: name them all.
  const existing = [SETTINGS_FILE, ...CONFIG_FILE_NAMES].filter((name) => existsSync(join(root, name)));
  if (existing.length > 0 && !options.force) {
    throw new CliError(
      `${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; use --force to overwrite`,
      "exists",
    );
  }
  const inferred = inferSettings(files);
  // The linter judges .env files; a manifest or Compose file is not one.
  const lint = lintSettingsFor(envFiles);
  const readFrom = files.map((f) => f.file);
  writeFileAtomic(join(root, SETTINGS_FILE), renderSettingsModule(inferred, readFrom), {
    root,
    shown: SETTINGS_FILE,
  });
  writeFileAtomic(join(root, CONFIG_FILE), renderConfigModule(inferred, lint, deployment), {
    root,
    shown: CONFIG_FILE,
  });

  const { settings } = inferred;
  const count = (test: (s: InferredSetting) => boolean) => settings.filter(test).length;
  const lines = [
    `Read ${readFrom.join(", ")}.`,
    `Wrote ${SETTINGS_FILE}: ${settings.length} settings (${count((s) => s.secret)} secret, ${count((s) => s.optional)} optional)` +
      `${inferred.prefix ? `, prefix ${inferred.prefix}` : ""}.`,
    `Wrote ${CONFIG_FILE}: environments ${configEnvironments(inferred).join(", ")}` +
      `${lint.length > 0 ? `; lint rules set for what the files have now: ${lint.map((r) => `${r.rule} ${r.setting}`).join(", ")}` : ""}.`,
    ...(existing.some((name) => name !== SETTINGS_FILE && name !== CONFIG_FILE)
      ? [
          `Note: ${existing.filter((n) => n !== SETTINGS_FILE && n !== CONFIG_FILE).join(", ")} also exist; cfg uses the first of ${CONFIG_FILE_NAMES.join(", ")}.`,
        ]
      : []),
    "",
    `Next: review ${SETTINGS_FILE} (tighten types, add descriptions), then run \`cfg check\`.`,
  ];
  context.io.stdout(`${lines.join("\n")}\n`);
  return EXIT.clean;
}

/** `.env`, `.env.local`, `.env.<env>` and `.env.<env>.local` in the project root, parsed as `cfg` reads them. */
function readEnvFiles(root: string): (EnvFileValues & { text: string })[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch (error) {
    throw new CliError(
      `cannot read ${root}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      "read-failed",
    );
  }
  const files: (EnvFileValues & { text: string })[] = [];
  for (const name of names) {
    const kind = classifyEnvFile(name);
    if (!kind) continue;
    const read = readSourceText(join(root, name));
    if (!read) continue;
    if (!read.ok) throw new CliError(`${name} ${read.message}`, "read-failed");
    // The parser `cfg` resolves with: dotenv's values, in linear time, so inference sees what resolution will.
    const { entries } = parseDotenvText(read.text, name);
    const values: Record<string, string> = {};
    for (const [key, entry] of entries) values[key] = String(entry.value);
    files.push({ ...kind, values, comments: commentsAbove(read.text), text: read.text });
  }
  return files.sort(compareEnvFiles);
}

/** A commented-out assignment (`# DB_HOST=localhost`) is an alternative value, not a description. */
const COMMENTED_ASSIGNMENT = /^(?:export\s+)?[A-Za-z_][\w.-]*\s*=/;
const MAX_DESCRIPTION = 300;

/** The comment lines right above each key (no blank line between), joined into one sentence-like text. */
function commentsAbove(text: string): Record<string, string> {
  const comments: Record<string, string> = {};
  let pending: string[] = [];
  for (const line of scanDotenv(text).lines) {
    if (line.kind === "blank") pending = [];
    else if (line.kind === "comment") {
      const words = line.text
        .trim()
        .replace(/^#+\s*/, "")
        .trim();
      // Rulers and headings made of symbols say nothing about a key.
      if (words && /[A-Za-z]/.test(words) && !COMMENTED_ASSIGNMENT.test(words)) pending.push(words);
    } else {
      if (pending.length > 0 && !Object.hasOwn(comments, line.key)) {
        const joined = pending.join(" ");
        comments[line.key] =
          joined.length > MAX_DESCRIPTION ? `${joined.slice(0, MAX_DESCRIPTION - 1)}…` : joined;
      }
      pending = [];
    }
  }
  return comments;
}

function configEnvironments(inferred: InferredSettings): string[] {
  return inferred.environments.length > 0 ? inferred.environments : ["development"];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The text of `settings.ts`: `defineSettings()` with one commented line per key, nested by path. */
function renderSettingsModule(inferred: InferredSettings, readFrom: readonly string[]): string {
  const usesSecret = inferred.settings.some((s) => s.secret);
  const lines = [
    `// Generated by \`cfg init\` from ${readFrom.join(", ")}: a starting point to edit, not to regenerate.`,
    "// Each comment says what was seen in those files; secret values are never copied here.",
    `import { defineSettings${usesSecret ? ", secret" : ""} } from "cfgkit";`,
    'import { z } from "zod";',
    "",
    "export const settings = defineSettings({",
    ...(inferred.prefix ? [`  prefix: ${JSON.stringify(inferred.prefix)},`] : []),
    "  schema: z.object({",
    ...renderFields(buildTree(inferred.settings), 1),
    "  }),",
    "});",
  ];
  return `${lines.join("\n")}\n`;
}

type TreeNode = { name: string; setting: InferredSetting } | { name: string; children: TreeNode[] };

/** Settings nested by path, each group where its first key was seen. */
function buildTree(settings: readonly InferredSetting[]): TreeNode[] {
  const root: TreeNode[] = [];
  for (const setting of settings) {
    let level = root;
    for (const segment of setting.path.slice(0, -1)) {
      let group = level.find((node) => node.name === segment && "children" in node);
      if (!group) {
        group = { name: segment, children: [] };
        level.push(group);
      }
      level = (group as { children: TreeNode[] }).children;
    }
    level.push({ name: setting.path.at(-1) ?? setting.envName, setting });
  }
  return root;
}

function renderFields(nodes: readonly TreeNode[], depth: number): string[] {
  const indent = "  ".repeat(depth + 1);
  const lines: string[] = [];
  for (const node of nodes) {
    const key = IDENTIFIER.test(node.name) ? node.name : JSON.stringify(node.name);
    if ("children" in node) {
      lines.push(`${indent}${key}: z.object({`, ...renderFields(node.children, depth + 1), `${indent}}),`);
      continue;
    }
    const { setting } = node;
    lines.push(`${indent}// ${setting.envName}: ${oneLine(setting.seen)}`);
    // `.meta()` replaces metadata, so the env name goes inside `secret()`, which keeps what it wraps.
    const description = setting.description === undefined ? undefined : oneLine(setting.description);
    let expression = setting.explicitEnv
      ? `${setting.zod}.meta({ env: ${JSON.stringify(setting.envName)}${description ? `, description: ${JSON.stringify(description)}` : ""} })`
      : description
        ? `${setting.zod}.describe(${JSON.stringify(description)})`
        : setting.zod;
    if (setting.secret) expression = `secret(${expression})`;
    if (setting.optional) expression += ".optional()";
    lines.push(`${indent}${key}: ${expression},`);
  }
  return lines;
}

/** A comment stays one line whatever the values held. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ");
}

/** The text of `cfg.config.ts`. */
function renderConfigModule(
  inferred: InferredSettings,
  lint: readonly InitLintRule[],
  deployment: DeploymentForInit | undefined,
): string {
  const names = configEnvironments(inferred);
  // With a deployment, environments become an object: the deployment's names its source.
  const environments = deployment
    ? [
        `{ ${names
          .map((name) => {
            const entry =
              name === deployment.environment
                ? `{ ${deployment.source.key}: ${JSON.stringify(deployment.source.options)} }`
                : "{}";
            return `${JSON.stringify(name)}: ${entry}`;
          })
          .join(", ")} }`,
      ]
    : names.map((e) => JSON.stringify(e));
  return [
    "// The project config `cfg` finds here: the settings and the environments to check and compare.",
    'import { defineConfig } from "cfgkit";',
    'import { settings } from "./settings.js";',
    "",
    "export default defineConfig({",
    "  settings,",
    deployment
      ? `  environments: ${environments.join("")},`
      : `  environments: [${environments.join(", ")}],`,
    ...renderLintSettings(lint),
    "});",
    "",
  ].join("\n");
}
