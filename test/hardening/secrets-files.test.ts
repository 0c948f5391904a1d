// What the files cfg writes and reads do with secrets (issue 8, items 9 and 12): a baseline accepted without
// CFG_FINGERPRINT_KEY stays accepted; a snapshot whose secret slot was edited is refused as tampering without
// repeating what it holds; `cfg init` copies no credential into settings.ts; a transform that throws at
// startup exits 78 without its message.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { keysDigest } from "../../src/fingerprint.js";
import { project } from "../_project.js";
import { cfg, copyExample, copyProject } from "../cli/_cli.js";
import { expectNoCanary, randomCanary } from "./_canary.js";
import { plantedProject } from "./_harness.js";

const KEY = { CFG_FINGERPRINT_KEY: "hardening-baseline-fingerprint-key-0123456789" };

interface DiffJson {
  entries: { envName: string; status: string; verdict: string }[];
  summary: Record<string, number>;
}

/** The verdict on the planted project's APP_PEM, a secret that differs between staging and production. */
async function secretVerdict(dir: string, env: Record<string, string>): Promise<string | undefined> {
  const result = await cfg(["diff", "staging", "production", "--format", "json"], { cwd: dir, env });
  const report = JSON.parse(result.stdout) as DiffJson;
  return report.entries.find((entry) => entry.envName === "APP_PEM")?.verdict;
}

function planted(): string {
  const project = plantedProject("valid");
  onTestFinished(project.remove);
  return project.dir;
}

describe("a secret difference accepted with --accept", () => {
  it("without CFG_FINGERPRINT_KEY stays accepted on the next run; the baseline holds no digest of it", async () => {
    const dir = planted();
    expect(await secretVerdict(dir, {})).toBe("drift");
    const accepted = await cfg(["diff", "staging", "production", "--accept"], { cwd: dir });
    expect(accepted.stderr).toMatch(/accepted \d+ differences? in cfg\.drift-baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(dir, "cfg.drift-baseline.json"), "utf8"));
    const pem = baseline.accepted.find((item: { path: string }) => item.path === "pem");
    expect(pem.fingerprints).toEqual({ staging: "unkeyed", production: "unkeyed" });
    // The URL with a password (not a secret key, but fingerprinted through the HMAC) is kept the same way.
    const url = baseline.accepted.find((item: { path: string }) => item.path === "db.url");
    expect(url.fingerprints).toEqual({ staging: "unkeyed", production: "unkeyed" });
    expect(JSON.stringify(baseline)).not.toMatch(/hmac:/);
    for (let run = 0; run < 2; run++) expect(await secretVerdict(dir, {})).toBe("accepted");
  });

  it("with a key, the baseline holds the keyed digests, and a changed secret re-opens the difference", async () => {
    const dir = planted();
    await cfg(["diff", "staging", "production", "--accept"], { cwd: dir, env: KEY });
    const baseline = readFileSync(join(dir, "cfg.drift-baseline.json"), "utf8");
    expect(baseline).toMatch(/"staging": "hmac:[0-9a-f]{32}"/);
    expect(baseline).not.toContain("unkeyed");
    expect(await secretVerdict(dir, KEY)).toBe("accepted");
    const file = join(dir, ".env.production");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^APP_PEM=.*$/m, `APP_PEM=${"n".repeat(40)}`));
    expect(await secretVerdict(dir, KEY)).toBe("drift");
  });
});

