// The systematic canary suite (issue 8): a random canary in every place a secret can hide (test/hardening/
// _harness.ts plants them), and every command and format of cfg, passing and failing, with --debug and with
// CFG_FINGERPRINT_KEY, in-process and through the built bin/cfg.js; the files commands write are read back.
// No output may hold the canary or any transformed form of it (base64, URL-encoded, JSON-escaped, hex, any
// 6-character piece), no output may carry a stack trace, and Object.prototype is unchanged after every run.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cfg, cfgBin } from "../cli/_cli.js";
import { expectNoCanary } from "./_canary.js";
import { CANARY_COMMANDS, expandCommands, type PlantedProject, plantedProject } from "./_harness.js";

const KEY = { CFG_FINGERPRINT_KEY: "hardening-canary-fingerprint-key-0123456789" };
const projects: Record<"valid" | "invalid", PlantedProject | undefined> = {
  valid: undefined,
  invalid: undefined,
};

beforeAll(async () => {
  for (const variant of ["valid", "invalid"] as const) {
    const planted = plantedProject(variant);
    projects[variant] = planted;
    // Files some commands read: a snapshot of staging and a lock file, made by cfg itself.
    await cfg(["snapshot", "--env", "staging", "-o", "snapshot-staging.json"], { cwd: planted.dir });
    await cfg(["hash", "--all", "--keys", "--write", "cfg.lock.json"], { cwd: planted.dir });
  }
});

afterAll(() => {
  for (const planted of Object.values(projects)) planted?.remove();
});

function prototypeKeys(): string[] {
  return Reflect.ownKeys(Object.prototype).map(String).sort();
}

function expectClean(planted: PlantedProject, result: CliResult, label: string, writes: readonly string[]) {
  const texts: Record<string, string> = {
    [`${label}: stdout`]: result.stdout,
    [`${label}: stderr`]: result.stderr,
  };
  for (const file of writes) {
    const path = join(planted.dir, file);
    if (existsSync(path)) texts[`${label}: ${file}`] = readFileSync(path, "utf8");
  }
  expectNoCanary(planted.canaries, texts);
  expect(result.stderr, `${label}: a stack trace`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect([0, 1, 2], `${label}: exit code`).toContain(result.code);
}

describe.each(["valid", "invalid"] as const)("the canary, %s staging", (variant) => {
  const planted = () => projects[variant] as PlantedProject;

  it("the planted project is what the suite needs: valid fails only on its unknown key, invalid on its secrets", async () => {
    const result = await cfg(["check", "--env", "staging", "--format", "json"], { cwd: planted().dir });
    expect(result.code).toBe(1);
    const errors = (JSON.parse(result.stdout).findings as { severity: string; key?: string }[]).filter(
      (finding) => finding.severity === "error",
    );
    if (variant === "valid") expect(errors.map((e) => e.key)).toEqual(["APP_API_TOKEN"]);
    else {
      const text = result.stdout;
      for (const key of ["APP_CREDS__PASS", "APP_PEM", "APP_DB__URL", "APP_NOTE"])
        expect(text).toContain(key);
      expect(text).toContain("message withheld");
    }
    expectClean(planted(), result, "check", []);
  });

  for (const command of CANARY_COMMANDS) {
    const lines = expandCommands([command]);
    it(`cfg ${command.argv.join(" ")} (${lines.length} form${lines.length === 1 ? "" : "s"})`, async () => {
      for (const argv of lines) {
        for (const [label, args, env] of [
          ["plain", argv, {}],
          ["--debug, keyed", ["--debug", ...argv], KEY],
        ] as const) {
          const before = prototypeKeys();
          const result = await cfg(args, { cwd: planted().dir, env });
          expectClean(planted(), result, `${label} cfg ${argv.join(" ")}`, command.writes ?? []);
          expect(prototypeKeys(), "Object.prototype changed").toEqual(before);
        }
      }
    });
  }

  // One child process per command line, deployment sources included: more than the default 20 s on a busy machine.
  it("through the built bin/cfg.js: every command once, with --debug", () => {
    for (const command of CANARY_COMMANDS) {
      const [argv] = expandCommands([command]);
      const result = cfgBin(["--debug", ...(argv ?? [])], { cwd: planted().dir });
      expectClean(planted(), result, `bin cfg ${argv?.join(" ")}`, command.writes ?? []);
    }
  }, 120_000);
});

describe("the planted secrets are redacted, not dropped", () => {
  it("print --format json shows <secret> and masked URLs where the canaries were", async () => {
    const result = await cfg(["print", "--env", "staging", "--format", "json"], {
      cwd: projects.valid?.dir ?? "",
    });
    expect(result.code).toBe(0);
    const { settings } = JSON.parse(result.stdout);
    expect(settings).toMatchObject({
      creds: { user: "<secret>", pass: "<secret>" },
      tokens: "<secret>",
      vault: "<secret>",
      choice: "<secret>",
      later: "<secret>",
      pem: "<secret>",
      note: "<secret>",
      db: {
        url: "postgres://orders:<secret>@db.internal:5432/orders",
        replica: "postgres://orders:<secret>@replica.internal/orders",
      },
      callback: "https://hooks.example/cb?id=7&token=<secret>&api_key=<secret>",
      extra: { region: "eu", password: "<secret>", nested: { apiKey: "<secret>" } },
    });
  });
});
