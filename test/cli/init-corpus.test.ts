// `cfg init` on real projects' env files (the conformance corpus), through the built bin/cfg.js: the project
// it writes passes its first `cfg check` on the files it was inferred from, keeps the files' comments as
// descriptions, marks no number or boolean secret, and infers enums only for mode-like words.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { corpusDir, corpusPath } from "../_corpus.js";
import { cfgBin } from "./_cli.js";

const scratch = resolve(import.meta.dirname, "../../.scratch");
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder inside the repository (so the generated settings.ts resolves cfgkit and zod) holding `files`. */
function folderWith(files: Record<string, string>): string {
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, "init-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const PROJECTS = corpusDir ? readdirSync(corpusPath("env-examples")) : [];

describe.skipIf(!corpusDir)("cfg init on the corpus's env files", () => {
  it.each(PROJECTS)("%s: init, then the first cfg check passes", (name) => {
    const source = corpusPath("env-examples", name);
    const file = readdirSync(source)[0] ?? "";
    const dir = folderWith({});
    copyFileSync(join(source, file), join(dir, ".env"));

    const init = cfgBin(["init"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    const check = cfgBin(["check"], { cwd: dir });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^✓ 0 errors, \d+ warnings? in development\n$|✓ 0 errors/);

    const settings = readFileSync(join(dir, "settings.ts"), "utf8");
    expect(settings).not.toMatch(/secret\(z\.(?:coerce\.number|stringbool)/);
    // The file's comments are kept as descriptions.
    expect(settings).toMatch(/\.describe\("|description: "/);
  });

  it("dify's 966-line file: counts are numbers, not secrets, with their comment as description", () => {
    const dir = folderWith({});
    copyFileSync(corpusPath("env-examples", "langgenius_dify", ".env.example"), join(dir, ".env"));
    expect(cfgBin(["init"], { cwd: dir }).code).toBe(0);
    const settings = readFileSync(join(dir, "settings.ts"), "utf8");
    expect(settings).toMatch(
      /promptGenerationMaxTokens: z\.coerce\.number\(\)\.int\(\)\.describe\("The maximum number of tokens allowed for prompt generation\./,
    );
    expect(settings).toContain("weaviateAuthenticationApikeyEnabled: z.stringbool(),");
    expect(settings).toContain("weaviateAuthenticationApikeyAllowedKeys: secret(z.string()),");
    // The one line dotenv cuts at "#" is an error the config lowers to a warning, so it still shows.
    const config = readFileSync(join(dir, "cfg.config.ts"), "utf8");
    expect(config).toMatch(
      /"unquoted-value": "warning", \/\/ \d+ findings \(1 error: fix, then remove this line\)/,
    );
    expect(config).toMatch(/"unordered-key": "off"/);
    expect(cfgBin(["check"], { cwd: dir }).stdout).toMatch(
      /OPENSEARCH_INITIAL_ADMIN_PASSWORD.*unquoted-value/,
    );
  });
});

describe("cfg init's enums", () => {
  it("only for a few mode-like words, never for hostnames that differ between files", () => {
    const dir = folderWith({
      ".env": "DB_HOST=db\nCACHE_HOST=redis\nLOG_LEVEL=debug\nSSL_MODE=disable\n",
      ".env.production": "DB_HOST=db.prod.internal\nCACHE_HOST=cache\nLOG_LEVEL=info\nSSL_MODE=require\n",
    });
    expect(cfgBin(["init"], { cwd: dir }).code).toBe(0);
    const settings = readFileSync(join(dir, "settings.ts"), "utf8");
    expect(settings).toContain('logLevel: z.enum(["debug", "info"])');
    expect(settings).toContain('sslMode: z.enum(["disable", "require"])');
    expect(settings).toContain("dbHost: z.string()");
    expect(settings).toContain("cacheHost: z.string()");
    const check = cfgBin(["check"], { cwd: dir });
    expect(check.code, check.stdout).toBe(0);
  });

  it("the help's advice holds: cfg init, then cfg check, then cfg init --force", () => {
    const dir = folderWith({ ".env": "# Port to listen on.\nAPP_PORT=8080\nAPP_HOST=localhost\n" });
    expect(cfgBin(["init"], { cwd: dir }).code).toBe(0);
    expect(cfgBin(["check", "--strict"], { cwd: dir })).toMatchObject({ code: 0 });
    expect(cfgBin(["init", "--force"], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, "settings.ts"), "utf8")).toContain('.describe("Port to listen on.")');
  });
});
