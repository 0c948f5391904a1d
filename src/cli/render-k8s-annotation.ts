/**
 * `cfg hash --format k8s-annotation`: the intended fingerprint as a pod-template annotation (Helm's
 * `checksum/config` pattern), so a rollout happens exactly when the resolved config changes and monitoring can
 * compare it with the fingerprint each pod reports.
 */
export const FINGERPRINT_ANNOTATION = "cfgkit.dev/config-fingerprint";

/** One `key: value` line, valid YAML as it stands, to paste under `spec.template.metadata.annotations`. */
export function renderFingerprintAnnotation(fingerprint: string): string {
  return `${FINGERPRINT_ANNOTATION}: ${fingerprint}\n`;
}
