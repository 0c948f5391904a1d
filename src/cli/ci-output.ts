/**
 * Printing a report in a CI format: paths moved to the repository root, the renderer of the format, and for
 * GitHub the full Markdown report appended to `$GITHUB_STEP_SUMMARY` (within GitHub's 1 MiB cap).
 */
import { appendFileSync, statSync } from "node:fs";
import { relative } from "node:path";
import type { CiFormat, CiReport } from "./ci-report.js";
import type { CommandContext } from "./context.js";
import type { Finding } from "./findings.js";
import { renderGithub } from "./render-github.js";
import { renderGitlab } from "./render-gitlab.js";
import { renderRdjsonl } from "./render-rdjsonl.js";
import { renderSarif } from "./render-sarif.js";
import { fromRepositoryRoot, repositoryRoot } from "./repository-root.js";
import { cfgkitVersion } from "./version.js";

/** GitHub's limit for one step's summary. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

export interface CiOutput {
  command: CiReport["command"];
  /** Paths relative to the project root, as every other format shows them. */
  findings: readonly Finding[];
  exitCode: number;
  /** The full report as Markdown, for the job summary. */
  markdown: () => string;
  /** The command that shows every finding, named when GitHub's limits hide some and no summary holds them. */
  fullReportCommand: string;
}

export async function emitCiReport(
  context: CommandContext,
  format: CiFormat,
  output: CiOutput,
): Promise<void> {
  const project = await context.project();
  const repoRoot = repositoryRoot(project.root, context.io.cwd);
  const report: CiReport = {
    command: output.command,
    findings: output.findings.map((finding) =>
      finding.file ? { ...finding, file: fromRepositoryRoot(repoRoot, project.root, finding.file) } : finding,
    ),
    exitCode: output.exitCode,
    ...(project.configFile
      ? {
          fallbackFile: fromRepositoryRoot(
            repoRoot,
            project.root,
            relative(project.root, project.configFile),
          ),
        }
      : {}),
    version: cfgkitVersion(),
  };
  switch (format) {
    case "sarif":
      context.io.stdout(renderSarif(report));
      return;
    case "gitlab":
      context.io.stdout(renderGitlab(report));
      return;
    case "rdjsonl":
      context.io.stdout(renderRdjsonl(report));
      return;
    case "github": {
      const summaryPath = context.io.env.GITHUB_STEP_SUMMARY;
      const written = summaryPath ? writeStepSummary(context, summaryPath, output.markdown()) : false;
      const whereTheRestIs = written
        ? "every finding is in the job summary"
        : `run ${output.fullReportCommand} to see them all`;
      context.io.stdout(renderGithub(report, whereTheRestIs));
    }
  }
}

/**
 * Appends the report to the step summary, cut at a line so that the file stays under GitHub's cap, with a note
 * when cut. A summary that cannot be written is said on stderr; the annotations and the exit code still stand.
 */
function writeStepSummary(context: CommandContext, path: string, markdown: string): boolean {
  try {
    const existing = fileSize(path);
    const note =
      "\n\n… truncated: the report is larger than GitHub's 1 MiB job summary. Run the same command with `--format markdown` for all of it.\n";
    const budget = STEP_SUMMARY_LIMIT - existing - Buffer.byteLength(note) - 1;
    const bytes = Buffer.from(markdown.endsWith("\n") ? markdown : `${markdown}\n`);
    if (bytes.length <= STEP_SUMMARY_LIMIT - existing) {
      appendFileSync(path, bytes);
      return true;
    }
    // A newline byte never occurs inside a UTF-8 sequence, so cutting after one never splits a character.
    const cut = budget > 0 ? bytes.lastIndexOf(0x0a, budget - 1) : -1;
    appendFileSync(path, Buffer.concat([bytes.subarray(0, cut + 1), Buffer.from(note)]));
    return true;
  } catch (error) {
    context.note(
      `cfg: could not write the job summary to ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return false;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
