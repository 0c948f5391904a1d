/**
 * A project config that never finishes loading (item 14): a top-level await on a promise nothing settles made
 * Node exit 13 without a word; one still waiting on something slow held every command. Both now end in exit 2
 * with the file named. A config that loads but leaves a timer or a server running held the process after the
 * command had finished: it now ends with the command's own exit code.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cfgBinAsync, expectRefused, scratchProject } from "./_hardening.js";

describe("a cfg.config.js whose top-level await", () => {
  it("waits on a promise nothing will settle: named at once, exit 2 (not 13)", async () => {
    const dir = scratchProject();
    writeFileSync(join(dir, "cfg.config.js"), "await new Promise(() => {});\nexport default {};\n");
    const result = await cfgBinAsync(["check"], dir);
    expectRefused(
      result,
      2,
      "cfg.config.js never finished loading: a top-level await in it waits on a promise",
    );
  });

  it("is still waiting after CFG_IMPORT_TIMEOUT_MS: named, exit 2", async () => {
    const dir = scratchProject();
    writeFileSync(
      join(dir, "cfg.config.js"),
      "await new Promise((resolve) => setTimeout(resolve, 1500));\nexport default {};\n",
    );
    const result = await cfgBinAsync(["check"], dir, { env: { CFG_IMPORT_TIMEOUT_MS: "200" } });
    expectRefused(result, 2, "cfg.config.js did not finish loading within 0.2 s");
    expect(result.stderr).toContain("set CFG_IMPORT_TIMEOUT_MS to allow longer");
  });
});

describe("a cfg.config.js that leaves something running", () => {
  const config = (keepAlive: string) =>
    `import { settings } from "./settings.js";\n${keepAlive}\nexport default { settings, environments: ["staging", "production"] };\n`;

  it.each([
    ["a timer", "setInterval(() => {}, 1000);"],
    [
      "a listening server",
      'import { createServer } from "node:net";\ncreateServer().listen(0, "127.0.0.1");',
    ],
  ])("%s: the command ends with its own exit code and its whole output", async (_, keepAlive) => {
    const dir = scratchProject({ "cfg.config.js": config(keepAlive) });
    const check = await cfgBinAsync(["check"], dir, { timeoutMs: 10_000 });
    expect(check.signal, "cfg check was still running at its time bound").toBeNull();
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain("✓");
    const print = await cfgBinAsync(["print", "--env", "staging", "--format", "json"], dir, {
      timeoutMs: 10_000,
    });
    expect(print.code, print.stderr).toBe(0);
    expect(JSON.parse(print.stdout).settings).toBeDefined();
  });

  it("with findings, the findings exit code is kept", async () => {
    const dir = scratchProject({
      "cfg.config.js": config("setInterval(() => {}, 1000);"),
      ".env.staging": "APP_PORT=not-a-number\n",
    });
    const check = await cfgBinAsync(["check"], dir, { timeoutMs: 10_000 });
    expect(check.signal).toBeNull();
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("APP_PORT");
  });
});
