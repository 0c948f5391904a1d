/**
 * Nested-env semantics against pydantic-settings' own tests (corpus: pydantic-settings/, 55 cases transcribed
 * from its tests/test_settings.py). Each case is translated to cfgkit's naming rule (DESIGN.md §3):
 *
 * - env name = prefix + path segments in UPPER_SNAKE, joined by the delimiter (default `__`). pydantic matches
 *   names case-insensitively by default, so a case-insensitive pydantic name is written the way cfgkit spells
 *   it: upper-cased (prefix, process env names and `.env` keys alike). With `case_sensitive=True` names are
 *   kept verbatim, and cfgkit, which is case-sensitive, has to find them as written.
 * - pydantic without a nesting delimiter (None or "") only reads JSON; cfgkit always nests, with `__`.
 * - process env > `.env` > defaults, as in both projects.
 *
 * Every case either behaves as pydantic-settings does (the same data, or an error where pydantic errs) or is
 * listed in DELIBERATE_DIFFERENCES with the reason and the exact outcome cfgkit produces instead.
 */
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, type ResolvedSettings, resolveSettings } from "../../src/index.js";
import { parseDotenvText } from "../../src/sources/dotenv-file.js";
import { corpusDir, readCorpusJson, withTempProject } from "../_corpus.js";

type SchemaTree = { [field: string]: string | boolean | null | SchemaTree };

interface PydanticCase {
  test: string;
  config: Record<string, unknown>;
  schema: SchemaTree;
  env?: Record<string, string>;
  dotenv_file?: string;
  expected?: Record<string, unknown>;
  expected_error?: "ValidationError" | { type: string; loc: string[] }[];
}

/** What cfgkit does instead: its data, or the errors (kind and path or env name) it reports. */
type Outcome =
  | { data: Record<string, unknown>; unknown?: string[] }
  | { errors: { kind: string; path?: string; envName?: string }[] };

