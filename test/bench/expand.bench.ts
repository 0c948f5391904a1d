// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is the subject under test
/**
 * expandEnv against dotenv-expand 12 on realistic .env files (`npx vitest bench test/bench/expand.bench.ts`).
 * dotenv-expand is left out at 10,000 lines: it takes many seconds per run there (see src/expand.ts).
 */
import { expand } from "dotenv-expand";
import { bench, describe } from "vitest";
import { expandEnv } from "../../src/expand.js";
import { sizes } from "./fixtures/smoke.js";

/** n lines: plain values, numbers, URLs, and about one line in three referring to earlier keys or $HOME. */
function makeEnvFile(n: number): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const lines = [
      `value-${i}-plain-text-without-references`,
      String(1000 + i),
      `http://localhost:\${SERVICE_${i - 1}_SETTING}/api/v${i}`,
      `postgres://user:pass@db.internal:5432/app_${i}`,
      `\${HOME}/data/$SERVICE_${i - 2}_SETTING/\${MISSING_${i}:-fallback}`,
      "true",
    ];
    parsed[`SERVICE_${i}_SETTING`] = lines[i % lines.length] as string;
  }
  return parsed;
}

const processEnv: Record<string, string> = { HOME: "/home/app" };
for (let i = 0; i < 100; i++) processEnv[`AMBIENT_${i}`] = `/usr/local/bin:${i}`;

for (const lines of sizes([100, 1_000, 10_000], [100])) {
  const parsed = makeEnvFile(lines);
  describe(`${lines} lines`, () => {
    bench("expandEnv", () => {
      expandEnv(parsed, processEnv);
    });
    if (lines <= 1_000) {
      bench("dotenv-expand 12", () => {
        expand({ parsed: { ...parsed }, processEnv: { ...processEnv } });
      });
    }
  });
}
