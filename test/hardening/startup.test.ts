/**
 * A project config that never finishes loading (item 14): a top-level await on a promise nothing settles made
 * Node exit 13 without a word; one still waiting on something slow held every command. Both now end in exit 2
 * with the file named.
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
