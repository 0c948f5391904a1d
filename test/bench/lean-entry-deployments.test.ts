/**
 * The deployment sources keep the runtime entry lean: a service that reads a secrets directory and `_FILE`
 * variables at startup loads no extra dependency (not even yaml); one that reads Kubernetes manifests or a
 * Compose file loads yaml, and still nothing of the CLI. Same load-recording hook as lean-entry.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadedModules } from "./fixtures/loaded-modules.mjs";

const root = resolve(import.meta.dirname, "../..");
const CLI_ONLY = ["commander", "diff", "jiti", "yaml"];
const project = mkdtempSync(join(tmpdir(), "cfgkit-lean-deploy-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, "secrets"));
writeFileSync(join(project, "secrets", "webhook__secret"), `${"s".repeat(40)}\n`);
writeFileSync(join(project, "redis-url"), "redis://cache:6379/0\n");

const load = (options: Record<string, unknown>, processEnv: Record<string, string>) => `
  const { loadSettings } = await import("cfgkit");
  const { settings } = await import("./examples/service/settings.js");
  const config = loadSettings(settings, { env: "staging", cwd: ${JSON.stringify(project)}, processEnv: ${JSON.stringify(processEnv)}, onError: "throw", ...${JSON.stringify(options)} });
  if (config.webhook.secret.length !== 40) throw new Error("the secrets directory was not read");
`;

const cliModules = (sources: string[]) => sources.filter((path) => path.startsWith("src/cli/"));
const STAGING = { APP_ENV: "staging", APP_POSTGRES__URL: "postgres://orders:pw@db:5432/orders" };

describe("runtime entry with deployment sources", () => {
  it("a secrets directory and KEY_FILE load no CLI module and no extra dependency, not even yaml", () => {
    const { sources, packages } = loadedModules(
      load(
        { secretsDir: { path: "secrets", prefix: "APP_" }, fileEnv: true },
        { ...STAGING, APP_REDIS__URL_FILE: "redis-url" },
      ),
      root,
    );
    expect(sources).toContain("src/sources/secret-files.ts");
    expect(cliModules(sources)).toEqual([]);
    expect(packages.filter((name) => CLI_ONLY.includes(name))).toEqual([]);
  });

  it("Kubernetes manifests load yaml, and still nothing of the CLI", () => {
    const manifests = resolve(root, "examples/service/deploy/rendered/staging.yaml");
    const { sources, packages } = loadedModules(
      load({ kubernetes: { manifests, workload: "deployment/orders", container: "orders" } }, {}).replace(
        "config.webhook.secret.length !== 40",
        "config.env !== 'staging'",
      ),
      root,
    );
    expect(packages).toContain("yaml");
    expect(cliModules(sources)).toEqual([]);
    expect(packages.filter((name) => CLI_ONLY.includes(name) && name !== "yaml")).toEqual([]);
  });
});
