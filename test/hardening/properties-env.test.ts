// `cfg print --format env` round-trips (issue 8, item 11): random values with quotes, `${...}`, `$NAME`, CR,
// newlines, `#`, backslashes and spaces, printed by cfg, read back as a `.env` file by cfgkit's own reader and
// by dotenv with dotenv-expand 12 (whose expansion cfgkit follows), come back unchanged; a value that no
// dotenv quoting can carry is refused with exit 2, naming the key, and nothing is printed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "dotenv";
import { expand } from "dotenv-expand";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings } from "../../src/index.js";
import { cfg } from "../cli/_cli.js";

const KEYS = Array.from({ length: 8 }, (_, i) => `v${i}`);
const schema = z.object(Object.fromEntries(KEYS.map((key) => [key, z.string().optional()])));
const readBack = defineSettings({ prefix: "APP_", configDir: false, schema });

const scratch = resolve(import.meta.dirname, "../../.scratch");
let printer = "";
let reader = "";
beforeAll(() => {
  mkdirSync(scratch, { recursive: true });
  printer = mkdtempSync(join(scratch, "hardening-env-print-"));
  reader = mkdtempSync(join(scratch, "hardening-env-read-"));
  const fields = KEYS.map((key) => `${key}: z.string().optional()`).join(", ");
  writeFileSync(
    join(printer, "settings.js"),
    `import { defineSettings } from "cfgkit";\nimport { z } from "zod";\nexport const settings = defineSettings({ prefix: "APP_", configDir: false, schema: z.object({ ${fields} }) });\n`,
  );
  writeFileSync(
    join(printer, "cfg.config.js"),
    `import { defineConfig } from "cfgkit";\nimport { settings } from "./settings.js";\nexport default defineConfig({ settings, environments: ["staging"] });\n`,
  );
  writeFileSync(join(printer, ".env.staging"), "");
});
afterAll(() => {
  for (const dir of [printer, reader]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "Z", "0", " ", "\t", "é", "=", ":", "/", "@", "n", "r") },
  { weight: 4, arbitrary: fc.constantFrom('"', "'", "`", "$", "{", "}", "#", "\\", "\n", "\r", "\r\n") },
  { weight: 2, arbitrary: fc.constantFrom("${HOME}", "$HOME", "${APP_V1}", "${X:-d}", "\\$", "\\n", " #c") },
);
const valueArb = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(""));
const valuesArb = fc.array(fc.option(valueArb, { nil: undefined }), {
  minLength: KEYS.length,
  maxLength: KEYS.length,
});

/**
 * Quoting cannot carry all three quote characters, nor a carriage return with a double quote, nor a final
 * backslash (it would escape the closing quote).
 */
function unrepresentable(value: string): boolean {
  if (/^[\w@%+=:,./<>-]*$/.test(value)) return false;
  if (value.endsWith("\\")) return true;
  const noSingle = value.includes("'") || value.includes("\r");
  const noBacktick = value.includes("`") || value.includes("\r");
  const noDouble = value.includes('"') || /\\[nr]/.test(value);
  return !/^[\w@%+=:,./<>-]*$/.test(value) && noSingle && noBacktick && noDouble;
}

describe("cfg print --format env, read back", () => {
  it("gives every value back through cfgkit's reader and through dotenv + dotenv-expand, or refuses", async () => {
    let refused = 0;
    let printed = 0;
    await fc.assert(
      fc.asyncProperty(valuesArb, async (values) => {
        const env: Record<string, string> = { HOME: "/home/someone" };
        values.forEach((value, i) => {
          if (value !== undefined) env[`APP_V${i}`] = value;
        });
        const result = await cfg(["--process-env", "print", "--env", "staging", "--format", "env"], {
          cwd: printer,
          env,
        });
        const expected = Object.fromEntries(
          values.flatMap((value, i) => (value === undefined ? [] : [[`v${i}`, value]])),
        );
        if (values.some((value) => value !== undefined && unrepresentable(value))) {
          refused++;
          expect(result.code).toBe(2);
          expect(result.stdout).toBe("");
          expect(result.stderr).toMatch(/APP_V\d: its value holds characters no \.env quoting can carry/);
          return;
        }
        printed++;
        expect(result.code, result.stderr).toBe(0);
        writeFileSync(join(reader, ".env"), result.stdout);
        const config = loadSettings(readBack, { cwd: reader, processEnv: {}, onError: "throw" });
        expect({ ...config }).toEqual(expected);
        const parsed = expand({ parsed: parse(result.stdout), processEnv: {} }).parsed ?? {};
        const byPath = Object.fromEntries(
          Object.entries(parsed).map(([key, value]) => [key.slice("APP_".length).toLowerCase(), value]),
        );
        expect(byPath).toEqual(expected);
      }),
      { numRuns: 120 },
    );
    // Both branches ran: the generator is not so tame that nothing is ever refused, nor so wild that
    // nothing ever prints.
    expect(printed).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(0);
  });

  it('the values the issue named: it\'s "x", a${HOME}b, a carriage return, a # after a space', async () => {
    const values = [
      `it's "x"`,
      "a${HOME}b",
      "line1\rline2",
      "a #b",
      " padded ",
      "multi\nline",
      "back\\slash",
      "",
    ];
    const env = Object.fromEntries(values.map((value, i) => [`APP_V${i}`, value]));
    const result = await cfg(["--process-env", "print", "--env", "staging"], {
      cwd: printer,
      env: { ...env, HOME: "/h" },
    });
    expect(result.code, result.stderr).toBe(0);
    writeFileSync(join(reader, ".env"), result.stdout);
    const config = loadSettings(readBack, {
      cwd: reader,
      processEnv: { HOME: "/elsewhere" },
      onError: "throw",
    });
    expect(Object.values({ ...config })).toEqual(values);
  });
});
