/** The parts of commander the CLI uses, which the build bundles into one file, dist/commander.cjs (commander.ts). */
export { Command, CommanderError, InvalidArgumentError, Option } from "commander";
