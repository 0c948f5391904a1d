/** `cfg print`: the resolved settings of one environment, secrets as `<secret>`, optionally with origins. */

import { describeResolution, type SettingDescription } from "../../result.js";
import { renderResolvedReport } from "../../settings.js";
import { loadYaml } from "../../sources/config-yaml.js";
import { formatEnvValue } from "../env-value.js";
import { CliError, EXIT } from "../errors.js";
import { formatOption, type RegisterCommand } from "../program.js";
import { widestOf } from "../text.js";

const PRINT_FORMATS = ["env", "json", "yaml"] as const;

interface PrintOptions {
  env?: string;
  format: (typeof PRINT_FORMATS)[number];
  showOrigin?: boolean;
}

export const registerPrint: RegisterCommand = (program, context, exit) => {
  program
    .command("print")
    .description("print the resolved settings of an environment (secrets as <secret>)")
    .option("--env <name>", "the environment (default: CFG_ENV, NODE_ENV, development)")
    .addOption(formatOption(PRINT_FORMATS, "env"))
    .option("--show-origin", "show where each value came from")
    .addHelpText(
      "after",
      `
Examples:
  cfg print --env staging
  cfg print --env production --show-origin
  cfg print --env staging --format json | jq .settings.http`,
    )
    .action(async (options: PrintOptions) => {
      const [environment] = await context.selectEnvironments(options.env ? [options.env] : undefined, false);
      const resolved = await context.resolve(environment as string);
      await context.requireVerdict();
      const settings = describeResolution(resolved.resolution, resolved.data).map((setting, index) => ({
        ...setting,
        segments: resolved.resolution.leaves[index]?.leaf.path ?? [setting.path],
      }));
      context.io.stdout(await renderSettings(settings, resolved.environment, options));
      const errors = resolved.issues.filter((issue) => issue.severity === "error");
      if (errors.length > 0) {
        context.io.stderr(`${renderResolvedReport(resolved)}
`);
        exit(EXIT.findings);
      }
    });
};

/** A setting with its path as segments: a key is nested by its schema path, never by splitting on `.`. */
type PrintedSetting = SettingDescription & { segments: readonly string[] };

async function renderSettings(
  settings: readonly PrintedSetting[],
  environment: string,
  options: PrintOptions,
): Promise<string> {
  const shown = settings.filter((s) => s.origin !== "unset");
  if (options.format === "json")
    return `${JSON.stringify(settingsData(shown, environment, options), null, 2)}\n`;
  if (options.format === "yaml") {
    return loadYaml().stringify(settingsData(shown, environment, options));
  }
  const width = options.showOrigin ? widestOf(shown.map((s) => `${s.envName}=${envText(s)}`)) : 0;
  return shown
    .map((s) => {
      const line = `${s.envName}=${envText(s)}`;
      return options.showOrigin ? `${line.padEnd(width)}  # ${s.origin}` : line;
    })
    .map((line) => `${line}\n`)
    .join("");
}

/** A value as `.env` text that reads back as the same value; refused (exit 2) when no quoting can carry it. */
function envText(setting: SettingDescription): string {
  const value = setting.redacted;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const formatted = formatEnvValue(text);
  if (formatted === undefined) {
    throw new CliError(
      `${setting.envName}: its value holds characters no .env quoting can carry together (all of ' " \`, a carriage return with ", or a final backslash); use --format json or yaml`,
      "unrepresentable-value",
    );
  }
  return formatted;
}

function settingsData(settings: readonly PrintedSetting[], environment: string, options: PrintOptions) {
  if (options.showOrigin) {
    return {
      version: 1,
      environment,
      settings: settings.map((s) => ({
        envName: s.envName,
        path: s.path,
        value: s.redacted,
        origin: s.origin,
      })),
    };
  }
  // Without a prototype, a key named `__proto__` is a key like any other.
  const nested: Record<string, unknown> = Object.create(null);
  for (const setting of settings) {
    const keys = setting.segments;
    let target = nested;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= Object.create(null);
      target = target[key] as Record<string, unknown>;
    }
    target[keys.at(-1) as string] = setting.redacted;
  }
  return { version: 1, environment, settings: nested };
}