describe("a snapshot whose secret slot was edited", () => {
  async function snapshotOf(dir: string): Promise<{ path: string; document: Record<string, unknown> }> {
    const path = join(dir, "snap.json");
    expect((await cfg(["snapshot", "--env", "staging", "-o", "snap.json"], { cwd: dir })).code).toBe(0);
    return { path, document: JSON.parse(readFileSync(path, "utf8")) };
  }

  for (const [label, edit] of [
    [
      "a cleartext value",
      (row: Record<string, unknown>, canary: string) => Object.assign(row, { value: canary }),
    ],
    [
      "a cleartext display",
      (row: Record<string, unknown>, canary: string) => Object.assign(row, { display: canary }),
    ],
    [
      "a cleartext shadowed candidate",
      (row: Record<string, unknown>, canary: string) =>
        Object.assign(row, { shadowed: [{ origin: ".env:1", value: canary }] }),
    ],
    [
      "an unkeyed digest (its keys digest recomputed)",
      (row: Record<string, unknown>) => Object.assign(row, { fingerprint: `sha256:${"0".repeat(32)}` }),
    ],
  ] as const) {
    it(`holding ${label} is refused as tampering (exit 2), without repeating it`, async () => {
      const dir = copyExample();
      const { path, document } = await snapshotOf(dir);
      const canary = randomCanary();
      const settings = document.settings as Record<string, unknown>[];
      const row = settings.find((s) => s.envName === "APP_WEBHOOK__SECRET") as Record<string, unknown>;
      edit(row, canary);
      document.keysDigest = `sha256:${keysDigest(settings as { path: string; fingerprint: string }[])}`;
      writeFileSync(path, JSON.stringify(document, null, 2));
      for (const argv of [
        ["diff", "staging", "snap.json"],
        ["diff", "staging", "snap.json", "--format", "json"],
        ["--debug", "diff", "production", "snap.json", "--format", "patch"],
      ]) {
        const result = await cfg(argv, { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(
          "snap.json: the secret APP_WEBHOOK__SECRET holds something other than <secret> and a keyed digest (edited by hand or tampered with)",
        );
        expectNoCanary([canary], { stdout: result.stdout, stderr: result.stderr });
      }
    });
  }
});

describe("cfg init", () => {
  it("copies no credential URL or secret-looking value into the settings.ts it writes", async () => {
    const canary = randomCanary();
    const dir = copyProject(join(import.meta.dirname, "../fixtures/cli-init/service"));
    const base64 = Buffer.from(`${canary}${canary}`).toString("base64");
    writeFileSync(
      join(dir, ".env.staging"),
      [
        `APP_DB=postgres://orders:p@ss-${canary}@db.internal/orders`,
        `APP_CALLBACK=https://hooks.example/cb?id=1&token=${canary}`,
        `APP_BLOB=${base64}`,
        `APP_PEM="-----BEGIN PRIVATE KEY-----\\n${canary}\\n-----END PRIVATE KEY-----"`,
        `APP_EXTRA={"user":"u","password":"${canary}"}`,
        "APP_REGION=eu-west-1",
        "",
      ].join("\n"),
    );
    const result = await cfg(["init", "--force"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const written = readFileSync(join(dir, "settings.ts"), "utf8");
    expectNoCanary([canary], { "settings.ts": written, stdout: result.stdout, stderr: result.stderr });
    for (const name of ["db", "callback", "blob", "pem", "extra"])
      expect(written, name).toMatch(new RegExp(`${name}: secret\\(`));
    expect(written).toContain('"eu-west-1" in .env.staging');
  });
});

describe("a transform that throws", () => {
  it("at startup: exit 78, the keys named, the message (which quotes the value) withheld, no stack", () => {
    const canary = randomCanary();
    const dir = copyProject(join(import.meta.dirname, "../fixtures/cli-init/service"));
    writeFileSync(
      join(dir, "main.js"),
      `import { defineSettings, loadSettings } from "cfgkit";
import { z } from "zod";
const settings = defineSettings({
  prefix: "APP_",
  configDir: false,
  schema: z.object({
    region: z.string().transform((v) => {
      throw new Error("cannot parse " + v);
    }),
    apiToken: z.string().transform((v) => {
      throw new TypeError("cannot use " + v);
    }),
  }),
});
loadSettings(settings);
console.log("started");
`,
    );
    const child = spawnSync(process.execPath, ["main.js"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", APP_REGION: "eu-west-1", APP_API_TOKEN: canary },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.status).toBe(78);
    expect(child.stdout).not.toContain("started");
    expect(child.stderr).toMatch(
      /APP_REGION[\s\S]*its transform or refinement threw \(Error; message withheld/,
    );
    expect(child.stderr).toMatch(/APP_API_TOKEN[\s\S]*threw \(TypeError; message withheld/);
    expect(child.stderr).not.toMatch(/cannot (parse|use)/);
    expect(child.stderr).not.toMatch(/^\s+at /m);
    expectNoCanary([canary], { stdout: child.stdout, stderr: child.stderr });
  });
});

describe("cfg hash without a key", () => {
  it("says that a URL password did not enter the fingerprint, as it says for secrets", async () => {
    const canary = randomCanary();
    const dir = project({ ".env": `DB_URL=postgres://orders:p@ss-${canary}@db.internal/orders\n` });
    const result = await cfg(["hash", "--keys"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("cfg: secrets enter by presence only: set CFG_FINGERPRINT_KEY");
    expectNoCanary([canary], { stdout: result.stdout, stderr: result.stderr });
    const keyed = await cfg(["hash", "--keys"], { cwd: dir, env: KEY });
    expect(keyed.stderr).not.toContain("presence only");
    expect(keyed.stdout).toMatch(/DB_URL\s+hmac:[0-9a-f]{32}/);
  });
});
