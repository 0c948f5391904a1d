/** cfgkit's runtime API: define settings, load them at the entrypoint, see where each value came from. */

export { type CfgConfig, defineConfig, type EnvironmentConfig } from "./config.js";
export {
  defineSettings,
  type EnvFileConvention,
  type FlatSettingsOptions,
  isSettingsDefinition,
  type NestedSettingsOptions,
  type SettingsDefinition,
} from "./define.js";
export { canonicalEnvironment } from "./environment.js";
export { SettingsError } from "./errors.js";
export { canonicalize, type Fingerprints, type KeyFingerprint } from "./fingerprint.js";
export type { IssueKind, SettingsIssue } from "./issues.js";
export { type DriftPolicy, type SettingMeta, secret } from "./meta.js";
export {
  describeSettings,
  fingerprint,
  type SettingDescription,
  type SettingsDescription,
} from "./result.js";
export {
  type DeepReadonly,
  type LoadOptions,
  loadSettings,
  type ResolvedSettings,
  resolveSettings,
} from "./settings.js";
export { DEFAULT_LIMITS, type SourceLimits } from "./sources/limits.js";
export { formatOrigin, type Origin } from "./sources/types.js";
export {
  CONFIG_FINGERPRINT_ATTRIBUTE,
  CONFIG_INFO_METRIC,
  ENVIRONMENT_ATTRIBUTE,
  type MetricsRegistry,
  registerSettingsInfoMetric,
  SCHEMA_FINGERPRINT_ATTRIBUTE,
  type SettingsResourceAttributes,
  settingsResourceAttributes,
} from "./telemetry.js";
