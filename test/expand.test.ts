// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is the subject under test
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runInThisContext } from "node:vm";
import dotenv from "dotenv";
import { expand } from "dotenv-expand";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExpansionLimitError, expandEnv } from "../src/expand.js";

type Env = Record<string, string | undefined>;

/** The oracle: dotenv-expand 12 itself, given copies so that it mutates nothing of ours. */
function reference(parsed: Record<string, string>, processEnv: Env): Record<string, string> {
  return expand({ parsed: { ...parsed }, processEnv: { ...processEnv } as Record<string, string> })
    .parsed as Record<string, string>;
}

class GaveUp extends Error {}

/**
 * dotenv-expand 12's own source, instrumented to give up early, so that the property test can skip inputs
 * on which the real one would loop forever (or for long) instead of hanging.
 */
const boundedReference = (() => {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve("dotenv-expand"), "utf8");
  const loop = "while ((match = regex.exec(result)) !== null) {";
  if (!source.includes(loop)) throw new Error("dotenv-expand changed: cannot instrument its expansion loop");
  const bounded = source.replace(
    loop,
    `let steps = 0, scanned = 0; ${loop}
    scanned += result.length;
    if (++steps > 500 || scanned > 50000) throw new GaveUp();`,
  );
  const module = { exports: {} as { expand: typeof expand } };
  runInThisContext(`(function (module, exports, GaveUp) {${bounded}\n})`)(module, module.exports, GaveUp);
  return module.exports.expand;
})();

