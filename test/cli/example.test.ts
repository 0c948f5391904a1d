// `cfg example`: .env.example generated from the schema, printed, written atomically, and checked in CI.
// The fixture imports "cfgkit" (the build, through the package's self-reference): run `npm run build` first.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cfg, cfgBin, copyOfProject, exampleDir } from "./_cli.js";

const fixture = resolve(import.meta.dirname, "../fixtures/cli-generate");
const CANARIES = ["CANARY-DEFAULT-SECRET", "CANARY-VALUE-PASSWORD"];
const tempDirs: string[] = [];

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function expectNoCanary(...texts: string[]): void {
  for (const text of texts) for (const canary of CANARIES) expect(text).not.toContain(canary);
}

describe("cfg example", () => {
  it("prints .env.example grouped by nesting: required keys empty, optional ones commented with their default", async () => {
    const result = await cfg(["example"], { cwd: fixture });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatchInlineSnapshot(`
      "# Generated from the settings schema by \`cfg example\`; regenerate with \`cfg example --write\`.
      # Required keys are empty: fill them in. Optional keys are commented out with their default.
      # Secrets never get a value here: set them in .env.local or your secret store.

      # Deployment environment.
      # one of development, production; required
      APP_ENV=

      # ── http ────────────────────────────────────────────────────────

      # TCP port | 1024 or above.
      # integer 1024–65535; optional; default 3000
      # APP_HTTP__PORT=3000

      # string; optional; default "0.0.0.0 # all"
      # APP_HTTP__HOST='0.0.0.0 # all'

      # ── database ────────────────────────────────────────────────────

      # Postgres URL.
      # string (uri); required; secret
      DATABASE_URL=

      # integer; optional
      # APP_DATABASE__POOL_MAX=

      # ── webhook ─────────────────────────────────────────────────────

      # string, at least 32 characters; optional; secret, has a default (not shown)
      # APP_WEBHOOK__SECRET=

      # array of integer (JSON); optional; default [429,503]
      # APP_WEBHOOK__RETRY_STATUSES='[429,503]'
      "
    `);
  });

  it("is deterministic", async () => {
    const first = await cfg(["example"], { cwd: fixture });
    const second = await cfg(["example"], { cwd: fixture });
    expect(second.stdout).toBe(first.stdout);
  });

  it("never shows a secret's default or value", async () => {
    const dir = copyOfProject(fixture);
    const printed = await cfg(["example"], { cwd: dir });
    const written = await cfg(["example", "--write"], { cwd: dir });
    const checked = await cfg(["example", "--check", "--debug"], { cwd: dir });
    expectNoCanary(
      printed.stdout,
      printed.stderr,
      written.stderr,
      checked.stderr,
      readFileSync(join(dir, ".env.example"), "utf8"),
    );
  });

  it("--write writes the file atomically: the printed text, no temporary file left", async () => {
    const dir = copyOfProject(fixture);
    const printed = await cfg(["example"], { cwd: dir });
    const result = await cfg(["example", "--write"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("wrote .env.example");
    expect(readFileSync(join(dir, ".env.example"), "utf8")).toBe(printed.stdout);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("--write replaces an existing file, and --output names another one relative to the working directory", async () => {
    const dir = copyOfProject(fixture);
    writeFileSync(join(dir, ".env.example"), "OLD=1\n");
    mkdirSync(join(dir, "deploy"));
    expect((await cfg(["example", "--write"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, ".env.example"), "utf8")).not.toContain("OLD=1");
    expect(
      (await cfg(["example", "--write", "--output", "app.env.example"], { cwd: join(dir, "deploy") })).code,
    ).toBe(0);
    expect(readFileSync(join(dir, "deploy", "app.env.example"), "utf8")).toContain("APP_ENV=");
    expect((await cfg(["example", "--check", "--output", "deploy/app.env.example"], { cwd: dir })).code).toBe(
      0,
    );
  });

  it("--check exits 0 when the file is current", async () => {
    const dir = copyOfProject(fixture);
    await cfg(["example", "--write"], { cwd: dir });
    const result = await cfg(["example", "--check"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(".env.example is up to date");
  });

  it("--check exits 1 after the schema changes, naming the keys added and removed and how to regenerate", async () => {
    const dir = copyOfProject(fixture);
    // In a child process: this process caches an imported cfg.config.js, so it must first see the edited one.
    expect(cfgBin(["example", "--write"], { cwd: dir }).code).toBe(0);
    const config = readFileSync(join(dir, "cfg.config.js"), "utf8");
    writeFileSync(
      join(dir, "cfg.config.js"),
      config.replace(
        "poolMax: z.coerce.number().int().optional(),",
        "poolMin: z.coerce.number().int().default(1),",
      ),
    );
    const result = await cfg(["example", "--check"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatchInlineSnapshot(`
      "cfg: .env.example is stale: it differs from what the schema generates; run \`cfg example --write\`
        missing from the file: APP_DATABASE__POOL_MIN
        no longer in the schema: APP_DATABASE__POOL_MAX
      "
    `);
  });

  it("--check exits 1 after the file is edited by hand, and when it is missing", async () => {
    const dir = copyOfProject(fixture);
    await cfg(["example", "--write"], { cwd: dir });
    writeFileSync(
      join(dir, ".env.example"),
      readFileSync(join(dir, ".env.example"), "utf8").replace("APP_ENV=", "APP_ENV=production"),
    );
    const edited = await cfg(["example", "--check"], { cwd: dir });
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("same keys; descriptions, types or defaults changed");
    rmSync(join(dir, ".env.example"));
    const missing = await cfg(["example", "--check"], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(".env.example does not exist; run `cfg example --write` and commit it");
  });

  it("accepts a committed file with CRLF line ends", async () => {
    const dir = copyOfProject(fixture);
    const printed = await cfg(["example"], { cwd: dir });
    writeFileSync(join(dir, ".env.example"), printed.stdout.replace(/\n/g, "\r\n"));
    expect((await cfg(["example", "--check"], { cwd: dir })).code).toBe(0);
  });

  it("exits 2 when the target is a directory, for --check and --write alike", async () => {
    const dir = copyOfProject(fixture);
    mkdirSync(join(dir, ".env.example"));
    const checked = await cfg(["example", "--check"], { cwd: dir });
    expect(checked.code).toBe(2);
    expect(checked.stderr).toContain("cannot read .env.example: it is a directory");
    const written = await cfg(["example", "--write"], { cwd: dir });
    expect(written.code).toBe(2);
    expect(written.stderr).toContain("cannot write .env.example: it is a directory");
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("exits 2 when the target's directory does not exist", async () => {
    const dir = copyOfProject(fixture);
    const result = await cfg(["example", "--write", "--output", "no/such/dir/.env.example"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot write no/such/dir/.env.example");
  });

  it("refuses to write through a symbolic link that leads out of the project", async () => {
    const dir = copyOfProject(fixture);
    const outside = mkdtempSync(join(import.meta.dirname, "..", ".cfg-tmp-outside-"));
    tempDirs.push(outside);
    writeFileSync(join(outside, "target"), "untouched\n");
    symlinkSync(join(outside, "target"), join(dir, ".env.example"));
    const result = await cfg(["example", "--write"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("refusing to write .env.example: it leads outside the project");
    expect(readFileSync(join(outside, "target"), "utf8")).toBe("untouched\n");
  });

  it("writes through a symbolic link that stays inside the project, keeping the link", async () => {
    const dir = copyOfProject(fixture);
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "env.example"), "");
    symlinkSync(join("docs", "env.example"), join(dir, ".env.example"));
    expect((await cfg(["example", "--write"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, "docs", "env.example"), "utf8")).toContain("APP_ENV=");
    expect((await cfg(["example", "--check"], { cwd: dir })).code).toBe(0);
  });

  it("exits 2 on --write with --check, on --output alone, and without a settings definition", async () => {
    const both = await cfg(["example", "--write", "--check"], { cwd: fixture });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--write and --check cannot be used together");
    const outputAlone = await cfg(["example", "--output", "x.env"], { cwd: fixture });
    expect(outputAlone.code).toBe(2);
    const dir = mkdtempSync(join(import.meta.dirname, "..", ".cfg-tmp-empty-"));
    tempDirs.push(dir);
    const untyped = await cfg(["example"], { cwd: dir });
    expect(untyped.code).toBe(2);
    expect(untyped.stderr).toContain("example needs a settings definition");
  });

  it("the example project's committed .env.example is current", async () => {
    const result = await cfg(["example", "--check"], { cwd: exampleDir });
    expect(result.stderr).toContain("up to date");
    expect(result.code).toBe(0);
  });
});

describe("cfg example, as a child process of bin/cfg.js", () => {
  it("--help shows real examples", () => {
    const result = cfgBin(["example", "--help"], { cwd: fixture });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("cfg example --check");
    expect(result.stdout).toContain("# APP_HTTP__PORT=3000");
  });

  it("checks the example project (0), a stale copy (1) and a directory in the way (2)", () => {
    expect(cfgBin(["example", "--check"], { cwd: exampleDir }).code).toBe(0);
    const dir = copyOfProject(fixture);
    writeFileSync(join(dir, ".env.example"), "APP_ENV=\n");
    const stale = cfgBin(["example", "--check"], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("run `cfg example --write`");
    const written = cfgBin(["example", "--write"], { cwd: dir });
    expect(written.code).toBe(0);
    expect(cfgBin(["example", "--check"], { cwd: dir }).code).toBe(0);
    expectNoCanary(stale.stderr, written.stderr, readFileSync(join(dir, ".env.example"), "utf8"));
    rmSync(join(dir, ".env.example"));
    mkdirSync(join(dir, ".env.example"));
    expect(cfgBin(["example", "--write"], { cwd: dir }).code).toBe(2);
  });
});
