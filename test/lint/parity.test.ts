/**
 * Parity with dotenv-linter (DESIGN.md: `cfg check` lints like dotenv-linter, and says where it differs).
 * Runs dotenv-linter's own test expectations from the conformance corpus: its 80 CLI cases (whole files, all
 * checks on, so each expected list is complete) and its 75 analyzer unit cases (one checker over a few
 * lines). A case agrees when the lines we report for a check are the lines dotenv-linter reports for it;
 * a CLI case must agree on every check, a unit case on its checker's. Every disagreement is listed below with
 * its reason, and asserted to still differ in exactly that way.
 */
import { describe, expect, test } from "vitest";
import { lintDotenv } from "../../src/lint/index.js";
import { corpusDir, readCorpusJson } from "../_corpus.js";

/** dotenv-linter check -> the cfgkit rules that report the same problem. */
const CHECK_TO_RULES: Record<string, readonly string[]> = {
  DuplicatedKey: ["duplicate-key"],
  EndingBlankLine: ["ending-blank-line"],
  ExtraBlankLine: ["extra-blank-line"],
  IncorrectDelimiter: ["incorrect-delimiter"],
  KeyWithoutValue: ["key-without-value"],
  LeadingCharacter: ["leading-whitespace", "leading-character"],
  LowercaseKey: ["lowercase-key"],
  QuoteCharacter: ["unnecessary-quotes"],
  SpaceCharacter: ["space-around-equals"],
  SubstitutionKey: ["invalid-substitution"],
  TrailingWhitespace: ["trailing-whitespace"],
  UnorderedKey: ["unordered-key"],
  ValueWithoutQuotes: ["unquoted-value"],
  // SchemaViolation needs dotenv-linter's own schema file; `cfg check` validates against the settings
  // schema instead (unknown key, invalid value), outside the linter. The corpus has no case for it.
  SchemaViolation: [],
};

interface Difference {
  ours: number[];
  theirs: number[];
  reason: string;
}

/** Case id + check -> how we differ and why. Keys: `cli#<index>` or `unit:<test name>`, then the check. */
const DEFAULT_WITH_REFERENCE =
  "`${ABC-$BAR}` is valid in cfgkit: its expansion (dotenv-expand 12) reads `-` as the default operator and " +
  "expands `$BAR` in the default; dotenv-linter accepts no operator inside braces.";
const DELIBERATE_DIFFERENCES: Record<string, Difference> = {
  "cli#62 SubstitutionKey": { ours: [], theirs: [1], reason: DEFAULT_WITH_REFERENCE },
  "unit:incorrect_multiple_substitution_key_test SubstitutionKey": {
    ours: [1, 3],
    theirs: [1, 2, 3],
    reason: `line 2 is FOO=\${ABC-$BAR}: ${DEFAULT_WITH_REFERENCE}`,
  },
};

/** The overall agreement this linter reaches; raise it when a difference is resolved. */
const OVERALL_AGREEMENT = 153 / 155;

interface CliCase {
  check: string;
  input: string;
  expected_warnings: string[];
}
interface UnitCase {
  test: string;
  checker: string;
  lines: { line: string; expected_warning: string | null }[];
}

interface Outcome {
  id: string;
  check: string;
  agreed: boolean;
  disagreements: { key: string; ours: number[]; theirs: number[] }[];
}

function linesFor(text: string, check: string): number[] {
  const rules = CHECK_TO_RULES[check] ?? [];
  const lines = lintDotenv(text, ".env")
    .filter((finding) => rules.includes(finding.rule))
    .map((finding) => finding.line);
  return [...new Set(lines)].sort((a, b) => a - b);
}

function compare(id: string, check: string, text: string, expected: Map<string, number[]>, checks: string[]) {
  const disagreements: Outcome["disagreements"] = [];
  for (const name of checks) {
    const ours = linesFor(text, name);
    const theirs = [...new Set(expected.get(name) ?? [])].sort((a, b) => a - b);
    if (JSON.stringify(ours) !== JSON.stringify(theirs))
      disagreements.push({ key: `${id} ${name}`, ours, theirs });
  }
  return { id, check, agreed: disagreements.length === 0, disagreements };
}

function runCorpus(): Outcome[] {
  const outcomes: Outcome[] = [];
  const cli = readCorpusJson<{ cases: CliCase[] }>("dotenv-linter", "cli-check-cases.json");
  cli.cases.forEach((c, index) => {
    const expected = new Map<string, number[]>();
    for (const warning of c.expected_warnings) {
      const match = /^\.env:(\d+) (\w+):/.exec(warning);
      if (!match?.[1] || !match[2]) throw new Error(`unreadable expectation: ${warning}`);
      expected.set(match[2], [...(expected.get(match[2]) ?? []), Number(match[1])]);
    }
    outcomes.push(compare(`cli#${index}`, c.check, c.input, expected, Object.keys(CHECK_TO_RULES)));
  });
  const unit = readCorpusJson<Record<string, UnitCase[] | unknown>>(
    "dotenv-linter",
    "analyzer-unit-cases.json",
  );
  for (const group of Object.values(unit)) {
    if (!Array.isArray(group)) continue;
    for (const c of group as UnitCase[]) {
      const check = c.checker.replace(/Checker$/, "");
      // The checker sees the lines in sequence; a file of them ends with a newline, except where the
      // final newline is what is being tested.
      const text = c.lines.map((l) => l.line).join("\n") + (check === "EndingBlankLine" ? "" : "\n");
      const lines = c.lines.flatMap((l, i) => (l.expected_warning === null ? [] : [i + 1]));
      outcomes.push(compare(`unit:${c.test}`, check, text, new Map([[check, lines]]), [check]));
    }
  }
  return outcomes;
}

describe.skipIf(!corpusDir)("parity with dotenv-linter", () => {
  const outcomes = corpusDir ? runCorpus() : [];

  test("prints the agreement rate per check", () => {
    const checks = [...new Set(outcomes.map((o) => o.check))].sort();
    const rows = checks.map((check) => {
      const cases = outcomes.filter((o) => o.check === check);
      const agreed = cases.filter((o) => o.agreed).length;
      return { check, cases: cases.length, agreed, rate: `${((100 * agreed) / cases.length).toFixed(1)}%` };
    });
    const agreed = outcomes.filter((o) => o.agreed).length;
    console.log(
      [
        "dotenv-linter parity (cases agree when the reported lines match for every check compared)",
        ...rows.map(
          (r) =>
            `${r.check.padEnd(20)} ${String(r.cases).padStart(3)} ${String(r.agreed).padStart(3)}  ${r.rate}`,
        ),
        `${"overall".padEnd(20)} ${String(outcomes.length).padStart(3)} ${String(agreed).padStart(3)}  ${((100 * agreed) / outcomes.length).toFixed(1)}%`,
      ].join("\n"),
    );
    expect(outcomes).toHaveLength(155);
    expect(agreed / outcomes.length).toBeGreaterThanOrEqual(OVERALL_AGREEMENT);
  });

  test("every disagreement is a deliberate difference, and still differs in exactly that way", () => {
    const found = Object.fromEntries(
      outcomes.flatMap((o) => o.disagreements).map((d) => [d.key, { ours: d.ours, theirs: d.theirs }]),
    );
    const listed = Object.fromEntries(
      Object.entries(DELIBERATE_DIFFERENCES).map(([key, { ours, theirs }]) => [key, { ours, theirs }]),
    );
    expect(found).toEqual(listed);
    for (const difference of Object.values(DELIBERATE_DIFFERENCES)) expect(difference.reason).not.toBe("");
  });
});