describe("expandEnv", () => {
  it("expands braced, unbraced and defaulted references to earlier keys", () => {
    const parsed = {
      PORT: "8090",
      HOST: "http://localhost:${PORT}",
      URL: "$HOST/x",
      DB: "${DB_URL:-sqlite}",
    };
    expect(expandEnv(parsed, {})).toEqual({
      PORT: "8090",
      HOST: "http://localhost:8090",
      URL: "http://localhost:8090/x",
      DB: "sqlite",
    });
  });

  it("lets the process environment win for the key itself and for references", () => {
    expect(expandEnv({ PORT: "1", URL: ":$PORT" }, { PORT: "2" })).toEqual({ PORT: "2", URL: ":2" });
  });

  it("resolves a reference to a later key to the empty string", () => {
    expect(expandEnv({ A: "[$B]", B: "b" }, {})).toEqual({ A: "[]", B: "b" });
  });

  it("never mutates its inputs, not even the live process.env", () => {
    const parsed = Object.freeze({ CFGKIT_EXPAND_PROBE: "${HOME}x" });
    const env = Object.freeze({ HOME: "/h" });
    expect(expandEnv(parsed, env)).toEqual({ CFGKIT_EXPAND_PROBE: "/hx" });
    expandEnv(parsed, process.env);
    expect(process.env.CFGKIT_EXPAND_PROBE).toBeUndefined();
  });

  it("never executes $(command) or backticks", () => {
    const marker = path.join(tmpdir(), `cfgkit-expand-${process.pid}-${Date.now()}`);
    const parsed = {
      CMD: `$(touch ${marker})`,
      TICKS: `\`touch ${marker}\``,
      NESTED: `\${X:-$(touch ${marker})}`,
    };
    const out = expandEnv(parsed, {});
    expect(existsSync(marker)).toBe(false);
    expect(out).toEqual(reference(parsed, {}));
    expect(out.CMD).toBe(`$(touch ${marker})`);
  });

  // Quirks of dotenv-expand 12 that users' files may already depend on.
  it.each([
    ["substituted text is expanded again", { B: "${A}/x" }, { A: "pa$word", word: "W" }, "paW/x"],
    [
      "...unless it is exactly a file key's value",
      { A: "", B: "${A}" },
      { A: "pa$word", word: "W" },
      "pa$word",
    ],
    ["$$ in a substituted value collapses", { B: "${A}x" }, { A: "pa$$1" }, "pa$1x"],
    ["$& in a substituted value is the reference", { A: "x$&y", B: "<$A>" }, {}, "<x>"],
    ["the first occurrence is replaced, even escaped", { A: "v", B: "\\${A}${A}" }, {}, "\\vv"],
    ["no operator splits on 'null'", { B: "${nullable}" }, {}, "able"],
    ["'-' acts like ':-'", { V: "", B: "${V-d}" }, {}, "d"],
    ["'+' acts like ':+'", { V: "", B: "${V+alt}" }, {}, ""],
    ["a self-reference is empty", { B: "$B" }, {}, ""],
    ["a value equal to an earlier step is not substituted", { B: "$A" }, { A: "$A" }, ""],
    ["\\$ is unescaped after expansion", { B: "\\$B\\${B}" }, {}, "$B${B}"],
  ])("%s", (_, parsed: Record<string, string>, env: Env, expected) => {
    expect(expandEnv(parsed, env).B).toBe(expected);
    expect(reference(parsed, env).B).toBe(expected);
  });

  it("iterates keys in for...in order (integer-like keys first), as dotenv-expand does", () => {
    const parsed = { B: "${1}", "1": "one" };
    expect(expandEnv(parsed, {})).toEqual(reference(parsed, {}));
    expect(expandEnv(parsed, {}).B).toBe("one");
  });

  it("treats names inherited from Object.prototype as ordinary names (dotenv-expand 12 calls them)", () => {
    expect(expandEnv({ A: "[${constructor}]", B: "[$toString]" }, {})).toEqual({ A: "[]", B: "[]" });
    expect(expandEnv({ constructor: "c", A: "$constructor" }, {})).toEqual({ constructor: "c", A: "c" });
  });

  // dotenv-expand 12 hangs or runs out of memory on these; we stop with an error naming the key.
  it.each([
    ["without growing", { A: "\\$A", B: "x$A" }],
    ["while growing", { A: "\\$A\\$A", B: "x$A" }],
  ])("throws ExpansionLimitError on an expansion that never ends (%s)", (_, parsed) => {
    expect(() => expandEnv(parsed, {})).toThrow(ExpansionLimitError);
    expect(() => expandEnv(parsed, {})).toThrow(/Expansion of B does not terminate/);
  });

  it("equals dotenv-expand 12 on random small inputs", () => {
    const names = ["A", "B", "AB", "A_1", "1", "null"];
    // Whole references as units too, and many short values: the quirks need exact coincidences like a
    // value equal to a reference ("$A") or to an earlier intermediate result.
    const unit = fc.oneof(
      fc.constantFrom("$", "{", "}", ":", "-", "+", "\\", "x", "&", "'", "`", "(", ")", ...names),
      fc.constantFrom("$A", "$B", "${A}", "${B", "${AB:-", ":+", "\\$", "$$", "$&", "$'"),
    );
    const text = fc.oneof(fc.string({ unit, maxLength: 3 }), fc.string({ unit, maxLength: 12 }));
    const env = fc.dictionary(fc.constantFrom(...names), fc.option(text, { nil: undefined }), { maxKeys: 3 });
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), text, { maxKeys: 6 }),
        env,
        (parsed, processEnv) => {
          let theirs: unknown;
          try {
            theirs = boundedReference({
              parsed: { ...parsed },
              processEnv: { ...processEnv } as Record<string, string>,
            }).parsed;
          } catch (error) {
            if (!(error instanceof GaveUp)) throw error;
            fc.pre(false); // dotenv-expand would not finish soon: nothing to compare (see ExpansionLimitError tests)
          }
          const ours = expandEnv(Object.freeze({ ...parsed }), Object.freeze({ ...processEnv }));
          expect(ours).toStrictEqual(theirs);
          expect(Object.keys(ours)).toEqual(Object.keys(theirs as object)); // toStrictEqual ignores key order
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

const repoRoot = path.resolve(fileURLToPath(import.meta.url), "../..");
const corpusDir = path.join(
  process.env.CFGKIT_CORPUS_DIR ?? path.resolve(repoRoot, "../shared/corpus"),
  "dotenv-expand",
);
const hasCorpus = existsSync(path.join(corpusDir, "expected.json"));

interface CorpusCase {
  machine_env: Record<string, string>;
  expected_subset: Record<string, string>;
  parsed?: Record<string, string>;
  file?: string;
  mode?: string;
  note?: string;
}

// The corpus was transcribed from a later dotenv-expand (v1000); version 12, which we follow, differs here.
const V12_DIFFERS: Record<string, string> = {
  DEFAULT_WHEN_UNSET: "v12 treats `-` like `:-` (an empty value takes the default)",
  ALTERNATE_WHEN_SET: "v12 treats `+` like `:+` (an empty value takes no alternate)",
  EVALUATED: "v12 does not execute $(command), and neither do we",
};

describe.skipIf(!hasCorpus)(
  `dotenv-expand corpus (${hasCorpus ? corpusDir : `skipped: no corpus at ${corpusDir}; set CFGKIT_CORPUS_DIR`})`,
  () => {
    const corpus = hasCorpus
      ? (JSON.parse(readFileSync(path.join(corpusDir, "expected.json"), "utf8")) as {
          file_scenarios: CorpusCase[];
          inline_cases: CorpusCase[];
        })
      : { file_scenarios: [], inline_cases: [] };
    const cases = [
      ...corpus.file_scenarios.map((c, i) => ({ ...c, label: `file scenario ${i}` })),
      ...corpus.inline_cases.map((c, i) => ({ ...c, label: `inline case ${i}` })),
    ];

    it("has file scenarios and inline cases", () => {
      expect(corpus.file_scenarios.length).toBeGreaterThan(0);
      expect(corpus.inline_cases.length).toBeGreaterThan(0);
    });

    it.each(cases)("$label $note", (c) => {
      const parsed = c.file ? dotenv.parse(readFileSync(path.join(corpusDir, c.file))) : (c.parsed ?? {});
      if (c.mode) {
        // Implementation-specific: dotenv.config() had already copied the file into process.env, which does
        // not override variables set before it. Here the installed dotenv-expand 12 decides.
        const processEnv = { ...parsed, ...c.machine_env };
        expect(expandEnv(parsed, processEnv)).toStrictEqual(reference(parsed, processEnv));
        expect(expandEnv(parsed, c.machine_env)).toStrictEqual(reference(parsed, c.machine_env));
        return;
      }
      const ours = expandEnv(parsed, c.machine_env);
      expect(ours).toStrictEqual(reference(parsed, c.machine_env));
      for (const [key, expected] of Object.entries(c.expected_subset)) {
        if (key in V12_DIFFERS) expect(ours[key], V12_DIFFERS[key]).not.toBe(expected);
        else expect(ours[key], key).toBe(expected);
      }
    });
  },
);
