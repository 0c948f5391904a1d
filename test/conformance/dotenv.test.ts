/**
 * Parsing parity with dotenv: cfgkit reads a `.env` file exactly as `dotenv.parse()` does (DESIGN.md §3), and
 * points every key at the line that assigns it. The expectations are dotenv's own test assertions, transcribed
 * in the corpus (`dotenv/expected.json`, with the `.env*` fixtures beside it).
 *
 * Each fixture goes through cfgkit's public path: copied into a fresh directory as `.env`, read with a flat
 * definition that declares every key as an optional `z.string()` (which accepts "", so empty values stay
 * values), with no process environment and no config directory.
 */
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings, resolveSettings } from "../../src/index.js";
import {
  assignmentLines,
  corpusDir,
  lastAssignmentLine,
  readCorpusJson,
  readCorpusText,
  withTempProject,
} from "../_corpus.js";

interface DotenvExpectations {
  files: Record<string, { expected_subset: Record<string, string>; absent_keys?: string[] }>;
  inline_cases: { input: string; expected: Record<string, string>; note?: string }[];
  parity_only_inputs: { inputs: string[] };
  multi_file_precedence: {
    paths: string[];
    preexisting_process_env?: Record<string, string>;
    expected_subset?: Record<string, string>;
    expected_parsed_subset?: Record<string, string>;
    expected_process_env_subset?: Record<string, string>;
  }[];
}

/**
 * Where cfgkit reads a value differently from bare dotenv on purpose, by fixture and key: cfgkit expands
 * `$VAR` and `${VAR}` after parsing (dotenv-expand 12 semantics, DESIGN.md §3), dotenv alone does not.
 */
const DELIBERATE_DIFFERENCES: Record<string, Record<string, { cfgkit: string; reason: string }>> = {
  ".env": {
    DOUBLE_QUOTES_WITH_NO_SPACE_BRACKET: {
      cfgkit: "{ port: }",
      reason:
        "`$MONGOLAB_PORT` is expanded after parsing; it is set nowhere, so it expands to the empty string",
    },
  },
};

/** Inputs whose line numbers were once lost, kept as regression cases with what went wrong. */
const LINE_NUMBER_REGRESSIONS: Record<string, string> = {
  'A="\\\\"\nB=plain\nC="quoted"\nD=last\n':
    'scanKeyPositions reads the closing quote of `"\\\\"` as escaped and swallows lines up to the next quote: B and C get no line',
  "\n\uFEFFBASIC=basic\n": "a BOM that does not start the file hides the key from scanKeyPositions: no line",
  "FIRST=one\n\uFEFFSECOND=two\n":
    "a BOM that does not start the file hides the key from scanKeyPositions: no line",
};

const ENV_LINE = /^\.env:(\d+)$/;

/** Loads `text` as the only `.env` of a project whose flat definition declares `keys`. */
function loadDotenv(
  text: string | Uint8Array,
  keys: Iterable<string>,
  processEnv: Record<string, string> = {},
) {
  const server = Object.fromEntries([...keys].map((key) => [key, z.string().optional()]));
  const definition = defineSettings({ server, configDir: false });
  return withTempProject({ ".env": text }, (cwd) => {
    const resolved = resolveSettings(definition, { cwd, processEnv, env: "development" });
    if (!resolved.data) return { resolved, data: undefined, origins: new Map<string, string>() };
    const data = loadSettings(definition, { cwd, processEnv, env: "development", onError: "throw" });
    const origins = new Map(describeSettings(data).settings.map((s) => [s.envName, s.origin]));
    return { resolved, data: data as Record<string, string | undefined>, origins };
  });
}

/** Every key's origin is `.env:N`, N being the line where the key is last assigned in the text. */
function expectOriginLines(text: string, origins: Map<string, string>, keys: Iterable<string>): void {
  const normalised = text.replace(/^\uFEFF/, "");
  for (const key of keys) {
    const line = lastAssignmentLine(normalised, key);
    expect(line, `${key} is assigned somewhere in the text`).toBeDefined();
    expect(origins.get(key), `origin of ${key}`).toBe(`.env:${line}`);
  }
}

