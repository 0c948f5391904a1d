/** What each finding's rule means, for formats that describe their rules (SARIF's `rules`, help texts). */
import { RULES } from "../lint/rules.js";

export interface RuleDescription {
  id: string;
  /** One sentence. */
  summary: string;
  /** What to do about it. */
  help: string;
}

const EXPLAIN = "Run `cfg explain KEY --env ENV` to see every candidate value and where it came from.";

const CHECK_RULES: Record<string, Omit<RuleDescription, "id">> = {
  missing: {
    summary: "A required setting is not set in this environment.",
    help: `Set the variable in the environment's .env file or config file, or give the schema a default. ${EXPLAIN}`,
  },
  empty: {
    summary: "A required setting is set to an empty value.",
    help: `Give the variable a value, or let the schema accept an empty string. ${EXPLAIN}`,
  },
  invalid: {
    summary: "A setting's value does not match the schema.",
    help: `Fix the value on the line named, or widen the schema if the value is right. ${EXPLAIN}`,
  },
  "unknown-key": {
    summary: "A variable under the definition's prefix maps to no setting of the schema.",
    help: "A typo is the usual cause: rename it to the suggested key, add it to the schema, or remove it.",
  },
  "unreadable-source": {
    summary: "A source file could not be read or parsed.",
    help: "Fix the syntax error at the line and column named, or make the file readable. The check cannot pass while a source is unread.",
  },
  "undefined-reference": {
    summary: "A ${VAR} reference names a variable that nothing in the environment defines.",
    help: "It expands to an empty string. Define the variable, give the reference a fallback (${VAR:-default}), or remove it.",
  },
  drift: {
    summary: "A setting differs between operands that should agree.",
    help: "Make the values equal, mark the key `expected` in cfg.config's drift policies, or accept today's difference with `cfg diff A B --accept`.",
  },
  "forbidden-drift": {
    summary: "A setting whose drift policy is `forbidden` differs.",
    help: "Make the values equal: a forbidden difference cannot be accepted.",
  },
};

const LINT_HELP =
  "The .env linter's rule; stylistic rules are warnings (failing only with --strict), the rest errors.";

/** The description of a rule; an id that no table knows still gets one, so no output is left without. */
export function describeRule(id: string): RuleDescription {
  const check = CHECK_RULES[id];
  if (check) return { id, ...check };
  const lint = RULES.find((rule) => rule.id === id);
  if (lint) return { id, summary: lint.description, help: `${lint.description} ${LINT_HELP}` };
  return { id, summary: `cfgkit rule ${id}.`, help: EXPLAIN };
}
