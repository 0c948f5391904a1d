/** `cfg check`: the CI gate. Validates environments against the schema and lints their `.env` files. */
import { join, relative, resolve } from "node:path";
import { NOT_ENVIRONMENTS } from "../../environment.js";
import { lintDotenv } from "../../lint/index.js";
import type { ResolvedSettings } from "../../settings.js";
import { readSourceText } from "../../sources/read-text.js";
import { environmentMismatch } from "../../sources/registry.js";
import { formatOrigin } from "../../sources/types.js";
import { emitCiReport } from "../ci-output.js";
import { isCiFormat } from "../ci-report.js";
import { CliError } from "../errors.js";
import {
  EXIT_OF_OUTCOME,
  type Finding,
  findingFromIssue,
  OUTPUT_FORMATS,
  renderFindings,
  reportOutcome,
} from "../findings.js";
import { collectRepeatable, formatOption, type RegisterCommand } from "../program.js";
import { applyLintSetting } from "../project-config.js";
import { findUndefinedReferences } from "../undefined-references.js";

interface CheckOptions {
  env?: string[];
  all?: boolean;
  format: (typeof OUTPUT_FORMATS)[number];
  strict?: boolean;
}

export const registerCheck: RegisterCommand = (program, context, exit) => {
  program
    .command("check")
    .description("validate environments against the schema and lint their .env files (exit 1 on any error)")
    .argument("[files...]", "env files to check; each is checked within the environments that read it")
    .option("--env <name>", "an environment to check (repeatable)", collectRepeatable)
    .option("--all", "check every environment of the project (the default when no --env or file is given)")
    .option("--strict", "fail on warnings too")
    .addOption(formatOption(OUTPUT_FORMATS, "text"))
    .addHelpText(
      "after",
      `
Examples:
  cfg check                          every environment found in the project
  cfg check --env staging            one environment
  cfg check .env.production          the environments that read this file
  cfg check --all --format github    annotations on the offending lines of a pull request
  cfg check --format sarif > cfg.sarif   for GitHub code scanning (also gitlab, rdjsonl)`,
    )
    .action(async (files: string[], options: CheckOptions) => {
      exit(await check(context, files, options));
    });
};

async function check(
  context: Parameters<RegisterCommand>[1],
  files: readonly string[],
  options: CheckOptions,
): Promise<number> {
  const project = await context.project();
  const typed = await context.typed();
  const named = new Set(files.map((file) => relative(project.root, resolve(context.cwd(), file))));
  const environments =
    options.env || files.length === 0
      ? await context.selectEnvironments(options.env, options.all === true || !options.env)
      : await context.selectEnvironments(undefined, true);

  const findings = new FindingSet();
  const linted = new Set<string>();
  for (const environment of environments) {
    const resolved = await context.resolve(environment);
    const envFiles = resolved.files
      .filter((f) => f.kind === "dotenv" && f.status !== "missing")
      .map((f) => f.file);
    if (named.size > 0 && !envFiles.some((file) => named.has(file))) continue;
    const mostSpecific = envFiles.at(-1);
    for (const issue of resolved.issues) {
      // Duplicates are the linter's to report (with both lines); untyped, every key would read as unknown.
      if (issue.kind === "duplicate" || (!typed && issue.kind === "unknown")) continue;
      findings.add(findingFromIssue(issue, environment, mostSpecific));
    }
    if (typed) for (const finding of secretsNotMarked(resolved, environment)) findings.add(finding);
    for (const layer of resolved.layers) {
      const mismatch =
        layer.kind === "env" && layer.deployment ? environmentMismatch(layer, environment) : undefined;
      if (mismatch)
        findings.add({ rule: "environment-mismatch", severity: "warning", environment, ...mismatch });
    }
    const processNames = context.includesProcessEnv() ? Object.keys(context.io.env) : [];
    for (const finding of findUndefinedReferences(project.root, envFiles, environment, processNames)) {
      findings.add(applyLintSetting(finding, project.config.lint));
    }
    for (const file of envFiles) {
      if (linted.has(file)) continue;
      linted.add(file);
      for (const finding of lintFile(project.root, file))
        findings.add(applyLintSetting(finding, project.config.lint));
    }
  }
  for (const file of named) {
    // Linted above exactly when an environment read it (every file an environment reads is linted with it).
    if (linted.has(file)) continue;
    // Its values reach no environment, so no schema judged them: a clean lint must not read as a valid file.
    // `.env.example` and its kind hold no environment's values by design: linting is all they get.
    if (!holdsNoEnvironment(file))
      context.note(
        `cfg: ${file} is read by no environment of this project: linted only, not validated (an environment reads .env.<name>; name it with --env, or give its files in cfg.config's environments)`,
      );
    for (const finding of lintFile(project.root, file))
      findings.add(applyLintSetting(finding, project.config.lint));
    linted.add(file);
  }
  // Nothing found to check is no verdict at all; an unreadable source is reported with the findings below.
  const verdict = await context.judge();
  if (!verdict.earned && verdict.code !== "unreadable-source")
    throw new CliError(verdict.message, verdict.code);
  const report = {
    command: "check",
    strict: options.strict === true,
    findings: findings.list(),
    checked: named.size > 0 ? [...named] : environments,
  };
  // A file that cannot be read is an I/O error (exit 2), reported with the findings rather than alone.
  const exitCode = EXIT_OF_OUTCOME[reportOutcome(report)];
  if (isCiFormat(options.format)) {
    await emitCiReport(context, options.format, {
      command: "check",
      findings: report.findings,
      exitCode,
      markdown: () => renderFindings(report, "markdown", context.palette),
      fullReportCommand: "cfg check --format text",
    });
  } else {
    context.io.stdout(renderFindings(report, options.format, context.palette));
  }
  return exitCode;
}

