// Fingerprints where monitoring looks, with the real libraries: settingsResourceAttributes() on an
// OpenTelemetry resource (spans exported in memory carry it) and registerSettingsInfoMetric() on a prom-client
// registry (its exposition text parsed back). Both carry what `cfg hash` and `cfg snapshot` say for the same
// environment. Neither library is loaded by importing cfgkit or by the attributes.
import { resolve } from "node:path";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import {
  loadSettings,
  registerSettingsInfoMetric,
  type SettingsDefinition,
  settingsResourceAttributes,
} from "../../src/index.js";
import { loadedModules } from "../bench/fixtures/loaded-modules.mjs";
import { cfgBin, exampleDir } from "../cli/_cli.js";

const root = resolve(import.meta.dirname, "../..");
// The example service's own definition (plain JavaScript, hence the cast).
const { settings } = (await import("../../examples/service/settings.js" as string)) as {
  settings: SettingsDefinition;
};
const load = (env: string, processEnv: Record<string, string> = {}): object =>
  loadSettings(settings, { env, cwd: exampleDir, processEnv, onError: "throw" }) as object;

/** Prometheus text exposition: every sample as name, labels and value. */
function samples(text: string): { name: string; labels: Record<string, string>; value: string }[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      expect(match, line).not.toBeNull();
      const [, name, labelText = "", value] = match as unknown as string[];
      const labels = Object.fromEntries(
        [...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
          m[1],
          m[2]?.replace(/\\(.)/g, "$1"),
        ]),
      );
      return { name: name as string, labels: labels as Record<string, string>, value: value as string };
    });
}

describe("settingsResourceAttributes", () => {
  it("names the fingerprint cfg hash prints, the schema fingerprint cfg snapshot records, and the environment", () => {
    const attributes = settingsResourceAttributes(load("production"));
    const hash = JSON.parse(
      cfgBin(["hash", "--env", "production", "--format", "json"], { cwd: exampleDir }).stdout,
    );
    const snapshot = JSON.parse(cfgBin(["snapshot", "--env", "production"], { cwd: exampleDir }).stdout);
    expect(attributes).toEqual({
      "cfgkit.config.fingerprint": hash.environments.production.fingerprint,
      "cfgkit.schema.fingerprint": snapshot.schemaFingerprint,
      "deployment.environment.name": "production",
    });
    // The annotation a manifest carries is the same string, so the two can be compared.
    const annotation = cfgBin(["hash", "--env", "production", "--format", "k8s-annotation"], {
      cwd: exampleDir,
    });
    expect(annotation.stdout).toBe(
      `cfgkit.dev/config-fingerprint: ${attributes["cfgkit.config.fingerprint"]}\n`,
    );
  });

  it("differs between environments whose values differ; the schema fingerprint does not", () => {
    const staging = settingsResourceAttributes(load("staging"));
    const production = settingsResourceAttributes(load("production"));
    expect(staging["cfgkit.config.fingerprint"]).not.toBe(production["cfgkit.config.fingerprint"]);
    expect(staging["cfgkit.schema.fingerprint"]).toBe(production["cfgkit.schema.fingerprint"]);
  });

  it("rides on an OpenTelemetry resource: every exported span carries it", async () => {
    const attributes = settingsResourceAttributes(load("staging"));
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": "orders", ...attributes }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    provider.getTracer("cfgkit-test").startSpan("boot").end();
    await provider.forceFlush();
    const [span] = exporter.getFinishedSpans();
    expect(span?.resource.attributes).toMatchObject({ "service.name": "orders", ...attributes });
    await provider.shutdown();
  });

  it("takes only what loadSettings returned", () => {
    expect(() => settingsResourceAttributes({})).toThrow(TypeError);
  });
});

describe("registerSettingsInfoMetric", () => {
  it("cfgkit_config_info{environment, fingerprint, schema_fingerprint} 1, read back from the exposition", async () => {
    const config = load("staging");
    const registry = new Registry();
    await registerSettingsInfoMetric(config, registry);
    const text = await registry.metrics();
    expect(text).toContain("# TYPE cfgkit_config_info gauge");
    const attributes = settingsResourceAttributes(config);
    expect(samples(text)).toEqual([
      {
        name: "cfgkit_config_info",
        labels: {
          environment: "staging",
          fingerprint: attributes["cfgkit.config.fingerprint"],
          schema_fingerprint: attributes["cfgkit.schema.fingerprint"],
        },
        value: "1",
      },
    ]);
  });

  it("registering again (settings reloaded) replaces the series instead of throwing or adding one", async () => {
    const registry = new Registry();
    await registerSettingsInfoMetric(load("staging"), registry);
    await registerSettingsInfoMetric(load("production"), registry);
    const found = samples(await registry.metrics());
    expect(found.map((s) => s.labels.environment)).toEqual(["production"]);
  });

  it("a secret changes the fingerprint label only through CFG_FINGERPRINT_KEY, and never appears", async () => {
    const secret = "s3cret-webhook-value-that-is-long-enough-0001";
    const key = { CFG_FINGERPRINT_KEY: "fleet-fingerprint-key-0123456789abcdef" };
    const text = async (processEnv: Record<string, string>) => {
      const registry = new Registry();
      await registerSettingsInfoMetric(load("staging", processEnv), registry);
      return registry.metrics();
    };
    const plain = await text({});
    expect(await text({ APP_WEBHOOK__SECRET: secret })).toBe(plain);
    const keyed = await text({ ...key, APP_WEBHOOK__SECRET: secret });
    expect(keyed).not.toBe(await text({ ...key, APP_WEBHOOK__SECRET: `${secret}-rotated` }));
    expect(keyed).not.toContain(secret);
  });
});

describe("neither library is loaded unless used", () => {
  const monitoring = (packages: string[]) =>
    packages.filter((name) => name === "prom-client" || name.startsWith("@opentelemetry/"));
  const loadAndDescribe = `
    const cfgkit = await import("cfgkit");
    const { settings } = await import("./examples/service/settings.js");
    const config = cfgkit.loadSettings(settings, { env: "staging", cwd: "./examples/service", processEnv: {}, onError: "throw" });
    cfgkit.settingsResourceAttributes(config);
  `;

  it("importing cfgkit and computing the attributes loads no monitoring package", () => {
    expect(monitoring(loadedModules(loadAndDescribe, root).packages)).toEqual([]);
  });

  it("the built package registers the metric with the caller's prom-client (loaded, not bundled), no OpenTelemetry", () => {
    const code = `${loadAndDescribe}
      const { Registry } = await import("prom-client");
      await cfgkit.registerSettingsInfoMetric(config, new Registry());`;
    const { urls, packages } = loadedModules(code, root);
    // prom-client from the caller's node_modules, not a copy inside cfgkit's dist/.
    expect(urls.some((url) => url.includes("/node_modules/prom-client/"))).toBe(true);
    // (prom-client itself may load @opentelemetry/api for exemplars; the SDK packages stay out.)
    expect(
      packages.filter((name) => name.startsWith("@opentelemetry/") && name !== "@opentelemetry/api"),
    ).toEqual([]);
  });
});
