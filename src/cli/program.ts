/**
 * The `cfg` program: a commander factory with no side effects on import. Commands return exit codes;
 * `run()` maps every error to the contract of DESIGN.md §4 (0 clean, 1 findings, 2 usage or I/O error).
 */
import type { Command, Option } from "commander";
import { commander } from "./commander.js";
import { type CommandContext, createContext, type GlobalOptions } from "./context.js";
import { CliError, EXIT } from "./errors.js";
import { applyFindingsExitCode, parseFindingsExitCode } from "./exit-code-option.js";
import { type CliIo, processIo } from "./io.js";
import { cfgkitVersion } from "./version.js";

export { enableBundleCompileCache } from "../bundle-require.js";

/** How a command module adds itself: it sets the exit code through `exit`. */
export type RegisterCommand = (
  program: Command,
  context: CommandContext,
  exit: (code: number) => void,
) => void;

/**
 * Each command's module, in the order help lists them. A run loads only the module of the command it runs
 * (commandsFor): a command's dependencies (the drift engine, the linter, generators) cost nothing elsewhere.
 */
const COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  check: async () => (await import("./commands/check.js")).registerCheck,
  diff: async () => (await import("./commands/diff.js")).registerDiff,
  hash: async () => (await import("./commands/hash.js")).registerHash,
  print: async () => (await import("./commands/print.js")).registerPrint,
  explain: async () => (await import("./commands/explain.js")).registerExplain,
  snapshot: async () => (await import("./commands/snapshot.js")).registerSnapshot,
  example: async () => (await import("./commands/example.js")).registerExample,
  docs: async () => (await import("./commands/docs.js")).registerDocs,
  schema: async () => (await import("./commands/schema.js")).registerSchema,
  init: async () => (await import("./commands/init.js")).registerInit,
};
const ALL_COMMANDS = Object.keys(COMMANDS);

/**
 * The commands `argv` needs registered: the one it names, or every command when it names none it knows
 * (help, a typo to suggest a command for, no command at all). `program`'s own options tell which flags take
 * the next argument as their value (so that argument is not the command).
 */
function commandsFor(program: Command, argv: readonly string[]): string[] {
  const takesValue = new Set(
    program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long]),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") break;
    if (takesValue.has(arg)) i++;
    else if (!arg.startsWith("-")) return Object.hasOwn(COMMANDS, arg) ? [arg] : ALL_COMMANDS;
  }
  return ALL_COMMANDS;
}

/** The program with the commands `argv` needs registered (commandsFor). */
async function buildProgram(
  io: CliIo,
  exit: (code: number) => void,
  argv: readonly string[],
): Promise<{ program: Command; context: CommandContext }> {
  const program = new (commander().Command)("cfg");
  program
    .description("Resolve, check and compare service configuration defined with cfgkit.")
    .option("--config <path>", "project config file (default: cfg.config.{ts,mts,js,mjs,json} here or above)")
    .option(
      "--schema <path[#export]>",
      "module exporting the settings definition, instead of the project config",
    )
    .option("-C, --cwd <dir>", "run as if started in <dir>")
    .option(
      "--process-env",
      "include this shell's environment variables (ignored by default, so results match the repo)",
    )
    .option("--debug", "show stack traces of unexpected errors")
    .option(
      "--exit-code-on-findings <n>",
      "exit with <n> instead of 1 on findings (2: Terraform's convention, errors then exit 1)",
      parseFindingsExitCode,
    )
    .version(cfgkitVersion(), "-V, --version", "print the cfgkit version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(text) })
    .showSuggestionAfterError(true)
    .addHelpText(
      "after",
      `
Examples:
  cfg check --all                           validate and lint every environment (the CI gate)
  cfg diff staging production               what differs, whether expected, where each value came from
  cfg explain APP_REDIS__URL --env staging  every candidate for one key and why one won
  cfg hash --env production                 one fingerprint to compare with a running service
  cfg print --env staging --show-origin

Exit codes: 0 clean, 1 findings (invalid config, drift, stale file), 2 usage or I/O error;
--exit-code-on-findings N gives N instead of 1 (N = 2 makes usage and I/O errors 1).`,
    );
  const context = createContext(io, () => program.opts<GlobalOptions>());
  const loaders = commandsFor(program, argv).map((name) => COMMANDS[name] as () => Promise<RegisterCommand>);
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program, context, exit);
  return { program, context };
}