const DELIBERATE_DIFFERENCES: Record<string, { reason: string; cfgkit: Outcome }> = {
  test_nested_env_delimiter_aliases: {
    reason: "no AliasChoices: env names come from the path (SUB_MODEL__V1), FOO__V1 and BAR__V2 name nothing",
    cfgkit: {
      errors: [
        { kind: "missing", path: "sub_model.v1" },
        { kind: "missing", path: "sub_model.v2" },
      ],
    },
  },
  test_env_file_with_env_prefix_invalid: {
    reason:
      "keys outside the prefix are ambient and never judged; pydantic forbids extras in .env by default",
    cfgkit: { data: { a: "good string", b: "better string", c: "best string" }, unknown: [] },
  },
  test_env_file_config_case_sensitive: {
    reason: "cfgkit's names are always upper-case (A, B, C): `A=` sets a, lower-case `b`/`c` set nothing",
    cfgkit: {
      errors: [
        { kind: "missing", path: "b" },
        { kind: "missing", path: "c" },
      ],
    },
  },
  test_read_env_file_case_sensitive: {
    reason:
      "a .env file is read with its keys as written; cfgkit never lower-cases them (pydantic's default does)",
    cfgkit: { data: { a: "test", B: "123" } },
  },
  test_read_env_file_syntax_wrong: {
    reason: "a line that is not an assignment is skipped as dotenv skips it; python-dotenv reads it as None",
    cfgkit: { data: {} },
  },
  test_nested_model_case_insensitive: {
    reason: "keys inside a JSON value must be spelled as the schema spells them; pydantic ignores their case",
    cfgkit: {
      errors: [
        { kind: "missing", path: "nested.VAL1" },
        { kind: "missing", path: "nested.SUB_sub.Val2" },
        { kind: "missing", path: "nested.SUB_sub.SUB_sub_SuB.VaL3" },
        { kind: "missing", path: "nested.SUB_sub.SUB_sub_SuB.val4" },
      ],
    },
  },
  test_nested_models_as_dict_value: {
    reason: "the delimiter never reaches into a dict (z.record): SUB_DICT is given whole as JSON",
    cfgkit: { errors: [{ kind: "missing", path: "sub_dict" }] },
  },
  test_env_nested_dict_value: {
    reason: "the delimiter never reaches into a dict (z.record): NESTED is given whole as JSON",
    cfgkit: { errors: [{ kind: "missing", path: "nested" }] },
  },
  test_env_nested_dict_simple_value_types: {
    reason: "the delimiter never reaches into a dict (z.record): NESTED_FIELD is given whole as JSON",
    cfgkit: { errors: [{ kind: "missing", path: "nested_field" }] },
  },
  test_env_nested_dict_multiple_simple_keys: {
    reason: "the delimiter never reaches into a dict (z.record): NESTED_FIELD is given whole as JSON",
    cfgkit: { errors: [{ kind: "missing", path: "nested_field" }] },
  },
  test_env_nested_dict_complex_value_type: {
    reason: "the delimiter never reaches into a dict (z.record): NESTED_FIELD is given whole as JSON",
    cfgkit: { errors: [{ kind: "missing", path: "nested_field" }] },
  },
  test_case_insensitive_nested_optional: {
    reason: "camelCase is split on case changes: field `BaR` reads NESTED__BA_R, not NESTED__BAR",
    cfgkit: { errors: [{ kind: "missing", path: "nested.BaR" }] },
  },
  test_case_insensitive_nested_alias: {
    reason: "no aliases, and camelCase is split: `nEstEd` reads N_EST_ED__FOO and N_EST_ED__BA_R",
    cfgkit: {
      errors: [
        { kind: "missing", path: "nEstEd.FOO" },
        { kind: "missing", path: "nEstEd.BaR" },
      ],
    },
  },
  test_dotenv_extra_allow_complex_field_nested_delimiter_boundary: {
    reason: "no extra='allow' (unknown keys are warnings, never data) and no delimiter into a dict",
    cfgkit: { data: { db: {} }, unknown: ["DB__HOST", "DB_HOST", "DBX_TOKEN"] },
  },
  test_dotenv_extra_forbid_similar_complex_fields: {
    reason: "an unknown key in a .env file is a warning at runtime (an error only in `cfg check`)",
    cfgkit: { data: { db: {} }, unknown: ["DBX_TOKEN"] },
  },
  "test_dotenv_match_prefix[TEST_,case_sensitive]": {
    reason: "cfgkit's names are always upper-case: `a` under TEST_ is TEST_A, so `TEST_a` is unknown",
    cfgkit: { data: { a: "default" }, unknown: ["TEST_a"] },
  },
  "test_dotenv_match_prefix[TEST_,case_insensitive]": {
    reason: "no extra='allow': TEST_B is reported as unknown, never added to the data",
    cfgkit: { data: { a: "bar" }, unknown: ["TEST_B"] },
  },
  "test_dotenv_match_prefix[,case_sensitive]": {
    reason: "cfgkit's names are always upper-case (`A=foo` sets a) and there is no extra='allow'",
    cfgkit: { data: { a: "foo" }, unknown: ["b", "TEST_a", "test_b"] },
  },
  "test_dotenv_match_prefix[,case_insensitive]": {
    reason: "no extra='allow': B, TEST_A and TEST_B are reported as unknown, never added to the data",
    cfgkit: { data: { a: "foo" }, unknown: ["B", "TEST_A", "TEST_B"] },
  },
  "test_dotenv_match_prefix_nested_delimiter[match_prefix]": {
    reason: "dotenv keys are [\\w.-]+, so a `@` delimiter cannot be written in a .env file; and no extras",
    cfgkit: { data: { a: { x: "x_default", b: "b_default" } }, unknown: ["PREFIX_B"] },
  },
  "test_dotenv_match_prefix_nested_delimiter[None]": {
    reason: "dotenv keys are [\\w.-]+, so a `@` delimiter cannot be written in a .env file; and no extras",
    cfgkit: { data: { a: { x: "x_default", b: "b_default" } }, unknown: ["PREFIX_B"] },
  },
};

/** Cases that cannot be translated at all; none so far. */
const UNSUPPORTED: Record<string, string> = {};

// ---------------------------------------------------------------------------------------------------------
// Translating a case: the simplified schema tree into Zod, pydantic's options into a cfgkit definition.

/** Python models the corpus names by type, and where their fields are spelled out in the same case. */
const NAMED_MODELS: Record<string, string[]> = { SubValue: ["top", "sub"], Person: ["caregiver"] };

/** `str`, `int`, `list[int] | None = None`, `dict[str, {foo: dict[str,int]}]`, `Literal['M','F']`... */
function annotationToZod(annotation: string, root: SchemaTree): z.ZodType {
  const [typeText = "", defaultText] = splitDefault(annotation.replace(/\s*\(validation_alias=.*\)$/, ""));
  let schema = parseType(new Tokens(typeText), root);
  if (defaultText !== undefined) schema = schema.default(pythonLiteral(defaultText) as never);
  return schema;
}

function splitDefault(annotation: string): [string, string?] {
  const at = annotation.indexOf(" = ");
  return at === -1 ? [annotation.trim()] : [annotation.slice(0, at).trim(), annotation.slice(at + 3).trim()];
}

function pythonLiteral(text: string): unknown {
  if (text === "None") return null;
  if (/^'.*'$/.test(text)) return text.slice(1, -1);
  return JSON.parse(text);
}

