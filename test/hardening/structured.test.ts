/**
 * JSON and YAML inputs (issue 8, items 6 and 10, and the suite's JSON/YAML list): nesting 10,000 deep in a
 * config file and in an env var, a YAML anchor that contains its own alias, duplicate keys, integers beyond
 * 2^53, YAML 1.1 and custom tags, several documents, the YAML 1.2 reading of `NO`/`on`/`0755`/`1.10`/`~`, and
 * `__proto__` at any depth and through merge keys. Each: a documented value, or exit 78 (startup) / non-zero
 * (CLI) with file, line and key named, no stack trace.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings } from "../../src/index.js";
import { loadError, tempProject } from "../bad-input/_helpers.js";
import { cfgBinAsync, expectRefused, scratchProject } from "./_hardening.js";

const schema = z.object({
  name: z.string().optional(),
  port: z.number().optional(),
  note: z.string().nullable().optional(),
  flag: z.string().optional(),
  mode: z.number().optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
  nested: z.object({ level: z.string().optional() }).optional(),
});
const fromConfig = defineSettings({ prefix: "APP_", envFiles: [], schema });
const fromEnv = defineSettings({ prefix: "APP_", configDir: false, schema });

/** `{"a":{"a":…1…}}`: `levels` objects deep. */
const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
const deepYamlFlow = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

const load = (definition: typeof fromConfig, files: Record<string, string>) =>
  loadSettings(definition, { cwd: tempProject(files), processEnv: {}, onError: "throw" });
const failure = (definition: typeof fromConfig, files: Record<string, string>) =>
  loadError(definition, { cwd: tempProject(files), processEnv: {} });

describe("nesting", () => {
  it("10,000 levels in a JSON config file: exit 78 naming the file, line and column and the limit", () => {
    const error = failure(fromConfig, { "config/default.json": `{\n  "extra": ${deepJson(10_000)}\n}\n` });
    expect(error.issues[0]).toMatchObject({ kind: "source", file: "config/default.json", line: 2 });
    expect(error.issues[0]?.message).toBe(
      "JSON error: nested deeper than 64 levels (raise limits.maxDepth to allow it)",
    );
  });

  it("the limit is exact: 64 levels load, 65 do not, and limits.maxDepth moves it", () => {
    // The document itself is one level, `extra` another: 62 more inside make 64.
    const at = { "config/default.json": `{"extra": ${deepJson(63)}}` };
    expect(load(fromConfig, at).extra).toBeDefined();
    failure(fromConfig, { "config/default.json": `{"extra": ${deepJson(64)}}` });
    const raised = defineSettings({ prefix: "APP_", envFiles: [], schema, limits: { maxDepth: 100 } });
    expect(load(raised, { "config/default.json": `{"extra": ${deepJson(64)}}` }).extra).toBeDefined();
  });

  it("10,000 levels in a YAML config file: exit 78 naming the file", () => {
    const error = failure(fromConfig, { "config/default.yaml": `name: x\nextra: ${deepYamlFlow(10_000)}\n` });
    expect(error.issues[0]).toMatchObject({ kind: "source", file: "config/default.yaml", line: 2 });
    expect(error.issues[0]?.message).toContain("nested deeper than 64 levels");
  });

  it("a YAML anchor that contains its own alias: exit 78, not a stack overflow", () => {
    for (const text of [
      "extra: &a\n  self: *a\n",
      "extra: &a [*a]\n",
      "extra:\n  inner: &b\n    again: [*b]\n",
    ]) {
      const error = failure(fromConfig, { "config/default.yaml": text });
      expect(error.issues[0]).toMatchObject({ kind: "source", file: "config/default.yaml" });
      expect(error.issues[0]?.message).toContain("an anchor that contains its own alias?");
    }
  });

  it("10,000 levels of JSON in an env var: exit 78 naming the var and its line", () => {
    const error = failure(fromEnv, { ".env": `APP_NAME=x\nAPP_EXTRA=${deepJson(10_000)}\n` });
    expect(error.issues.find((issue) => issue.envName === "APP_EXTRA")).toMatchObject({
      file: ".env",
      line: 2,
    });
    expect(error.message).toContain("nested deeper than 64 levels");
  });

  it("10,000 levels of JSON in a whole-object env var: exit 78 naming the var", () => {
    const error = failure(fromEnv, { ".env": `APP_NESTED=${deepJson(10_000)}\n` });
    expect(error.issues[0]).toMatchObject({ envName: "APP_NESTED", file: ".env", line: 1 });
    expect(error.issues[0]?.message).toContain("APP_NESTED: nested deeper than 64 levels");
  });

  it("every command on an env var 10,000 levels deep ends in its findings exit code, naming it, no crash", async () => {
    const dir = scratchProject({ ".env.staging": `APP_EXTRA=${deepJson(10_000)}\n` });
    const commands = [
      ["check", "--env", "staging"],
      ["print", "--env", "staging"],
      ["hash", "--env", "staging"],
      ["snapshot", "--env", "staging"],
      ["diff", "staging", "production"],
      ["explain", "extra", "--env", "staging"],
    ];
    const results = await Promise.all(commands.map((argv) => cfgBinAsync(argv, dir)));
    for (const [index, result] of results.entries()) {
      const command = commands[index]?.join(" ") ?? "";
      const output = result.stdout + result.stderr;
      expect.soft(output, command).toContain("APP_EXTRA");
      // diff names the key as invalid in its table; the others print the report with the reason.
      expect
        .soft(output, command)
        .toContain(command.startsWith("diff") ? "1 invalid" : "nested deeper than 64 levels");
      expectRefused(result, result.code === 2 ? 2 : 1);
    }
  });
});

