import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort, serviceDir, startService, waitFor } from "../_service.js";

const tempDirs: string[] = [];

afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the example's env and config files, so a test can break one without touching the repo. */
function copyOfExample(): string {
  const dir = mkdtempSync(join(tmpdir(), "cfgkit-example-"));
  tempDirs.push(dir);
  cpSync(serviceDir, dir, { recursive: true, filter: (src) => !src.endsWith(".js") });
  return dir;
}

describe("the example service", () => {
  it.each(["development", "staging", "production"])(
    "boots in %s and answers GET /healthz",
    async (environment) => {
      const port = await freePort();
      const run = startService(serviceDir, { CFG_ENV: environment, APP_HTTP__PORT: String(port) });
      await waitFor(() => run.stdout().includes("listening"), 10_000);
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { fingerprint: string };
      expect(body).toEqual({
        status: "ok",
        environment,
        fingerprint: expect.stringMatching(/^cfg2:sha256:[0-9a-f]{64}$/),
      });
      expect(run.stderr()).toContain(`cfgkit: loaded ${environment} settings ${body.fingerprint}`);
    },
  );

  it("exits 78 within a second on a broken .env.staging, naming the variable and file:line, never the secret", async () => {
    const dir = copyOfExample();
    const canary = "CANARY-short-9f8e7d";
    const staging = readFileSync(join(dir, ".env.staging"), "utf8")
      .replace(/^APP_REDIS__MAX_LEN=.*$/m, "APP_REDIS__MAX_LEN=10")
      .replace(/^APP_WEBHOOK__SECRET=.*$/m, `APP_WEBHOOK__SECRET=${canary}`);
    writeFileSync(join(dir, ".env.staging"), staging);
    const maxLenLine = staging.split("\n").findIndex((line) => line.startsWith("APP_REDIS__MAX_LEN=")) + 1;
    const secretLine = staging.split("\n").findIndex((line) => line.startsWith("APP_WEBHOOK__SECRET=")) + 1;

    const run = startService(dir, { CFG_ENV: "staging" });
    const { code, elapsedMs } = await run.exited;

    expect(code).toBe(78);
    expect(elapsedMs).toBeLessThan(1000);
    expect(run.stdout()).toBe("");
    expect(run.stderr()).toContain(`APP_REDIS__MAX_LEN (redis.maxLen) at .env.staging:${maxLenLine}`);
    expect(run.stderr()).toContain(`APP_WEBHOOK__SECRET (webhook.secret) at .env.staging:${secretLine}`);
    expect(run.stderr()).toContain("19 characters, needs at least 32");
    expect(run.stderr()).not.toContain(canary);
    expect(run.stderr()).not.toMatch(/^\s+at /m);
  });
});
