/**
 * Large real `.env` files (corpus: env-examples/, from cal.com, supabase, dify, twenty and Sentry self-hosted)
 * load without a crash, and every key points at the line that assigns it.
 *
 * Each file is copied into a fresh directory as `.env` and read with a flat definition that declares every key
 * dotenv finds in it as an optional `z.string()`, with no process environment and no config directory.
 */
import { readdirSync } from "node:fs";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, formatOrigin, resolveSettings } from "../../src/index.js";
import {
  assignmentLines,
  corpusDir,
  corpusPath,
  lastAssignmentLine,
  readCorpusText,
  withTempProject,
} from "../_corpus.js";

/** Source errors a file is expected to report, by file, with the reason; none so far. */
const EXPECTED_SOURCE_ERRORS: Record<string, { message: string; reason: string }[]> = {};

function envExampleFiles(): string[] {
  if (!corpusDir) return [];
  return readdirSync(corpusPath("env-examples"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((project) =>
      readdirSync(corpusPath("env-examples", project.name))
        .filter((name) => name.startsWith(".env"))
        .map((name) => `${project.name}/${name}`),
    )
    .sort();
}

describe.skipIf(!corpusDir)("real .env files (corpus: env-examples/)", () => {
  const files = envExampleFiles();

  it("the corpus holds the five projects' files", () => {
    expect(files).toEqual([
      "calcom_cal.com/.env.example",
      "getsentry_self-hosted/.env",
      "langgenius_dify/.env.example",
      "supabase_supabase/.env.example",
      "twentyhq_twenty/.env.example",
    ]);
  });

  describe.each(files)("%s", (file) => {
    const text = corpusDir ? readCorpusText("env-examples", file) : "";
    const parsed = parse(text);
    const keys = Object.keys(parsed);
    const server = Object.fromEntries(keys.map((key) => [key, z.string().optional()]));
    const definition = defineSettings({ server, configDir: false });
    const resolved = withTempProject({ ".env": text }, (cwd) =>
      resolveSettings(definition, { cwd, processEnv: {}, env: "development" }),
    );
    const winners = new Map(resolved.resolution.leaves.map((r) => [r.leaf.envName, r.winner]));

    it(`resolves all ${keys.length} keys`, () => {
      expect(keys.length).toBeGreaterThan(5);
      expect(resolved.data).toBeDefined();
      expect(Object.keys(resolved.data ?? {}).sort()).toEqual([...keys].sort());
    });

    it("reports no source error", () => {
      const errors = resolved.issues.filter((issue) => issue.severity === "error");
      const expected = EXPECTED_SOURCE_ERRORS[file] ?? [];
      expect(errors.map((issue) => issue.message)).toEqual(expected.map((error) => error.message));
    });

    it("every key's origin is the line where it is last assigned", () => {
      const wrong = keys
        .map((key) => ({ key, origin: formatOrigin(winners.get(key)?.origin ?? { kind: "default" }) }))
        .filter(({ key, origin }) => origin !== `.env:${lastAssignmentLine(text, key)}`);
      expect(wrong).toEqual([]);
    });

    it("values without `$` are dotenv's, unchanged", () => {
      for (const key of keys.filter((k) => !parsed[k]?.includes("$"))) {
        expect(winners.get(key)?.value, key).toBe(parsed[key]);
      }
    });

    it("a duplicate key is reported with both of its lines, and only then", () => {
      const duplicates = keys.filter((key) => assignmentLines(text, key).length > 1);
      const reported = resolved.issues.filter((issue) => issue.kind === "duplicate");
      expect(reported.map((issue) => issue.envName).sort()).toEqual(
        duplicates
          .flatMap((key) =>
            assignmentLines(text, key)
              .slice(1)
              .map(() => key),
          )
          .sort(),
      );
      for (const issue of reported) {
        const lines = assignmentLines(text, issue.envName ?? "");
        expect(lines).toContain(issue.line);
        expect(lines.map((line) => `.env:${line}`)).toContain(issue.related);
      }
    });

    it("reports nothing else: every key is declared (a value cut at an unquoted # is a warning)", () => {
      const others = resolved.issues.filter(
        (issue) => issue.kind !== "duplicate" && !issue.message.includes('the value is cut at the "#"'),
      );
      expect(others).toEqual([]);
    });
  });
});
