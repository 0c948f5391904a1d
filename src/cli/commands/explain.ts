/** `cfg explain KEY`: every candidate for one key across all layers, which one won and why. */
import { suggestName } from "../../_suggest.js";
import type { LeafPlan } from "../../plan.js";
import { printValue } from "../../redact.js";
import type { Candidate } from "../../resolve.js";
import { describeResolution } from "../../result.js";
import { formatOrigin } from "../../sources/types.js";
import { CliError, EXIT } from "../errors.js";
import { describeExpectation } from "../expectation.js";
import { formatOption, type RegisterCommand } from "../program.js";

interface ExplainOptions {
  env?: string;
  format: "text" | "json";
}

export const registerExplain: RegisterCommand = (program, context, exit) => {
  program
    .command("explain")
    .description("show every candidate value of one key across all layers, which one won and why")
    .argument("<key>", "env var name (APP_REDIS__URL) or schema path (redis.url)")
    .option("--env <name>", "the environment (default: CFG_ENV, NODE_ENV, development)")
    .addOption(formatOption(["text", "json"], "text"))
    .addHelpText(
      "after",
      "\nExamples:\n  cfg explain APP_REDIS__MAX_LEN --env staging\n  cfg explain redis.maxLen --env production --format json",
    )
    .action(async (key: string, options: ExplainOptions) => {
      const { definition } = await context.project();
      // Typed, an unknown key is refused before anything is read; untyped, the keys are the variables found.
      const typedLeaf = definition ? findLeaf(definition.plan.leaves, key, "typed") : undefined;
      const [environment] = await context.selectEnvironments(options.env ? [options.env] : undefined, false);
      const resolved = await context.resolve(environment as string);
      await context.requireVerdict();
      const planned = typedLeaf ?? findLeaf(resolved.definition.plan.leaves, key, resolved.environment);
      const entry = resolved.resolution.leaves.find((r) => r.leaf.dottedPath === planned.dottedPath);
      if (!entry) throw new CliError(`${key} is not resolved`, "unknown-key");
      // The resolved leaf, not the planned one: a value from a secret source made it secret.
      const { leaf } = entry;
      const description = describeResolution({ ...resolved.resolution, leaves: [entry] }, resolved.data)[0];
      const problems = resolved.issues.filter(
        (issue) => issue.envName === leaf.envName && issue.severity === "error",
      );
      const expectation = describeExpectation(leaf);
      const candidates = entry.candidates.map((candidate) => ({
        origin: formatOrigin(candidate.origin),
        value: printValue(candidate.value, leaf.secret),
        status: statusOf(candidate, entry.winner, leaf),
        ...(candidate.viaJson ? { via: candidate.viaJson } : {}),
      }));
      if (expectation.defaultText !== undefined) {
        // The schema default is the lowest layer of all: show it where it stands.
        const status = entry.winner ? `shadowed by ${formatOrigin(entry.winner.origin)}` : "wins";
        candidates.push({ origin: "default", value: expectation.defaultText, status });
      }
      const notSetIn = resolved.files
        .filter((f) => f.status === "loaded" && !entry.candidates.some((c) => setIn(c, f.file)))
        .map((f) => f.file);
      // A file that could not be read may be exactly why the key is unset: say so.
      const unreadable = resolved.issues
        .filter((issue) => issue.kind === "source" && issue.severity === "error")
        .map((issue) => issue.message);
      const data = {
        version: 1,
        environment: resolved.environment,
        envName: leaf.envName,
        path: leaf.dottedPath,
        secret: leaf.secret,
        expects: expectation,
        value: description?.value ?? "(unset)",
        origin: description?.origin ?? "unset",
        valid: problems.length === 0,
        problems: problems.map((p) => p.message),
        candidates,
        notSetIn,
        unreadable,
        // Every layer this environment stacks, lowest first: where each source stands in the precedence.
        precedence: [
          "default",
          ...[...resolved.layers].sort((a, b) => a.rank - b.rank).map((layer) => layer.name),
        ],
      };
      if (options.format === "json") {
        context.io.stdout(`${JSON.stringify(data, null, 2)}\n`);
      } else {
        const { bold, dim, green, red } = context.palette;
        const lines = [
          `${bold(leaf.envName)}  (${leaf.dottedPath})  in ${resolved.environment}${leaf.secret ? "  secret" : ""}`,
          `  expects  ${expectation.type}${expectation.required ? ", required" : ""}${expectation.defaultText ? `, default ${expectation.defaultText}` : ""}`,
          ...(expectation.description ? [`           ${dim(expectation.description)}`] : []),
          `  value    ${data.value}  from ${data.origin}  ${data.valid ? green("valid") : red(`invalid: ${data.problems.join("; ")}`)}`,
          "",
          "  candidates, highest precedence first:",
          ...(candidates.length === 0
            ? [`    ${dim("none")}`]
            : candidates.map(
                (c) =>
                  `    ${c.status === "wins" ? green("✓") : " "} ${c.origin.padEnd(28)} ${c.value.padEnd(24)} ${dim(c.status)}`,
              )),
          ...(notSetIn.length > 0 ? ["", `  not set in: ${notSetIn.join(", ")}`] : []),
          `  precedence, lowest first: ${data.precedence.join(" < ")}`,
          ...unreadable.map((problem) => red(`  could not read ${problem}`)),
        ];
        context.io.stdout(`${lines.join("\n")}\n`);
      }
      if (problems.length > 0) exit(EXIT.findings);
    });
};

function statusOf(candidate: Candidate, winner: Candidate | undefined, leaf: LeafPlan): string {
  if (candidate === winner) return "wins";
  if (candidate.value === "" && !leaf.keepsEmpty) return "empty: treated as unset";
  return winner ? `shadowed by ${formatOrigin(winner.origin)}` : "not used";
}

/** The leaf `key` names; `untypedIn` is the environment whose variables are the keys when there is no schema. */
function findLeaf(leaves: readonly LeafPlan[], key: string, untypedIn: string): LeafPlan {
  const upper = key.toUpperCase();
  const found =
    leaves.find((leaf) => leaf.envName === key || leaf.dottedPath === key) ??
    leaves.find((leaf) => leaf.envName.toUpperCase() === upper || leaf.dottedPath.toUpperCase() === upper);
  if (found) return found;
  const suggestion = suggestName(
    key,
    leaves.flatMap((leaf) => [leaf.envName, leaf.dottedPath]),
  );
  const hint = suggestion ? `; did you mean ${suggestion}?` : "";
  throw new CliError(
    untypedIn === "typed"
      ? `${key} is not a setting of this schema${hint}`
      : `${key} is set nowhere ${untypedIn} reads (untyped: the keys are the variables found)${hint}`,
    "unknown-key",
  );
}

/** Whether a candidate came from `file`: its layer is the file, or (a deployment source) its origin is. */
function setIn(candidate: Candidate, file: string): boolean {
  return candidate.layer === file || (candidate.origin.kind === "file" && candidate.origin.file === file);
}
