/**
 * The one rule that decides whether a command has earned a verdict (DESIGN.md §4, "A verdict is earned"): from
 * what was actually read, not from what was found wrong. Every command's environments are recorded as they
 * resolve; a command may say "clean" or "findings" only when this rule says it saw what it was asked about.
 */
import type { SettingsIssue } from "../issues.js";
import type { ResolvedSettings } from "../settings.js";
import type { SourceFile } from "../sources/collect.js";

/**
 * What the rule needs of one resolved environment, and no more: a command comparing large environments must not
 * keep every resolution alive until it is done just for this.
 */
export interface ResolvedEvidence {
  environment: string;
  files: readonly SourceFile[];
  /** The sources that could not be read or parsed. */
  unreadable: readonly SettingsIssue[];
  keyCount: number;
}

export function evidenceOf(resolved: ResolvedSettings): ResolvedEvidence {
  return {
    environment: resolved.environment,
    files: resolved.files,
    unreadable: resolved.issues.filter(isUnreadableSource),
    keyCount: resolved.definition.plan.leaves.length,
  };
}

export interface Evidence {
  /** Where the command looked, for the message when it found nothing. */
  root: string;
  /** A settings definition was found (cfg.config.* or --schema). */
  typed: boolean;
  /** A definition, or any `.env` or config file of any environment: there is a project to speak of. */
  projectFound: boolean;
  /** Every environment the command resolved, in order. */
  resolved: readonly ResolvedEvidence[];
  /** What a comparison held (a diff of environments and snapshots): how many keys were on either side. */
  comparedKeys?: number;
}

export type VerdictProblem = "no-project" | "unreadable-source" | "nothing-to-compare";

export type Verdict =
  | { earned: true }
  | {
      earned: false;
      code: VerdictProblem;
      message: string;
      /** For `unreadable-source`: every source that could not be read, once each. */
      problems: SettingsIssue[];
    };

/** A source error: a file that cannot be read or parsed (not a value that is wrong, which is a finding). */
export function isUnreadableSource(issue: SettingsIssue): boolean {
  return issue.kind === "source" && issue.severity === "error" && issue.envName === undefined;
}

export function judgeEvidence(evidence: Evidence): Verdict {
  // A command that read no environment and compared nothing (schema, docs, init) claims nothing about sources.
  if (evidence.resolved.length === 0 && evidence.comparedKeys === undefined) return { earned: true };
  const problems = unreadableSources(evidence.resolved);
  if (problems.length > 0) {
    const lines = problems.map((issue) => `  ${issueLocation(issue)}: ${issue.message}`);
    return {
      earned: false,
      code: "unreadable-source",
      message: `could not read ${problems.length === 1 ? "a source" : `${problems.length} sources`}, so there is no verdict:\n${lines.join("\n")}`,
      problems,
    };
  }
  if (!evidence.projectFound && evidence.resolved.length > 0) {
    return { earned: false, code: "no-project", message: noProjectMessage(evidence.root), problems: [] };
  }
  const keys = evidence.comparedKeys ?? Math.max(0, ...evidence.resolved.map((r) => r.keyCount));
  if (keys === 0 && (evidence.resolved.length > 0 || evidence.comparedKeys !== undefined)) {
    const files = filesRead(evidence.resolved);
    const environments = [...new Set(evidence.resolved.map((r) => r.environment))].join(", ");
    const what = evidence.typed
      ? "the settings definition declares no keys"
      : files.length > 0
        ? `no variables found in ${files.join(", ")}`
        : environments
          ? `no variables found for ${environments} (none of the files it reads exists)`
          : "the operands hold no settings";
    return {
      earned: false,
      code: "nothing-to-compare",
      message: `${what}: nothing to check or compare`,
      problems: [],
    };
  }
  return { earned: true };
}

export function noProjectMessage(root: string): string {
  return `no project found in ${root}: no cfg.config.* or --schema, and no .env or config files`;
}

function filesRead(resolved: readonly ResolvedEvidence[]): string[] {
  const files = new Set<string>();
  for (const r of resolved) for (const f of r.files) if (f.status === "loaded") files.add(f.file);
  return [...files];
}

function unreadableSources(resolved: readonly ResolvedEvidence[]): SettingsIssue[] {
  const seen = new Map<string, SettingsIssue>();
  for (const r of resolved) {
    for (const issue of r.unreadable) {
      const key = `${issueLocation(issue)}\u0000${issue.message}`;
      if (!seen.has(key)) seen.set(key, issue);
    }
  }
  return [...seen.values()];
}

/** `config/default.yaml:3:7`: file, line and column, as far as known. */
export function issueLocation(issue: SettingsIssue): string {
  if (!issue.file) return issue.origin ?? "(unknown source)";
  if (issue.line === undefined) return issue.file;
  return `${issue.file}:${issue.line}${issue.column === undefined ? "" : `:${issue.column}`}`;
}