describe.skipIf(!corpusDir)("dotenv parity (corpus: dotenv/, dotenv's own test assertions)", () => {
  const expectations = corpusDir ? readCorpusJson<DotenvExpectations>("dotenv", "expected.json") : undefined;
  const fixtures = Object.entries(expectations?.files ?? {});

  it("the corpus lists the fixtures these tests read", () => {
    expect(fixtures.map(([file]) => file)).toEqual([".env", ".env.multiline", ".env.bom", ".env.local"]);
  });

  describe.each(fixtures)("fixture %s", (file, { expected_subset, absent_keys = [] }) => {
    const text = corpusDir ? readCorpusText("dotenv", file) : "";
    const fileKeys = Object.keys(parse(text));
    const loaded = loadDotenv(text, [...fileKeys, ...absent_keys]);
    const differences = DELIBERATE_DIFFERENCES[file] ?? {};

    it("loads without any issue but a warning for each value dotenv cuts at an unquoted #", () => {
      const cutAtHash = (issue: { severity: string; message: string }) =>
        issue.severity === "warning" && issue.message.includes('the value is cut at the "#"');
      expect(loaded.resolved.issues.filter((issue) => !cutAtHash(issue))).toEqual([]);
      // dotenv's own fixture documents the cut: `a#number sign` loses everything from the `#`.
      const cut = loaded.resolved.issues.filter(cutAtHash).map((issue) => issue.envName);
      expect(cut).toEqual(file === ".env" ? ["INLINE_COMMENTS_SPACE"] : []);
    });

    it.each(Object.entries(expected_subset))("%s reads as dotenv reads it", (key, value) => {
      const difference = differences[key];
      if (difference) {
        expect(loaded.data?.[key], difference.reason).toBe(difference.cfgkit);
        expect(difference.cfgkit).not.toBe(value);
      } else {
        expect(loaded.data?.[key]).toBe(value);
      }
    });

    if (absent_keys.length > 0) {
      it("commented-out keys stay unset", () => {
        for (const key of absent_keys) {
          expect(loaded.data?.[key]).toBeUndefined();
          expect(loaded.origins.get(key)).toBe("unset");
        }
      });
    }

    it("every key's origin is the line that assigns it", () => {
      expectOriginLines(text, loaded.origins, fileKeys);
    });

    it("every listed difference is about a key that dotenv's tests assert", () => {
      for (const key of Object.keys(differences)) expect(expected_subset).toHaveProperty(key);
    });
  });

  describe("inline inputs from dotenv's tests", () => {
    const cases = expectations?.inline_cases ?? [];

    it.each(cases)("$input", ({ input, expected }) => {
      const keys = Object.keys(expected);
      const { resolved, data, origins } = loadDotenv(input, keys);
      // A key assigned twice loads as dotenv reads it (the later line wins), with a warning naming both lines.
      expect(resolved.issues.filter((issue) => issue.kind !== "duplicate")).toEqual([]);
      for (const issue of resolved.issues) expect(issue.severity).toBe("warning");
      expect({ ...data }).toEqual(expected);
      expectOriginLines(input, origins, keys);
    });

    it("the only duplicate-key input loads the later line, with a warning naming both lines", () => {
      const input = "DUP=one\nDUP=two";
      expect(assignmentLines(input, "DUP")).toEqual([1, 2]);
      const { resolved, data } = loadDotenv(input, ["DUP"]);
      expect(data?.DUP).toBe("two");
      expect(resolved.issues).toEqual([
        expect.objectContaining({ kind: "duplicate", severity: "warning", line: 2, related: ".env:1" }),
      ]);
      expect(resolved.issues[0]?.message).toContain("lines 1 and 2");
    });
  });

  describe("inputs dotenv's tests only check for fast/classic parser agreement", () => {
    const inputs = expectations?.parity_only_inputs.inputs ?? [];

    it.each(inputs)("%j", (input) => {
      const expected = parse(input);
      const { resolved, data, origins } = loadDotenv(input, Object.keys(expected));
      expect(resolved.issues).toEqual([]);
      expect({ ...data }).toEqual(expected);
      expectOriginLines(input, origins, Object.keys(expected));
    });
  });

  describe("keys after an escaped quote or a stray byte-order mark keep their line", () => {
    it.each(Object.keys(LINE_NUMBER_REGRESSIONS))("%j", (input) => {
      const keys = Object.keys(parse(input));
      const { origins } = loadDotenv(input, keys);
      for (const key of keys) expect(origins.get(key), LINE_NUMBER_REGRESSIONS[input]).toMatch(ENV_LINE);
      expectOriginLines(input, origins, keys);
    });
  });

  describe("several files, as dotenv.config({ path: [...] }) reads them", () => {
    const scenarios = expectations?.multi_file_precedence ?? [];

    it.each(scenarios)("$paths with process env $preexisting_process_env", (scenario) => {
      // dotenv: the FIRST path wins; cfgkit: `.env.local` beats `.env` (dotenv-flow order). The same winner.
      expect(scenario.paths).toEqual([".env.local", ".env"]);
      const processEnv = scenario.preexisting_process_env ?? {};
      // What the files give (dotenv's result, or its `parsed` when the process environment wins)...
      const fromFiles = { ...scenario.expected_subset, ...scenario.expected_parsed_subset };
      // ...and what the program sees: without `override`, a variable already in the environment wins.
      const final = { ...fromFiles, ...scenario.expected_process_env_subset };
      const server = Object.fromEntries(Object.keys(final).map((key) => [key, z.string()]));
      const definition = defineSettings({ server, configDir: false });
      const files = {
        ".env": readCorpusText("dotenv", ".env"),
        ".env.local": readCorpusText("dotenv", ".env.local"),
      };
      const data = withTempProject(files, (cwd) =>
        loadSettings(definition, { cwd, processEnv, env: "development", onError: "throw" }),
      );
      expect({ ...data }).toEqual(final);
      // The files' value stays visible in provenance: the winner, or the first candidate it shadowed.
      for (const setting of describeSettings(data).settings) {
        const fileValue = fromFiles[setting.envName];
        const fromFile = setting.origin === "process.env" ? setting.shadowed[0] : setting;
        expect(fromFile?.value).toBe(JSON.stringify(fileValue));
        expect(fromFile?.origin).toMatch(/^\.env(\.local)?:\d+$/);
      }
    });
  });
});
