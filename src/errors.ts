/** The error a failed load throws (with `onError: "throw"`). */
import type { SettingsIssue } from "./issues.js";

/** Every problem of one load. `message` is the full human report; `issues` the same as data. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
  /** `EX_CONFIG`, what an entrypoint exits with. */
  readonly exitCode = 78;
  readonly issues: readonly SettingsIssue[];
  readonly environment: string;

  constructor(report: string, issues: readonly SettingsIssue[], environment: string) {
    super(report);
    this.issues = issues;
    this.environment = environment;
    // A user's configuration mistake, not a bug: the report is all there is to see, no stack frames.
    this.stack = `${this.name}: ${report}`;
  }
}