describe("values that would change silently", () => {
  it("a key given twice in a JSON config file: an error at the second, naming both lines", () => {
    const error = failure(fromConfig, {
      "config/default.json": '{\n  "name": "a",\n  "port": 1,\n  "name": "b"\n}\n',
    });
    expect(error.issues[0]).toMatchObject({ file: "config/default.json", line: 4 });
    expect(error.issues[0]?.message).toBe(
      'JSON error: key "name" appears twice in the same object (lines 2 and 4)',
    );
  });

  it("a key given twice inside a JSON env value: an error naming the var", () => {
    const error = failure(fromEnv, { ".env": 'APP_EXTRA={"a":1,"b":2,"a":3}\n' });
    expect(error.issues[0]).toMatchObject({ envName: "APP_EXTRA", file: ".env", line: 1 });
    expect(error.issues[0]?.message).toContain('key "a" appears twice in the same object');
  });

  it("an integer beyond 2^53 in JSON, YAML or an env var for z.number() or z.coerce.number(): refused, not rounded", () => {
    const big = "9007199254740993";
    const json = failure(fromConfig, { "config/default.json": `{\n  "port": ${big}\n}\n` });
    expect(json.issues[0]).toMatchObject({ file: "config/default.json", line: 2 });
    const yaml = failure(fromConfig, { "config/default.yaml": `name: x\nport: ${big}\n` });
    expect(yaml.issues[0]).toMatchObject({ file: "config/default.yaml", line: 2 });
    const env = failure(fromEnv, { ".env": `APP_PORT=${big}\n` });
    expect(env.issues[0]).toMatchObject({ envName: "APP_PORT", file: ".env", line: 1 });
    for (const error of [json, yaml, env]) expect(error.message).toContain("an integer beyond 2^53");
    // z.coerce.number() would convert the text itself, rounding it the same way.
    const coerced = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ n: z.coerce.number() }),
    });
    const viaCoerce = loadError(coerced, { cwd: tempProject({ ".env": `APP_N=${big}\n` }), processEnv: {} });
    expect(viaCoerce.issues[0]).toMatchObject({ envName: "APP_N", file: ".env", line: 1 });
    expect(viaCoerce.message).toContain("an integer beyond 2^53");
    expect(
      loadSettings(coerced, { cwd: tempProject({ ".env": "APP_N=42\n" }), processEnv: {}, onError: "throw" })
        .n,
    ).toBe(42);
    // Quoted, it is text and stays exact; 2^53 - 1 is still a number.
    expect(load(fromConfig, { "config/default.yaml": `name: "${big}"\n` }).name).toBe(big);
    expect(load(fromConfig, { "config/default.json": '{"port": 9007199254740991}' }).port).toBe(
      9007199254740991,
    );
  });

  it("YAML 1.1 tags (!!binary, !!set, !!omap, !!pairs, !!timestamp) and custom tags: refused with the tag named", () => {
    const tagged = {
      "!!binary": "extra: !!binary aGVsbG8=\n",
      "!!set": "extra: !!set {a, b}\n",
      "!!omap": "extra: !!omap [{a: 1}]\n",
      "!!pairs": "extra: !!pairs [{a: 1}]\n",
      "!!timestamp": "note: !!timestamp 2001-12-14\n",
      "!secret": "note: !secret vault:db\n",
    };
    for (const [tag, text] of Object.entries(tagged)) {
      const error = failure(fromConfig, { "config/default.yaml": `name: x\n${text}` });
      expect(error.issues[0]).toMatchObject({ file: "config/default.yaml", line: 2 });
      expect(error.issues[0]?.message).toContain(`the tag ${tag} is not supported`);
    }
  });

  it("an unquoted date is text (YAML 1.2 core has no timestamps), never a Date", () => {
    expect(load(fromConfig, { "config/default.yaml": "note: 2001-12-14\n" }).note).toBe("2001-12-14");
  });

  it("YAML 1.2 scalars: NO and on are text, 0755 is 755, 1.10 is the number 1.1, ~ is null", () => {
    const config = load(fromConfig, {
      "config/default.yaml": "name: NO\nflag: on\nmode: 0755\nnote: ~\nport: 0o17\n",
    });
    expect(config).toMatchObject({ name: "NO", flag: "on", mode: 755, note: null, port: 15 });
    // A version written 1.10 is the number 1.1 in YAML: a string key says so, with the line, instead of "1.1".
    const error = failure(fromConfig, { "config/default.yaml": "name: x\nflag: 1.10\n" });
    expect(error.issues[0]).toMatchObject({ path: "flag", file: "config/default.yaml", line: 2 });
    expect(error.issues[0]?.message).toContain("expected string, received number");
  });

  it("several YAML documents in one config file: refused, not silently the first", () => {
    const error = failure(fromConfig, { "config/default.yaml": "name: a\n---\nname: b\n" });
    expect(error.issues[0]).toMatchObject({ file: "config/default.yaml", line: 2 });
    expect(error.issues[0]?.message).toContain("a config file holds one document");
  });
});

describe("__proto__ at any depth and through merges leaves Object.prototype alone", () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const cases = {
    "config/default.json":
      '{"extra": {"__proto__": {"polluted": 1}, "deeper": {"__proto__": {"polluted": 2}}}}',
    "config/default.yaml":
      "base: &b\n  __proto__: {polluted: 1}\nextra:\n  <<: *b\n  own: {__proto__: {polluted: 3}}\n",
    ".env": 'APP_EXTRA={"__proto__":{"polluted":1},"a":{"constructor":{"prototype":{"polluted":2}}}}\n',
  };
  for (const [file, text] of Object.entries(cases)) {
    it(`in ${file}`, () => {
      const definition = file === ".env" ? fromEnv : fromConfig;
      try {
        load(definition, { [file]: text });
      } catch {
        // Refusing it is as good as loading it: what matters is that nothing leaked into the prototype.
      }
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
