/** The one findings shape the CI formats (GitHub, SARIF, GitLab, reviewdog) render, and what they share. */
import { createHash } from "node:crypto";
import type { Finding } from "./findings.js";

export const CI_FORMATS = ["github", "sarif", "gitlab", "rdjsonl"] as const;
export type CiFormat = (typeof CI_FORMATS)[number];

export function isCiFormat(format: string): format is CiFormat {
  return (CI_FORMATS as readonly string[]).includes(format);
}

export interface CiReport {
  command: "check" | "diff";
  /** File paths relative to the repository root. Messages never hold a secret value. */
  findings: readonly Finding[];
  /**
   * The exit code the command returns. 2 means something could not be read: no format may then look clean
   * (SARIF says the run did not succeed; the findings that say what was unread are errors everywhere).
   */
  exitCode: number;
  /** Where a finding without a file is pinned in formats that require a path: the project config. */
  fallbackFile?: string;
  /** cfgkit's version, for the formats that name the tool. */
  version: string;
}

/**
 * A stable identity per finding that survives line moves: the rule, file, key (or, without a key, the message
 * with its numbers blanked, since messages name line numbers) and environment; a repeat gets its ordinal.
 * No value enters it: messages carry none, and a key is a name.
 */
export function findingIdentities(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const subject = finding.key ?? finding.message.replace(/\d+/g, "#");
    const base = [finding.rule, finding.file ?? "", subject, finding.environment ?? ""].join("\u0000");
    const ordinal = seen.get(base) ?? 0;
    seen.set(base, ordinal + 1);
    return createHash("sha256").update(`${base}\u0000${ordinal}`).digest("hex");
  });
}

/** The file a finding is shown on: its own, else the fallback; undefined when there is neither. */
export function locatedFile(finding: Finding, report: CiReport): string | undefined {
  return finding.file ?? report.fallbackFile;
}
