// The secret-name rule, as the README states it, through the built bin/cfg.js: names that look secret hide
// text values; a number or a boolean is never a credential, whatever its name.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, describeSettings, loadSettings } from "../../src/index.js";
import { cfgBin, copyOfProject } from "./_cli.js";

const fixture = resolve(import.meta.dirname, "../fixtures/cli-secret-names");

describe("the secret-name rule", () => {
  it("hides text keys by name and prints numbers and booleans as they are", () => {
    const result = cfgBin(["print", "--format", "env"], { cwd: copyOfProject(fixture) });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("CANARY");
    expect(result.stdout.trimEnd().split("\n").sort()).toEqual([
      "DB_PASSWD=<secret>",
      "GITHUB_PRIVATE_KEY_PEM=<secret>",
      "KEY=<secret>",
      "OPENAI_MAX_TOKENS=4096",
      "STRIPE_KEY=<secret>",
      "WEAVIATE_AUTHENTICATION_APIKEY_ALLOWED_KEYS=<secret>",
      "WEAVIATE_AUTHENTICATION_APIKEY_ENABLED=true",
    ]);
  });

  it("is the rule the README lists: each word it names makes a text key secret, and nothing else does", () => {
    const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8").replace(/\s+/g, " ");
    const rule = /upper-cased, contains (.+?), ends in `(\w+)`, or is `(\w+)`\./.exec(readme);
    expect(rule, "the README states the secret-name rule").not.toBeNull();
    const [, containsList = "", ending = "", exact = ""] = rule ?? [];
    const words = [...containsList.matchAll(/`(\w+)`/g)].map((match) => match[1] ?? "");
    expect(words).toEqual(["SECRET", "PASSWORD", "PASSWD", "TOKEN", "CREDENTIAL", "PRIVATE_KEY", "APIKEY"]);

    const secretNames = [...words.map((word) => `X_${word}_Y`), `STRIPE${ending}`, exact, "db_password"];
    const plainNames = ["MONKEY", "KEYS", "KEY_ID", "PUBLIC_URL", "PASS", "AUTH"];
    const server = Object.fromEntries([...secretNames, ...plainNames].map((name) => [name, z.string()]));
    const processEnv = Object.fromEntries(Object.keys(server).map((name) => [name, "value"]));
    const config = loadSettings(defineSettings({ server, configDir: false, envFiles: [] }), {
      processEnv,
      onError: "throw",
    });
    const secret = Object.fromEntries(describeSettings(config).settings.map((s) => [s.envName, s.secret]));
    expect(secret).toEqual(
      Object.fromEntries([
        ...secretNames.map((name) => [name, true]),
        ...plainNames.map((name) => [name, false]),
      ]),
    );
  });
});
