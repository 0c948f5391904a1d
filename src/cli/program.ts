/**
 * The `cfg` program: a commander factory with no side effects on import. Commands return exit codes;
 * `run()` maps every error to the contract of DESIGN.md §4 (0 clean, 1 findings, 2 usage or I/O error).
 */
import { Command, CommanderError, Option } from "commander";
import { registerCheck } from "./commands/check.js";
import { registerDiff } from "./commands/diff.js";
import { registerDocs } from "./commands/docs.js";
import { registerExample } from "./commands/example.js";
import { registerExplain } from "./commands/explain.js";
import { registerHash } from "./commands/hash.js";
import { registerInit } from "./commands/init.js";
import { registerPrint } from "./commands/print.js";
import { registerSchema } from "./commands/schema.js";
import { registerSnapshot } from "./commands/snapshot.js";
import { type CommandContext, createContext, type GlobalOptions } from "./context.js";
import { CliError, EXIT } from "./errors.js";
import { applyFindingsExitCode, parseFindingsExitCode } from "./exit-code-option.js";
import { type CliIo, processIo } from "./io.js";
import { cfgkitVersion } from "./version.js";

/** How a command module adds itself: it sets the exit code through `exit`. */
export type RegisterCommand = (
  program: Command,
  context: CommandContext,
  exit: (code: number) => void,
) => void;

const COMMANDS: RegisterCommand[] = [
  registerCheck,
  registerDiff,
  registerHash,
  registerPrint,
  registerExplain,
  registerSnapshot,
  registerExample,
  registerDocs,
  registerSchema,
  registerInit,
];

export function createProgram(io: CliIo, exit: (code: number) => void): Command {
  return buildProgram(io, exit).program;
}

function buildProgram(
  io: CliIo,
  exit: (code: number) => void,
): { program: Command; context: CommandContext } {
  const program = new Command("cfg");
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
  for (const register of COMMANDS) register(program, context, exit);
  return { program, context };
}

/** A `--format` option limited to `formats`. */
export function formatOption(formats: readonly string[], fallback: string): Option {
  return new Option("--format <format>", "output format").choices(formats).default(fallback);
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
  io: CliIo,
  onFindingsExitCode: (n: number | undefined) => void,
): Promise<number> {
  let exitCode: number = EXIT.clean;
  const { program, context } = buildProgram(io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
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
    return reportError(error, io, argv.includes("--debug"));
  } finally {
    readOption();
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
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
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`cfg: unexpected error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr("Run again with --debug for details.\n");
  return EXIT.usage;
}
