/** CLI errors with a stable code and the exit code of DESIGN.md §4: 1 findings, 2 usage or I/O error. */

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: number = EXIT.usage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
