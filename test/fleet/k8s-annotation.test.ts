// `cfg hash --env NAME --format k8s-annotation`, through the built bin/cfg.js: one YAML line holding the same
// fingerprint as `cfg hash`, that changes exactly when a resolved value does; usage errors for anything but one
// environment; nothing on stdout for an invalid one.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cfgBin, copyOfExample, exampleDir } from "../cli/_cli.js";

const annotationOf = (cwd: string, env: Record<string, string> = {}) =>
  cfgBin(["hash", "--env", "production", "--format", "k8s-annotation"], { cwd, env });

describe("cfg hash --format k8s-annotation", () => {
  it("prints the pod-template annotation with the fingerprint cfg hash prints", () => {
    const result = annotationOf(exampleDir);
    expect(result.code).toBe(0);
    const hash = cfgBin(["hash", "--env", "production", "--format", "json"], { cwd: exampleDir });
    const fingerprint = JSON.parse(hash.stdout).environments.production.fingerprint;
    expect(result.stdout).toBe(`cfgkit.dev/config-fingerprint: ${fingerprint}\n`);
    // Pasted under a Deployment's pod template, it is the annotation a YAML parser (and kubectl) reads.
    const manifest = `spec:\n  template:\n    metadata:\n      annotations:\n        ${result.stdout}`;
    expect(parse(manifest).spec.template.metadata.annotations).toEqual({
      "cfgkit.dev/config-fingerprint": fingerprint,
    });
  });

  it("changes when a resolved value changes and only then (a comment or key order changes nothing)", () => {
    const dir = copyOfExample();
    const before = annotationOf(dir).stdout;
    const file = join(dir, ".env.production");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, `# reordered, commented\n${text.split("\n").filter(Boolean).reverse().join("\n")}\n`);
    expect(annotationOf(dir).stdout).toBe(before);
    writeFileSync(file, text.replace(/^APP_RETRY__JITTER=.*$/m, "APP_RETRY__JITTER=none"));
    const after = annotationOf(dir).stdout;
    expect(after).toMatch(/^cfgkit\.dev\/config-fingerprint: cfg2:sha256:[0-9a-f]{64}\n$/);
    expect(after).not.toBe(before);
  });

  it("a secret enters only through CFG_FINGERPRINT_KEY, and stderr says so without it", () => {
    const dir = copyOfExample();
    const unkeyed = annotationOf(dir);
    expect(unkeyed.stderr).toContain("set CFG_FINGERPRINT_KEY");
    const key = { CFG_FINGERPRINT_KEY: "a-fleet-wide-fingerprint-key-0123456789" };
    const keyed = annotationOf(dir, key).stdout;
    const file = join(dir, ".env.production");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        /^APP_WEBHOOK__SECRET=.*$/m,
        `APP_WEBHOOK__SECRET=${"r".repeat(48)}`,
      ),
    );
    expect(annotationOf(dir).stdout).toBe(unkeyed.stdout);
    expect(annotationOf(dir, key).stdout).not.toBe(keyed);
  });

  it("needs exactly one environment: none, two, --all or --keys are usage errors", () => {
    for (const argv of [
      ["hash", "--format", "k8s-annotation"],
      ["hash", "--env", "staging", "--env", "production", "--format", "k8s-annotation"],
      ["hash", "--all", "--env", "production", "--format", "k8s-annotation"],
      ["hash", "--env", "production", "--keys", "--format", "k8s-annotation"],
    ]) {
      const result = cfgBin(argv, { cwd: exampleDir });
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("--format k8s-annotation takes exactly one --env");
    }
  });

  it("an invalid environment: exit 1, its report on stderr, no annotation to apply", () => {
    const dir = copyOfExample();
    const file = join(dir, ".env.production");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(/^APP_REDIS__URL=.*$/m, "APP_REDIS__URL=not a url"),
    );
    const result = annotationOf(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("APP_REDIS__URL");
  });
});
