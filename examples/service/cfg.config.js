// The project config `cfg` finds here: the settings, the environments, and which differences are expected.
import { defineConfig } from "cfgkit";
import { settings } from "./settings.js";

export default defineConfig({
  settings,
  environments: ["development", "staging", "production"],
  drift: {
    // Sized per environment on purpose.
    "postgres.pool.max": "expected",
    "redis.maxLen": "expected",
    "logging.level": "expected",
    // Must match everywhere: a retry storm in one environment is an incident.
    "retry.maxAttempts": "forbidden",
  },
});
