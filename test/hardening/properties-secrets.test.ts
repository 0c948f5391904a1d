// Properties of secrecy (issue 8): a canary at a random schema path, made secret in a random way (marked on
// the leaf, marked on an ancestor object, named like a secret, inside an array or a record, behind optional,
// default, pipe or lazy), is redacted in every format of every command and in every runtime view; schema paths
// through `constructor`, `prototype` and other Object.prototype names leave Object.prototype unchanged; and a
// value carrying credentials fingerprints the same, without a key, whatever its password.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fingerprintSettings } from "../../src/fingerprint.js";
import { defineSettings, describeSettings, fingerprint, loadSettings, secret } from "../../src/index.js";
import { cfg } from "../cli/_cli.js";
import { expectNoCanary, randomCanary } from "./_canary.js";

const SEGMENTS = [
  "db",
  "api",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "polluted",
];
const MODES = [
  "leaf",
  "ancestor",
  "named",
  "array",
  "record",
  "optional",
  "default",
  "pipe",
  "lazy",
] as const;
type Mode = (typeof MODES)[number];

interface Case {
  path: string[];
  mode: Mode;
  /** For "ancestor": which object above the leaf is marked secret. */
  depth: number;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    path: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }),
    mode: fc.constantFrom(...MODES),
    depth: fc.nat(),
  })
  .map((c) => (c.mode === "ancestor" && c.path.length === 1 ? { ...c, path: ["db", ...c.path] } : c));

/** The leaf's schema as source text, secret by the case's mode (except "ancestor" and "named"). */
function leafText(mode: Mode): string {
  switch (mode) {
    case "leaf":
      return "secret(z.string())";
    case "array":
      return "z.array(secret(z.string()))";
    case "record":
      return "z.record(z.string(), secret(z.string()))";
    case "optional":
      return "secret(z.string()).optional()";
    case "default":
      return 'secret(z.string()).default("unused-default")';
    case "pipe":
      return "z.string().pipe(secret(z.string()))";
    case "lazy":
      return "z.lazy(() => secret(z.string()))";
    default:
      return "z.string()";
  }
}

/** The whole schema as source text: `plain` beside the case's path, the leaf at the end of it. */
function schemaText(c: Case): string {
  const path = c.mode === "named" ? [...c.path, "password"] : c.path;
  const marked = c.mode === "ancestor" ? c.depth % (path.length - 1) : -1;
  let text = leafText(c.mode);
  for (let i = path.length - 1; i >= 1; i--) {
    const object = `z.object({ ${JSON.stringify(path[i])}: ${text} })`;
    text = i - 1 === marked ? `secret(${object})` : object;
  }
  const first = JSON.stringify(path[0]);
  return path[0] === "plain" ? text : `z.object({ plain: z.string(), ${first}: ${text} })`;
}

function envNameOf(c: Case): string {
  const path = c.mode === "named" ? [...c.path, "password"] : c.path;
  return `APP_${path.map((segment) => segment.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()).join("__")}`;
}

function envValue(c: Case, canary: string): string {
  if (c.mode === "array") return JSON.stringify([canary]);
  if (c.mode === "record") return JSON.stringify({ k: canary });
  return canary;
}

function prototypeState(): string[] {
  return [
    ...Reflect.ownKeys(Object.prototype).map(String).sort(),
    String(({} as { polluted?: unknown }).polluted),
  ];
}

const scratch = resolve(import.meta.dirname, "../../.scratch");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function projectFor(c: Case, canary: string): string {
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, "hardening-property-"));
  dirs.push(dir);
  writeFileSync(
    join(dir, "cfg.config.js"),
    `import { defineConfig, defineSettings, secret } from "cfgkit";
import { z } from "zod";
export const settings = defineSettings({ prefix: "APP_", configDir: false, schema: ${schemaText(c)} });
export default defineConfig({ settings, environments: ["staging", "production"] });
`,
  );
  writeFileSync(join(dir, ".env.staging"), `APP_PLAIN=visible\n${envNameOf(c)}=${envValue(c, canary)}\n`);
  writeFileSync(
    join(dir, ".env.production"),
    `APP_PLAIN=visible\n${envNameOf(c)}=${envValue(c, randomCanary())}\n`,
  );
  return dir;
}

