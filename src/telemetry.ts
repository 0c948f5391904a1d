/**
 * Where monitoring can see which configuration a service runs: OpenTelemetry resource attributes and a
 * Prometheus info metric, each carrying the fingerprint `cfg hash` prints for the same environment. Neither
 * library is imported here: the attributes are plain data for the SDK's resource, and prom-client (an optional
 * peer dependency) is loaded only when the metric is registered.
 */
import { fingerprint, loadedFrom } from "./result.js";
import { schemaFingerprint } from "./schema-fingerprint.js";

export const CONFIG_FINGERPRINT_ATTRIBUTE = "cfgkit.config.fingerprint";
export const SCHEMA_FINGERPRINT_ATTRIBUTE = "cfgkit.schema.fingerprint";
/** OpenTelemetry's semantic convention for the deployment environment. */
export const ENVIRONMENT_ATTRIBUTE = "deployment.environment.name";
export const CONFIG_INFO_METRIC = "cfgkit_config_info";

export interface SettingsResourceAttributes {
  [CONFIG_FINGERPRINT_ATTRIBUTE]: string;
  [SCHEMA_FINGERPRINT_ATTRIBUTE]: string;
  [ENVIRONMENT_ATTRIBUTE]: string;
}

/**
 * OpenTelemetry resource attributes for loaded settings: the config fingerprint (secrets only through HMAC with
 * `CFG_FINGERPRINT_KEY`, else by presence), the schema fingerprint (as in snapshots) and the environment.
 *
 * @example
 * import { resourceFromAttributes } from "@opentelemetry/resources";
 * const resource = resourceFromAttributes({ "service.name": "orders", ...settingsResourceAttributes(config) });
 */
export function settingsResourceAttributes(settings: object): SettingsResourceAttributes {
  const { environment, definition } = loadedFrom(settings, "settingsResourceAttributes");
  return {
    [CONFIG_FINGERPRINT_ATTRIBUTE]: fingerprint(settings).fingerprint,
    [SCHEMA_FINGERPRINT_ATTRIBUTE]: schemaFingerprint(definition),
    [ENVIRONMENT_ATTRIBUTE]: environment,
  };
}

/** What this needs of a prom-client `Registry` (any prom-client 14 or later has it). */
export interface MetricsRegistry {
  getSingleMetric(name: string): unknown;
  removeSingleMetric(name: string): void;
}

/**
 * Registers `cfgkit_config_info{environment, fingerprint, schema_fingerprint} 1` on the registry: an info
 * metric, so that a query can list pods whose fingerprint differs from their deployment's. Registering again
 * (settings reloaded) replaces the series. Needs prom-client installed; cfgkit does not depend on it.
 *
 * @example
 * import { register } from "prom-client";
 * await registerSettingsInfoMetric(config, register);
 */
export async function registerSettingsInfoMetric(settings: object, registry: MetricsRegistry): Promise<void> {
  const attributes = settingsResourceAttributes(settings);
  const { Gauge } = await loadPromClient();
  if (registry.getSingleMetric(CONFIG_INFO_METRIC)) registry.removeSingleMetric(CONFIG_INFO_METRIC);
  const gauge = new Gauge({
    name: CONFIG_INFO_METRIC,
    help: "The configuration this process loaded: its cfgkit fingerprint, schema fingerprint and environment (always 1).",
    labelNames: ["environment", "fingerprint", "schema_fingerprint"] as const,
    // The caller's registry, from the caller's copy of prom-client: its shape is all that matters.
    registers: [registry as never],
  });
  gauge.set(
    {
      environment: attributes[ENVIRONMENT_ATTRIBUTE],
      fingerprint: attributes[CONFIG_FINGERPRINT_ATTRIBUTE],
      schema_fingerprint: attributes[SCHEMA_FINGERPRINT_ATTRIBUTE],
    },
    1,
  );
}

async function loadPromClient(): Promise<typeof import("prom-client")> {
  try {
    const loaded = (await import("prom-client")) as typeof import("prom-client") & {
      default?: typeof import("prom-client");
    };
    return loaded.Gauge ? loaded : (loaded.default ?? loaded);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND")
      throw new Error(
        "registerSettingsInfoMetric needs prom-client, an optional peer dependency of cfgkit: npm install prom-client",
        { cause: error },
      );
    throw error;
  }
}
