// The project config `cfg` finds here: the settings, the environments, and which differences are expected.
import { defineConfig } from "cfgkit";
import { settings } from "./settings.js";

export default defineConfig({
  settings,
  environments: ["development", "staging", "production"],
  drift: {
    // Differ by design: each environment names itself and has its own TLS policy and sizing.
    env: "expected",
    "postgres.sslMode": "expected",
    "postgres.pool.max": "expected",
    "redis.maxLen": "expected",
    "logging.level": "expected",
    "logging.format": "expected",
    // Production calls upstream across regions (config/production.yaml).
    "upstream.read": "expected",
    "upstream.total": "expected",
    // Must match everywhere: a retry storm in one environment is an incident.
    "retry.maxAttempts": "forbidden",
  },
});