class Tokens {
  private readonly list: string[];
  constructor(text: string) {
    this.list = text.match(/'[^']*'|[A-Za-z_][\w.]*|[[\]{},:|]/g) ?? [];
  }
  peek(): string | undefined {
    return this.list[0];
  }
  next(): string {
    const token = this.list.shift();
    if (token === undefined) throw new Error("unexpected end of annotation");
    return token;
  }
  expect(token: string): void {
    const found = this.next();
    if (found !== token) throw new Error(`expected ${token}, found ${found}`);
  }
}

function parseType(tokens: Tokens, root: SchemaTree): z.ZodType {
  const members: (z.ZodType | "None")[] = [parseTerm(tokens, root)];
  while (tokens.peek() === "|") {
    tokens.next();
    members.push(parseTerm(tokens, root));
  }
  const types = members.filter((m): m is z.ZodType => m !== "None");
  const base = types.length === 1 ? (types[0] as z.ZodType) : z.union(types as [z.ZodType, z.ZodType]);
  return members.includes("None") ? base.nullable() : base;
}

function parseTerm(tokens: Tokens, root: SchemaTree): z.ZodType | "None" {
  const token = tokens.next();
  if (token === "{") {
    const shape: Record<string, z.ZodType> = {};
    while (tokens.peek() !== "}") {
      const key = tokens.next();
      tokens.expect(":");
      shape[key] = parseType(tokens, root) as z.ZodType;
      if (tokens.peek() === ",") tokens.next();
    }
    tokens.expect("}");
    return z.object(shape);
  }
  const args: (z.ZodType | string)[] = [];
  if (tokens.peek() === "[") {
    tokens.next();
    while (tokens.peek() !== "]") {
      const peeked = tokens.peek() ?? "";
      args.push(peeked.startsWith("'") ? tokens.next().slice(1, -1) : parseType(tokens, root));
      if (tokens.peek() === ",") tokens.next();
    }
    tokens.expect("]");
  }
  const [first, second] = args;
  switch (token) {
    case "None":
      return "None";
    case "str":
      return z.string();
    case "int":
      return z.number().int();
    case "date":
      return z.iso.date();
    case "list":
      return z.array((first as z.ZodType | undefined) ?? z.unknown());
    case "dict":
      return z.record(z.string(), (second as z.ZodType | undefined) ?? z.unknown());
    case "Literal":
      return z.enum(args as [string, ...string[]]);
  }
  const modelPath = NAMED_MODELS[token];
  if (!modelPath) throw new Error(`no translation for the annotation ${token}`);
  let model: SchemaTree | string | boolean | null | undefined = root;
  for (const key of modelPath) model = (model as SchemaTree)[key];
  return treeToZod(model as SchemaTree, root);
}

/** A field key may carry an alias, `nEstEd (alias NesTed)`: cfgkit has none, so the field name is kept. */
function fieldName(key: string): string {
  return key.replace(/\s*\(alias .*\)$/, "");
}

function treeToZod(tree: SchemaTree, root: SchemaTree): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, node] of Object.entries(tree)) {
    if (key.startsWith("_")) continue; // _optional, _default, _validation_alias: options of the model
    shape[fieldName(key)] =
      typeof node === "string" ? annotationToZod(node, root) : subModel(node as SchemaTree, root);
  }
  return z.object(shape);
}

function subModel(tree: SchemaTree, root: SchemaTree): z.ZodType {
  const object = treeToZod(tree, root);
  if ("_default" in tree) return object.nullable().default(tree._default as null);
  return tree._optional ? object.optional() : object;
}

interface Translated {
  prefix: string;
  delimiter: string;
  processEnv: Record<string, string>;
  dotenv?: string;
}

