/**
 * .env inputs (the suite's .env list, and item 14's diagnostics): each read through loadSettings as a service
 * would, to a documented value or an error with file, line and key. Cases an earlier test already covers are
 * pointed at in RELIABILITY.md instead of repeated here. Ends with the property: on arbitrary bytes the reader
 * returns or throws its own SettingsError, within a time bound.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings, SettingsError, secret } from "../../src/index.js";
import { loadError, tempProject } from "../bad-input/_helpers.js";

const settings = defineSettings({
  prefix: "APP_",
  configDir: false,
  schema: z.object({
    name: z.string().optional(),
    note: z.string().default("default note"),
    token: secret(z.string()).optional(),
    pem: secret(z.string()).optional(),
  }),
});

const loadText = (text: string | Uint8Array) =>
  loadSettings(settings, { cwd: tempProject({ ".env": text }), processEnv: {}, onError: "throw" });

const PEM =
  "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----";

describe(".env text as dotenv reads it", () => {
  it("a byte-order mark before the first key is not part of it", () => {
    expect(loadText("\uFEFFAPP_NAME=bom\n").name).toBe("bom");
  });

  it("CRLF and lone CR line endings end lines; no value keeps a \\r", () => {
    expect(loadText("APP_NAME=crlf\r\nAPP_NOTE=next\r\n")).toMatchObject({ name: "crlf", note: "next" });
    expect(loadText("APP_NAME=cr\rAPP_NOTE=next\r")).toMatchObject({ name: "cr", note: "next" });
  });

  it("`export KEY=value` is KEY=value", () => {
    expect(loadText("export APP_NAME=exported\n").name).toBe("exported");
  });

  it("quotes: single keeps \\n literal, double expands it, backticks hold both kinds; $VAR expands in any", () => {
    const config = loadText('APP_NAME=\'a\\nb $HOME\'\nAPP_NOTE="a\\nb"\nAPP_TOKEN=`it\'s "x"`\n');
    // As in dotenv-expand 12 (DESIGN.md: expansion follows it), quotes do not stop expansion; a backslash before the $ does.
    expect(config.name).toBe("a\\nb ");
    expect(loadText("APP_NAME='\\$HOME'\n").name).toBe("$HOME");
    expect(config.note).toBe("a\nb");
    expect(config.token).toBe(`it's "x"`);
  });

  it("a multi-line PEM in double quotes keeps its lines, and a failure never shows it", () => {
    expect(loadText(`APP_PEM="${PEM}"\n`).pem).toBe(PEM);
    const strict = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ pem: secret(z.string().max(10)) }),
    });
    const error = loadError(strict, { cwd: tempProject({ ".env": `APP_PEM="${PEM}"\n` }), processEnv: {} });
    expect(error.issues[0]).toMatchObject({ envName: "APP_PEM", file: ".env", line: 1 });
    for (const line of PEM.split("\n")) expect(error.message).not.toContain(line);
  });

  it("KEY= is the empty string, a bare KEY is not an assignment, an absent KEY takes its default", () => {
    expect(loadText("APP_NAME=\n").name).toBe("");
    expect(loadText("APP_NAME=\n").note).toBe("default note");
    expect(loadText("APP_NOTE\n").note).toBe("default note");
  });

  it("Unicode values are kept exactly; odd keys under the prefix are unknown keys with their line", () => {
    expect(loadText("APP_NAME=naïve 日本 🚀\n").name).toBe("naïve 日本 🚀");
    const config = loadText("APP_NAME=x\nAPP.NAME=dotted\nAPP-NOTE=dashed\n") as object;
    expect(config).toMatchObject({ name: "x", note: "default note" });
  });
});

describe("what dotenv would swallow silently is said at load time (item 14)", () => {
  it("a value cut at an unquoted #: a warning naming key, line and column, on the result and in the startup log", () => {
    const lines: string[] = [];
    const config = loadSettings(settings, {
      cwd: tempProject({ ".env": "APP_NAME=x\nAPP_TOKEN=abc#def\n" }),
      processEnv: {},
      onError: "throw",
      log: (line) => lines.push(line),
    });
    expect(config.token).toBe("abc");
    expect(lines.join("\n")).toContain('the value is cut at the "#" in column 14');
    expect(lines.join("\n")).toContain(".env:2");
    // The part after the cut is a secret's: it is not printed either.
    expect(lines.join("\n")).not.toContain("def");
  });

  it("a NUL byte: an error naming the file and line (a file saved as UTF-16 looks like this)", () => {
    const error = loadError(settings, {
      cwd: tempProject({ ".env": "APP_NAME=x\nAPP_NOTE=a\u0000b\n" }),
      processEnv: {},
    });
    expect(error.issues[0]).toMatchObject({ kind: "source", file: ".env", line: 2 });
    expect(error.issues[0]?.message).toContain("contains a NUL byte (line 2)");
    const utf16 = new Uint8Array(Buffer.from("APP_NAME=x\n", "utf16le"));
    expect(() => loadText(utf16)).toThrow("contains a NUL byte");
  });

  it("`=value`, a line with no key: a warning with its line", () => {
    const lines: string[] = [];
    loadSettings(settings, {
      cwd: tempProject({ ".env": "APP_NAME=x\n=orphan\n" }),
      processEnv: {},
      onError: "throw",
      log: (line) => lines.push(line),
    });
    expect(lines.join("\n")).toContain('line 2 has no key before "=", so dotenv ignores it');
  });
});

describe("property: arbitrary bytes", () => {
  const token = fc.constantFrom(
    "APP_NAME=",
    "APP_TOKEN",
    "=",
    '"',
    "'",
    "`",
    "\n",
    "\r\n",
    "\r",
    "#",
    "$",
    "${",
    "}",
    "\\",
    "export ",
    " ",
    "\t",
    "\u0000",
    "\uFEFF",
    "é",
    "日",
    ":",
    "APP_NOTE: ",
    "${APP_NAME}",
    "$(ls)",
  );
  const text = fc
    .array(fc.oneof(token, fc.string({ maxLength: 8 })), { maxLength: 200 })
    .map((parts) => parts.join(""));
  const bytes = fc.oneof(
    text.map((t) => new Uint8Array(Buffer.from(t, "utf8"))),
    fc.uint8Array({ maxLength: 600 }),
  );

  it("the .env reader returns settings or throws its own SettingsError, never anything else, within a bound", () => {
    fc.assert(
      fc.property(bytes, (content) => {
        const started = performance.now();
        try {
          loadText(content);
        } catch (error) {
          expect(error).toBeInstanceOf(SettingsError);
          expect((error as SettingsError).stack).not.toContain("    at ");
        }
        // A bound against a hang, far above any real load: not a speed measurement.
        expect(performance.now() - started).toBeLessThan(2_000);
      }),
      { numRuns: 150 },
    );
  });
});
