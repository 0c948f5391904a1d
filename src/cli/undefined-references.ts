/**
 * References (`${VAR}`, `$VAR`) that nothing in an environment defines. They expand to an empty string
 * without a word, which is how a database URL quietly loses its password: `cfg check` warns about them.
 */
import { join } from "node:path";
import { readReferences } from "../lint/check-substitution.js";
import { scanDotenv } from "../sources/dotenv-scan.js";
import { readSourceText } from "../sources/read-text.js";
import type { Finding } from "./findings.js";

/** The rule id of these findings, which a project config's `lint` can turn off like a lint rule. */
export const UNDEFINED_REFERENCE_RULE = "undefined-reference";

export function findUndefinedReferences(
  root: string,
  files: readonly string[],
  environment: string,
  alsoDefined: Iterable<string>,
): Finding[] {
  const entries = files.flatMap((file) => {
    const read = readSourceText(join(root, file));
    if (!read?.ok) return [];
    return scanDotenv(read.text).lines.flatMap((line) =>
      line.kind === "entry" && line.value ? [{ file, line }] : [],
    );
  });
  const defined = new Set([...alsoDefined, ...entries.map(({ line }) => line.key)]);
  const findings: Finding[] = [];
  for (const { file, line } of entries) {
    // The linter's reading of references: `\$` escapes, and a fallback (`${NAME:-x}`) says what unset becomes.
    for (const { name, hasFallback } of readReferences(line.value?.content ?? "")) {
      if (name === undefined || hasFallback || defined.has(name)) continue;
      findings.push({
        rule: UNDEFINED_REFERENCE_RULE,
        severity: "warning",
        file,
        line: line.line,
        key: line.key,
        environment,
        message: `${line.key} refers to ${name}, which no env file of ${environment} sets: it expands to an empty string unless the process environment sets it (write \${${name}:-default} to say what then)`,
      });
    }
  }
  return findings;
}
