/**
 * The canary: a random secret value, and every form in which it could leak. Any output that contains one of
 * {@link canaryTraces} leaked the secret (or enough of it to matter).
 *
 * The random part alternates a letter from g-z with a digit, so none of its 6-character pieces can occur by
 * chance in hex digests (a-f only), in words, or in the rest of cfgkit's output.
 */
import { randomInt } from "node:crypto";
import { expect } from "vitest";

const LETTERS = "ghijklmnopqrstuvwxyz";

/** `CANARY-q7x2k9…` with a fresh random tail of `pairs` letter-digit pairs. */
export function randomCanary(pairs = 10): string {
  let tail = "";
  for (let i = 0; i < pairs; i++) tail += `${LETTERS[randomInt(LETTERS.length)]}${randomInt(10)}`;
  return `CANARY-${tail}`;
}

/** The stable middle of the base64 of `value` at each of the three alignments it can have inside a blob. */
function base64Cores(value: string): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.from(`${"\u0000".repeat(offset)}${value}`).toString("base64");
    cores.push(encoded.slice(4, -4));
  }
  return cores;
}

/**
 * The canary and its transformed forms: URL-encoded, JSON-escaped, base64 (whole and at every alignment),
 * hex, and every 6-character substring of its random tail.
 */
export function canaryTraces(canary: string): string[] {
  const tail = canary.slice(canary.indexOf("-") + 1);
  const traces = new Set<string>([
    canary,
    encodeURIComponent(canary),
    JSON.stringify(canary).slice(1, -1),
    Buffer.from(canary).toString("base64"),
    Buffer.from(canary).toString("base64url"),
    Buffer.from(tail).toString("hex"),
    ...base64Cores(canary),
    ...base64Cores(tail),
  ]);
  for (let i = 0; i + 6 <= tail.length; i++) traces.add(tail.slice(i, i + 6));
  return [...traces].filter((trace) => trace.length >= 6);
}

/** Fails naming the output and the trace when any canary's trace appears in any of the texts. */
export function expectNoCanary(canaries: readonly string[], texts: Record<string, string>): void {
  for (const canary of canaries) {
    for (const trace of canaryTraces(canary)) {
      for (const [label, text] of Object.entries(texts)) {
        if (text.includes(trace)) {
          expect.fail(`${label} contains ${JSON.stringify(trace)} (from the canary ${canary})`);
        }
      }
    }
  }
}