/** A `--format` option limited to `formats`. */
export function formatOption(formats: readonly string[], fallback: string): Option {
  return new (commander().Option)("--format <format>", "output format").choices(formats).default(fallback);
}

/** Option parser for repeatable options: `--env a --env b` -> `["a", "b"]`. */
export function collectRepeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Runs `cfg` with `argv` (without the node and script names) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let findingsExitCode: number | undefined;
  const code = await runProgram(argv, io, (n) => {
    findingsExitCode = n;
  });
  return applyFindingsExitCode(code, findingsExitCode);
}

async function runProgram(
  argv: readonly string[],
  given: CliIo,
  onFindingsExitCode: (n: number | undefined) => void,
): Promise<number> {
  let wroteData = false;
  const io: CliIo = {
    ...given,
    stdout: (text) => {
      wroteData = true;
      given.stdout(text);
    },
  };
  let exitCode: number = EXIT.clean;
  const { program, context } = await buildProgram(
    io,
    (code) => {
      exitCode = Math.max(exitCode, code);
    },
    argv,
  );
  // Read at the end, whatever happened: a usage error after the option was parsed is re-numbered too.
  const readOption = () => onFindingsExitCode(program.opts<GlobalOptions>().exitCodeOnFindings);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    // Every command asks the verdict rule before it reports; asking again here means none can skip it.
    const verdict = await context.judge();
    if (!verdict.earned && exitCode < EXIT.usage) throw new CliError(verdict.message, verdict.code);
    return exitCode;
  } catch (error) {
    const code = reportError(error, io, argv.includes("--debug"));
    // A pipeline that asked for JSON (`cfg check --format json | jq .ok`) gets a document even when the command
    // could not run, unless the command already wrote its own.
    if (code !== EXIT.clean && !wroteData && asksForJson(argv)) io.stdout(errorDocument(error));
    return code;
  } finally {
    readOption();
  }
}

function asksForJson(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === "--format=json" || (arg === "--format" && argv[i + 1] === "json"));
}

/** The error as JSON: the same words as on stderr for a known error, none of an unexpected one's. */
function errorDocument(error: unknown): string {
  const known =
    error instanceof CliError
      ? { code: error.code, message: error.message }
      : error instanceof commander().CommanderError
        ? { code: usageCode(error.code), message: error.message.replace(/^error: /, "") }
        : { code: "unexpected", message: "unexpected error; run again with --debug for details" };
  return `${JSON.stringify({ version: 1, ok: false, error: known }, null, 2)}\n`;
}

/** The option parser's error codes in cfg's own words (`unknown-option`), not its internal names. */
function usageCode(code: string): string {
  const name = code.replace(/^commander\./, "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return name === "" ? "usage" : name;
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof commander().CommanderError) {
    // Help and version are not errors; every other commander error is a usage error, already printed.
    if (error.exitCode === 0) return EXIT.clean;
    if (error.code === "commander.unknownCommand" || error.code === "commander.unknownOption") {
      io.stderr("Run `cfg --help` for the commands and options.\n");
    }
    return EXIT.usage;
  }
  if (error instanceof CliError) {
    io.stderr(`cfg: ${error.message}\n`);
    if (debug && error.cause instanceof Error && error.cause.stack) io.stderr(`${error.cause.stack}\n`);
    return error.exitCode;
  }
  // The message is withheld, --debug included: an exception from a schema's own code (a transform) may quote
  // the value it was given, and that value may be a secret. The name and the stack frames still locate it.
  const name = error instanceof Error ? error.name : typeof error;
  io.stderr(`cfg: unexpected error (${name}; its message is not shown, as it may quote a setting's value)\n`);
  const frames =
    error instanceof Error ? (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)) : [];
  if (debug && frames.length > 0) io.stderr(`${frames.join("\n")}\n`);
  else io.stderr("Run again with --debug for details.\n");
  return EXIT.usage;
}
