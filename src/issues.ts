/** The structured problems a load can find; `report.ts` decides how they read. */
import { formatOrigin, type Origin } from "./sources/types.js";

export type IssueKind = "source" | "missing" | "empty" | "invalid" | "unknown" | "duplicate";

export interface SettingsIssue {
  kind: IssueKind;
  /** Errors stop the load; warnings are reported with them and kept on the result. */
  severity: "error" | "warning";
  /** The env var the issue is about: `APP_REDIS__URL`. */
  envName?: string;
  /** The schema path: `redis.url`. */
  path?: string;
  /** Where the value came from, as shown to users: `.env.staging:12`, `process.env`, `default`. */
  origin?: string;
  file?: string;
  line?: number;
  column?: number;
  /** What is wrong, in words; never contains a secret value. */
  message: string;
  /** What the schema expects, when it says. */
  expected?: string;
  /** The offending value, printable: secrets are `<secret>`, URL passwords masked. */
  received?: string;
  /** A known name close to an unknown one. */
  suggestion?: string;
  /** The other place involved, e.g. the first line of a duplicate key. */
  related?: string;
  secret?: boolean;
}

/** The order problems are listed in, in reports and in `SettingsError.issues`. */
const ISSUE_KIND_ORDER: readonly IssueKind[] = [
  "source",
  "missing",
  "empty",
  "invalid",
  "duplicate",
  "unknown",
];

/** Errors before warnings, then by kind; stable within a kind. */
export function sortIssues(issues: readonly SettingsIssue[]): SettingsIssue[] {
  const rank = (issue: SettingsIssue) =>
    (issue.severity === "error" ? 0 : 10) + ISSUE_KIND_ORDER.indexOf(issue.kind);
  return [...issues].sort((a, b) => rank(a) - rank(b));
}

/** The origin of a value as issue fields: the printable origin, and file and line when it is a file. */
export function originFields(origin: Origin | undefined): Pick<SettingsIssue, "origin" | "file" | "line"> {
  if (!origin) return {};
  const fields: Pick<SettingsIssue, "origin" | "file" | "line"> = { origin: formatOrigin(origin) };
  if (origin.kind === "file") {
    fields.file = origin.file;
    if (origin.line !== undefined) fields.line = origin.line;
  }
  return fields;
}
