// `cfg docs`: a Markdown reference table of every setting, printed, written atomically, and checked in CI.
// The fixture imports "cfgkit" (the build, through the package's self-reference): run `npm run build` first.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cfg, cfgBin, copyOfProject, exampleDir } from "./_cli.js";

const fixture = resolve(import.meta.dirname, "../fixtures/cli-generate");
const CANARIES = ["CANARY-DEFAULT-SECRET", "CANARY-VALUE-PASSWORD"];

describe("cfg docs", () => {
  it("prints one table row per setting, with drift from metadata and the project config, and `|` escaped", async () => {
    const result = await cfg(["docs"], { cwd: fixture });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatchInlineSnapshot(`
      "# Settings

      <!-- Generated from the settings schema by \`cfg docs\`; regenerate with \`cfg docs --write\`. -->

      7 settings, read from env vars prefixed \`APP_\`. Drift says whether a value may differ between environments: \`expected\` (it may), \`forbidden\` (it must not), \`report\` (differences are reported). Secret values are never shown.

      | Env var | Path | Type | Default | Required | Secret | Drift | Description |
      | --- | --- | --- | --- | --- | --- | --- | --- |
      | \`APP_ENV\` | \`env\` | one of development, production |  | yes | no | report | Deployment environment. |
      | \`APP_HTTP__PORT\` | \`http.port\` | integer 1024–65535 | \`3000\` | no | no | forbidden | TCP port \\| 1024 or above. |
      | \`APP_HTTP__HOST\` | \`http.host\` | string | \`"0.0.0.0 # all"\` | no | no | report |  |
      | \`DATABASE_URL\` | \`database.url\` | string (uri) |  | yes | yes | expected | Postgres URL. |
      | \`APP_DATABASE__POOL_MAX\` | \`database.poolMax\` | integer |  | no | no | report |  |
      | \`APP_WEBHOOK__SECRET\` | \`webhook.secret\` | string, at least 32 characters | (set, not shown) | no | yes | report |  |
      | \`APP_WEBHOOK__RETRY_STATUSES\` | \`webhook.retryStatuses\` | array of integer (JSON) | \`[429,503]\` | no | no | report |  |
      "
    `);
  });

  it("every row has the same number of cells, whatever the descriptions hold", async () => {
    const dir = copyOfProject(fixture);
    const config = readFileSync(join(dir, "cfg.config.js"), "utf8");
    writeFileSync(
      join(dir, "cfg.config.js"),
      config.replace('"Deployment environment."', '"Where | it runs,\\nand why \\\\ matters."'),
    );
    const result = cfgBin(["docs"], { cwd: dir });
    expect(result.code).toBe(0);
    const rows = result.stdout.split("\n").filter((line) => line.startsWith("|"));
    const cells = (row: string) => row.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length;
    expect(new Set(rows.map(cells)).size).toBe(1);
    expect(result.stdout).toContain("| Where \\| it runs,<br>and why \\\\ matters. |");
  });

  it("never shows a secret's default or value", async () => {
    const dir = copyOfProject(fixture);
    const outputs = [
      await cfg(["docs"], { cwd: dir }),
      await cfg(["docs", "--write", "--debug"], { cwd: dir }),
    ];
    const texts = [
      ...outputs.flatMap((r) => [r.stdout, r.stderr]),
      readFileSync(join(dir, "SETTINGS.md"), "utf8"),
    ];
    for (const text of texts) for (const canary of CANARIES) expect(text).not.toContain(canary);
  });

  it("--write writes SETTINGS.md atomically and --check then passes", async () => {
    const dir = copyOfProject(fixture);
    const printed = await cfg(["docs"], { cwd: dir });
    expect((await cfg(["docs", "--write"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, "SETTINGS.md"), "utf8")).toBe(printed.stdout);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const checked = await cfg(["docs", "--check"], { cwd: dir });
    expect(checked.code).toBe(0);
    expect(checked.stderr).toContain("SETTINGS.md is up to date");
  });

  it("--check exits 1 when the schema or the file changed, naming the keys", async () => {
    const dir = copyOfProject(fixture);
    expect(cfgBin(["docs", "--write"], { cwd: dir }).code).toBe(0);
    const config = readFileSync(join(dir, "cfg.config.js"), "utf8");
    writeFileSync(join(dir, "cfg.config.js"), config.replace("poolMax:", "poolSize:"));
    const result = await cfg(["docs", "--check"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatchInlineSnapshot(`
      "cfg: SETTINGS.md is stale: it differs from what the schema generates; run \`cfg docs --write\`
        missing from the file: APP_DATABASE__POOL_SIZE
        no longer in the schema: APP_DATABASE__POOL_MAX
      "
    `);
    expect((await cfg(["docs", "--write"], { cwd: dir })).code).toBe(0);
    writeFileSync(
      join(dir, "SETTINGS.md"),
      `${readFileSync(join(dir, "SETTINGS.md"), "utf8")}\nA note by hand.\n`,
    );
    const edited = await cfg(["docs", "--check"], { cwd: dir });
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("same keys");
  });

  it("exits 2 when SETTINGS.md is a directory, and on --write with --check", async () => {
    const dir = copyOfProject(fixture);
    mkdirSync(join(dir, "SETTINGS.md"));
    expect((await cfg(["docs", "--check"], { cwd: dir })).code).toBe(2);
    const written = await cfg(["docs", "--write"], { cwd: dir });
    expect(written.code).toBe(2);
    expect(written.stderr).toContain("cannot write SETTINGS.md: it is a directory");
    expect((await cfg(["docs", "--write", "--check"], { cwd: dir })).code).toBe(2);
  });

  it("--output writes and checks another file", async () => {
    const dir = copyOfProject(fixture);
    mkdirSync(join(dir, "docs"));
    expect((await cfg(["docs", "--write", "--output", "docs/configuration.md"], { cwd: dir })).code).toBe(0);
    expect((await cfg(["docs", "--check", "--output", "docs/configuration.md"], { cwd: dir })).code).toBe(0);
    const missing = await cfg(["docs", "--check"], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("SETTINGS.md does not exist");
  });

  it("the example project's committed SETTINGS.md is current, with the drift policies of its cfg.config.js", async () => {
    const result = await cfg(["docs", "--check"], { cwd: exampleDir });
    expect(result.code).toBe(0);
    const committed = readFileSync(join(exampleDir, "SETTINGS.md"), "utf8");
    expect(committed).toMatch(/\| `APP_RETRY__MAX_ATTEMPTS` \|[^\n]*\| forbidden \|/);
    expect(committed).toMatch(/\| `APP_POSTGRES__POOL__MAX` \|[^\n]*\| expected \|/);
  });
});

describe("cfg docs, as a child process of bin/cfg.js", () => {
  it("--help shows real examples", () => {
    const result = cfgBin(["docs", "--help"], { cwd: fixture });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("cfg docs --check");
  });

  it("checks the example project (0), a stale copy (1) and a directory in the way (2)", () => {
    expect(cfgBin(["docs", "--check"], { cwd: exampleDir }).code).toBe(0);
    const dir = copyOfProject(fixture);
    writeFileSync(join(dir, "SETTINGS.md"), "# Settings\n");
    const stale = cfgBin(["docs", "--check"], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("run `cfg docs --write`");
    expect(cfgBin(["docs", "--write"], { cwd: dir }).code).toBe(0);
    expect(cfgBin(["docs", "--check"], { cwd: dir }).code).toBe(0);
    rmSync(join(dir, "SETTINGS.md"));
    mkdirSync(join(dir, "SETTINGS.md"));
    expect(cfgBin(["docs", "--check"], { cwd: dir }).code).toBe(2);
  });
});