function translateCase(c: PydanticCase): Translated {
  const option = (name: string) => c.config[name] ?? c.config[`_${name}(init arg)`];
  const caseSensitive = option("case_sensitive") === true;
  const spell = (name: string) => (caseSensitive ? name : name.toUpperCase());
  const prefix = String(option("env_prefix") ?? "").replace(/\s*\(.*\)$/, "");
  const delimiter = option("env_nested_delimiter");
  return {
    prefix: spell(prefix),
    delimiter: typeof delimiter === "string" && delimiter !== "" ? delimiter : "__",
    processEnv: Object.fromEntries(Object.entries(c.env ?? {}).map(([name, value]) => [spell(name), value])),
    ...(c.dotenv_file === undefined
      ? {}
      : {
          dotenv: c.dotenv_file.replace(
            /^(\s*(?:export\s+)?)([^\s=#]+)(?=\s*=)/gm,
            (_, lead, key) => lead + spell(key),
          ),
        }),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Running a case and comparing outcomes.

/** pydantic's `read_env_file` cases read a .env file without any settings model: cfgkit's parser alone. */
const isRawDotenvRead = (c: PydanticCase) => c.config["raw dotenv read"] === true;

function runCase(c: PydanticCase): Outcome {
  if (isRawDotenvRead(c)) {
    // No model, so nothing to spell: the file is read as written.
    const parsed = parseDotenvText(c.dotenv_file ?? "", ".env");
    return { data: Object.fromEntries([...parsed.entries].map(([key, entry]) => [key, entry.value])) };
  }
  const t = translateCase(c);
  const definition = defineSettings({
    schema: treeToZod(c.schema, c.schema),
    prefix: t.prefix,
    delimiter: t.delimiter,
    configDir: false,
  });
  const files: Record<string, string> = t.dotenv === undefined ? {} : { ".env": t.dotenv };
  const resolved = withTempProject(files, (cwd) =>
    resolveSettings(definition, { cwd, processEnv: t.processEnv, env: "development" }),
  );
  return outcomeOf(resolved);
}

function outcomeOf(resolved: ResolvedSettings): Outcome {
  if (resolved.data) {
    const unknown = resolved.issues.filter((i) => i.kind === "unknown").map((i) => i.envName ?? "");
    return { data: resolved.data, unknown };
  }
  const errors = resolved.issues
    .filter((issue) => issue.severity === "error")
    .map(({ kind, path, envName }) => (path ? { kind, path } : { kind, ...(envName ? { envName } : {}) }));
  return { errors };
}

/** The same data, or an error where pydantic errs (a `missing` error must name the same field or one inside it). */
function matchesPydantic(c: PydanticCase, outcome: Outcome): boolean {
  if (c.expected_error) {
    if (!("errors" in outcome)) return false;
    if (c.expected_error === "ValidationError") return true;
    return c.expected_error.every(
      (error) =>
        error.type === "missing" &&
        "errors" in outcome &&
        outcome.errors.some(
          (e) =>
            e.path !== undefined &&
            (e.path === error.loc.join(".") || e.path.startsWith(`${error.loc.join(".")}.`)),
        ),
    );
  }
  return "data" in outcome && isDeepEqual(outcome.data, c.expected);
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!corpusDir)(
  "pydantic-settings nested-env cases (corpus: pydantic-settings/, 55 cases)",
  () => {
    const cases = corpusDir
      ? readCorpusJson<{ cases: PydanticCase[] }>(
          "pydantic-settings",
          "nested-delimiter-prefix-case-cases.json",
        ).cases
      : [];
    const tally = { passed: 0, different: 0, unsupported: 0 };

    afterAll(() => {
      console.log(
        `pydantic-settings: ${tally.passed} passed, ${tally.different} deliberate differences, ${tally.unsupported} skipped-unsupported`,
      );
    });

    it("the corpus holds the 55 cases, and every listed difference names one of them", () => {
      expect(cases).toHaveLength(55);
      const names = new Set(cases.map((c) => c.test));
      expect(names.size).toBe(cases.length);
      for (const name of [...Object.keys(DELIBERATE_DIFFERENCES), ...Object.keys(UNSUPPORTED)]) {
        expect(names, name).toContain(name);
      }
    });

    it.each(cases.map((c) => [c.test, c] as const))("%s", (name, c) => {
      if (UNSUPPORTED[name]) {
        tally.unsupported++;
        return;
      }
      const outcome = runCase(c);
      const difference = DELIBERATE_DIFFERENCES[name];
      if (!difference) {
        expect(matchesPydantic(c, outcome), JSON.stringify(outcome)).toBe(true);
        tally.passed++;
        return;
      }
      // A listed difference must still be one, and cfgkit must do exactly what the table says instead.
      expect(matchesPydantic(c, outcome), `${name} now matches pydantic: remove it from the table`).toBe(
        false,
      );
      if ("errors" in difference.cfgkit) {
        expect(outcome, difference.reason).toEqual({
          errors: expect.arrayContaining(difference.cfgkit.errors),
        });
        expect(outcome).toEqual({ errors: expect.any(Array) });
        expect("errors" in outcome && outcome.errors).toHaveLength(difference.cfgkit.errors.length);
      } else {
        const { data, unknown } = difference.cfgkit;
        expect(outcome, difference.reason).toMatchObject({ data });
        expect("data" in outcome && outcome.data).toEqual(data);
        if (unknown)
          expect("data" in outcome && [...(outcome.unknown ?? [])].sort()).toEqual([...unknown].sort());
      }
      tally.different++;
    });
  },
);
