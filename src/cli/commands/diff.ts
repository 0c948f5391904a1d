/** `cfg diff A B [C ...]`: compare environments and snapshots key by key; drift fails, expected differences don't. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  baselineFrom,
  compareOperands,
  type DriftBaseline,
  type DriftOperand,
  type DriftReport,
} from "../../drift.js";
import { emitCiReport } from "../ci-output.js";
import { isCiFormat } from "../ci-report.js";
import { driftFindings } from "../drift-findings.js";
import { driftPolicyOf } from "../drift-policy.js";
import { CliError, EXIT } from "../errors.js";
import { groupOperands } from "../fleet-groups.js";
import { loadOperands } from "../operands.js";
import { formatOption, type RegisterCommand } from "../program.js";
import type { Project } from "../project.js";
import { readJsonFile } from "../read-json-file.js";
import { DIFF_FORMATS, type DiffFormat } from "../render-drift.js";
import { renderGroups } from "../render-drift-groups.js";
import { isSnapshotTree } from "../snapshot-tree.js";
import { writeFileAtomic } from "../write-file.js";

export const DEFAULT_BASELINE = "cfg.drift-baseline.json";

interface DiffOptions {
  format: DiffFormat;
  only?: "drift";
  failOn: "drift" | "invalid" | "none";
  accept?: string | true;
  baseline?: string;
  groupBy?: string;
}

export const registerDiff: RegisterCommand = (program, context, exit) => {
  program
    .command("diff")
    .description("compare the resolved settings of environments or snapshots key by key, secrets never shown")
    .argument(
      "<operands...>",
      "environment names, snapshot files, snapshot trees (directories), or - for a snapshot on standard input",
    )
    .addOption(formatOption(DIFF_FORMATS, "text"))
    .option("--only <what>", "show only: drift (hide expected and accepted differences)")
    .option("--fail-on <what>", "what makes the exit code 1: drift, invalid or none", "drift")
    .option("--baseline <file>", `accepted differences (default: ${DEFAULT_BASELINE} when it exists)`)
    .option(
      "--accept [file.json]",
      `record the current differences as accepted (default file: ${DEFAULT_BASELINE})`,
    )
    .option(
      "--group-by <label>",
      "compare a snapshot tree within groups: cluster, namespace, service or host (from cluster/namespace/service/host.json)",
    )
    .addHelpText(
      "after",
      `
Examples:
  cfg diff staging production                   side by side, with where each value came from
  cfg diff development staging production       a matrix
  cfg diff snapshots/*.json                     a fleet: the majority value and the outlier hosts per key
  cfg diff production fleet/ --group-by cluster   a snapshot tree, each cluster against its majority
  cfg diff production - < web-1.json           a snapshot on standard input
  cfg diff staging production --only drift --format markdown
  cfg diff staging production --accept          silence today's differences until they change again`,
    )
    .action(async (specs: string[], options: DiffOptions) => {
      // `--accept staging production`: the option's optional value took the first operand. A baseline is a
      // .json file, so a value that is not one is given back to the operands.
      if (typeof options.accept === "string" && !options.accept.endsWith(".json")) {
        specs.unshift(options.accept);
        options.accept = true;
      }
      if (specs.length < 2 && !specs.some((spec) => isSnapshotTree(context.cwd(), spec)))
        throw new CliError("diff needs at least two operands (environments or snapshot files)", "usage");
      if (options.groupBy !== undefined && (options.accept !== undefined || options.format === "patch"))
        throw new CliError("--group-by cannot be combined with --accept or --format patch", "usage");
      if (options.format === "patch" && specs.length !== 2) {
        throw new CliError("--format patch compares exactly two operands", "usage");
      }
      if (options.only !== undefined && options.only !== "drift")
        throw new CliError(`--only takes "drift", not "${options.only}"`, "usage");
      if (!["drift", "invalid", "none"].includes(options.failOn)) {
        throw new CliError(`--fail-on takes drift, invalid or none, not "${options.failOn}"`, "usage");
      }
      const project = await context.project();
      await context.typed();
      const { operands, leaves } = await loadOperands(context, specs);
      if (operands.length < 2)
        throw new CliError(
          `nothing to compare: ${specs.join(" ")} holds a single operand`,
          "nothing-to-compare",
        );
      // Keys of the schema (or, untyped, the variables found) and of the snapshots: unset on both sides counts.
      await context.requireVerdict({
        comparedKeys: Math.max(leaves.size, ...operands.map((operand) => operand.values.size)),
      });
      const baselinePath = resolve(project.root, options.baseline ?? DEFAULT_BASELINE);
      const baseline =
        options.baseline || existsSync(baselinePath)
          ? readBaseline(baselinePath, options.baseline ?? DEFAULT_BASELINE, project)
          : undefined;
      const compare = (members: DriftOperand[], accepted: DriftBaseline | undefined) =>
        compareOperands(members, {
          policyOf: (path) => {
            const leaf = leaves.get(path);
            return leaf ? driftPolicyOf(leaf, project.config) : undefined;
          },
          ...(accepted ? { baseline: accepted } : {}),
          includeSame: options.format === "patch",
        });
      let accepted = baseline;
      if (options.accept !== undefined) {
        const file = options.accept === true ? DEFAULT_BASELINE : options.accept;
        accepted = baselineFrom(compare(operands, baseline), {
          keyed: Boolean(context.io.env.CFG_FINGERPRINT_KEY),
        });
        writeFileAtomic(join(project.root, file), `${JSON.stringify(accepted, null, 2)}\n`, {
          root: project.root,
          shown: file,
          repository: true,
        });
        // Show the comparison as it now stands: accepted differences as accepted, forbidden ones still failing.
        const forbidden = compare(operands, accepted).summary.drift;
        context.note(
          `cfg: accepted ${accepted.accepted.length} difference${accepted.accepted.length === 1 ? "" : "s"} in ${file}${forbidden > 0 ? `; ${forbidden} forbidden cannot be accepted` : ""}`,
        );
      }
      const groups = options.groupBy ? groupOperands(operands, options.groupBy) : [{ operands }];
      const compared = groups.map((group) => {
        const report = compare(group.operands, accepted);
        const shown: DriftReport =
          options.only === "drift"
            ? {
                ...report,
                entries: report.entries.filter((e) => e.verdict === "drift" || e.verdict === "invalid"),
              }
            : report;
        return { ...group, report, shown };
      });
      const exitCode = Math.max(...compared.map(({ report }) => exitCodeOf(report, options.failOn)));
      if (isCiFormat(options.format)) {
        await emitCiReport(context, options.format, {
          command: "diff",
          findings: compared.flatMap(({ shown, value }) =>
            driftFindings(shown).map((finding) =>
              value === undefined
                ? finding
                : { ...finding, environment: `${options.groupBy}=${value}: ${finding.environment}` },
            ),
          ),
          exitCode,
          markdown: () => renderGroups(compared, "markdown", context.palette, options.groupBy),
          fullReportCommand: `cfg diff ${specs.join(" ")}`,
        });
      } else {
        const format = options.format;
        if (format === "patch") {
          // Loaded when asked (the `diff` package); --group-by refuses patch, so this is one group of two.
          const { driftPatch } = await import("../render-patch.js");
          context.io.stdout(compared.map((group) => driftPatch(group.shown)).join(""));
        } else {
          context.io.stdout(renderGroups(compared, format, context.palette, options.groupBy));
        }
      }
      exit(exitCode);
    });
};

function exitCodeOf(report: DriftReport, failOn: DiffOptions["failOn"]): number {
  if (failOn === "none") return EXIT.clean;
  if (report.summary.invalid > 0) return EXIT.findings;
  return failOn === "drift" && report.summary.drift > 0 ? EXIT.findings : EXIT.clean;
}

function readBaseline(path: string, shown: string, project: Project): DriftBaseline {
  const limits = project.definition?.options.limits;
  const baseline = readJsonFile(path, shown, "baseline", { root: project.root, limits }) as DriftBaseline;
  if (baseline?.version !== 1 || !Array.isArray(baseline.accepted)) {
    throw new CliError(
      `baseline ${shown} is not a cfg drift baseline (expected "version": 1 and "accepted": [...])`,
      "bad-baseline",
    );
  }
  return baseline;
}
