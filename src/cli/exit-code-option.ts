/**
 * `--exit-code-on-findings N`: the exit code that findings give instead of 1, for a pipeline that follows
 * another convention (Terraform's `-detailed-exitcode`, where 2 means changes; Argo CD's `--diff-exit-code`).
 */
import { commander } from "./commander.js";
import { EXIT } from "./errors.js";

export function parseFindingsExitCode(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  // 0 would let findings pass (that is `cfg diff --fail-on none`); above 125 a shell means other things.
  if (!(n >= 1 && n <= 125))
    throw new (commander().InvalidArgumentError)(
      "expected a whole number from 1 to 125 (0 would turn findings into a pass)",
    );
  return n;
}

/**
 * The exit code with findings re-numbered. With N = 2 (Terraform's convention) usage and I/O errors become 1, so
 * that a run that read nothing can never be taken for one that found something; any other N leaves them at 2.
 */
export function applyFindingsExitCode(code: number, findings: number | undefined): number {
  if (findings === undefined || findings === EXIT.findings) return code;
  if (code === EXIT.findings) return findings;
  if (code === EXIT.usage && findings === EXIT.usage) return EXIT.findings;
  return code;
}