/**
 * Keys a secret source gave that the schema does not mark secret: cfgkit redacts them anyway, but the service
 * cannot know where its environment came from, so its own output and fingerprint would treat them as plain.
 */
function secretsNotMarked(resolved: ResolvedSettings, environment: string): Finding[] {
  return resolved.resolution.leaves
    .filter((leaf) => leaf.secretBySource)
    .map(({ leaf, candidates }) => {
      const origin = candidates.find((candidate) => candidate.secret)?.origin;
      const where =
        origin?.kind === "file" ? { file: origin.file, ...(origin.line ? { line: origin.line } : {}) } : {};
      return {
        rule: "secret-not-marked",
        severity: "warning" as const,
        message: `${leaf.envName} comes from ${origin ? formatOrigin(origin) : "a secret source"} but the schema does not mark it secret: wrap it in secret() so the service redacts and fingerprints it as cfg does`,
        key: leaf.envName,
        path: leaf.dottedPath,
        environment,
        ...where,
      };
    });
}

function lintFile(root: string, file: string): Finding[] {
  const read = readSourceText(join(root, file));
  if (!read)
    return [{ rule: "unreadable-source", severity: "error", file, message: `${file} does not exist` }];
  if (!read.ok) {
    return [
      {
        rule: "unreadable-source",
        severity: "error",
        file,
        message: `${file} ${read.message}`,
        ...(read.line ? { line: read.line } : {}),
      },
    ];
  }
  return lintDotenv(read.text, file).map((finding) => ({
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    ...(finding.column === undefined ? {} : { column: finding.column }),
    ...(finding.key ? { key: finding.key } : {}),
  }));
}

/** Findings that several environments share (an unknown key in `.env`) are listed once, naming them all. */
class FindingSet {
  readonly #byKey = new Map<string, Finding>();

  /** `undefined` is a finding whose rule the project config turned off. */
  add(finding: Finding | undefined): void {
    if (!finding) return;
    const key = [finding.rule, finding.file, finding.line, finding.column, finding.message].join("\u0000");
    const existing = this.#byKey.get(key);
    if (!existing) {
      this.#byKey.set(key, finding);
    } else if (
      finding.environment &&
      existing.environment &&
      !existing.environment.split(", ").includes(finding.environment)
    ) {
      existing.environment = `${existing.environment}, ${finding.environment}`;
    }
  }

  list(): Finding[] {
    return [...this.#byKey.values()].sort(
      (a, b) =>
        (a.file ?? "").localeCompare(b.file ?? "") ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.rule.localeCompare(b.rule),
    );
  }
}

/** `.env.example`, `.env.sample`, `.env.template`…: files that by their name hold no environment's values. */
function holdsNoEnvironment(file: string): boolean {
  const suffix = /(?:^|\/)\.env\.([^/]+)$/.exec(file)?.[1];
  return suffix !== undefined && NOT_ENVIRONMENTS.has(suffix.toLowerCase());
}