function definitionFor(c: Case) {
  const schema = new Function("z", "secret", `return ${schemaText(c)};`)(z, secret) as z.ZodObject;
  return defineSettings({ prefix: "APP_", configDir: false, schema });
}

describe("a canary at a random schema path (property)", () => {
  it("is redacted in every runtime view, and Object.prototype is unchanged", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const canary = randomCanary();
        const before = prototypeState();
        const config = loadSettings(definitionFor(c), {
          processEnv: { APP_PLAIN: "visible", [envNameOf(c)]: envValue(c, canary) },
          cwd: scratch,
          envFiles: [],
          onError: "throw",
        });
        expectNoCanary([canary], {
          inspect: inspect(config, { depth: 10 }),
          json: JSON.stringify(config),
          describe: JSON.stringify(describeSettings(config)),
          fingerprint: JSON.stringify(fingerprint(config)),
        });
        expect(describeSettings(config).settings.find((s) => s.envName === envNameOf(c))?.secret).toBe(true);
        expect(prototypeState()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it("is redacted by every command in every format, and Object.prototype is unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const canary = randomCanary();
        const dir = projectFor(c, canary);
        const envName = envNameOf(c);
        const before = prototypeState();
        const runs = [
          ["print", "--env", "staging"],
          ["print", "--env", "staging", "--format", "json"],
          ["print", "--env", "staging", "--format", "yaml", "--show-origin"],
          ["explain", envName, "--env", "staging", "--format", "json"],
          ["snapshot", "--env", "staging"],
          ["hash", "--keys", "--format", "json"],
          ["diff", "staging", "production", "--format", "patch"],
          ["check", "--format", "json"],
        ];
        for (const argv of runs) {
          const result = await cfg(argv, { cwd: dir });
          expect(result.code, `${argv.join(" ")}\n${result.stderr}`).toBeLessThanOrEqual(1);
          expectNoCanary([canary], { [`${argv.join(" ")}`]: result.stdout + result.stderr });
        }
        const printed = await cfg(["print", "--env", "staging", "--format", "json"], { cwd: dir });
        expect(printed.stdout).toContain('"plain": "visible"');
        expect(printed.stdout).toContain("<secret>");
        expect(prototypeState()).toEqual(before);
      }),
      { numRuns: 25 },
    );
  });
});

describe("a value carrying credentials (property)", () => {
  const password = fc.string({ minLength: 1, maxLength: 12 }).filter((p) => !/[\s/?#"'<>`]/.test(p));
  const host = fc.constantFrom("db.internal", "h", "10.0.0.1:5432");

  it("fingerprints the same without a key whatever its password, differently with one, never as its sha256", () => {
    fc.assert(
      fc.property(password, password, host, (a, b, h) => {
        fc.pre(a !== b);
        const url = (p: string) => `postgres://orders:${encodeURIComponent(p)}@${h}/orders?sslmode=require`;
        const digest = (p: string, key?: string) =>
          fingerprintSettings([{ path: "db.url", value: url(p), secret: false }], key).keys[0]?.fingerprint;
        expect(digest(a)).toBe(digest(b));
        expect(digest(a, "k")).not.toBe(digest(b, "k"));
        expect(digest(a, "k")).toMatch(/^hmac:/);
        // Without a key, it is the digest of the masked URL: nothing in it depends on the password.
        const masked = fingerprintSettings([
          { path: "db.url", value: `postgres://orders:<secret>@${h}/orders?sslmode=require`, secret: false },
        ]).keys[0]?.fingerprint;
        expect(digest(a)).toBe(masked);
      }),
      { numRuns: 200 },
    );
  });
});
