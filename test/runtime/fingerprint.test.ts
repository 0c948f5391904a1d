// Fingerprints: stable under order and spelling, changed by any value, secrets only through a keyed HMAC.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fingerprintSettings } from "../../src/fingerprint.js";
import { canonicalize, defineSettings, fingerprint, loadSettings, secret } from "../../src/index.js";
import { project } from "../_project.js";

const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({
    timeoutMs: z.union([
      z.number(),
      z
        .string()
        .regex(/^\d+s$/)
        .transform((s) => Number.parseInt(s, 10) * 1000),
    ]),
    debug: z.stringbool(),
    tags: z.array(z.string()).default([]),
    token: secret(z.string()),
  }),
});

function load(files: Record<string, string>, env: Record<string, string> = {}) {
  return loadSettings(settings, { cwd: project(files), processEnv: env, onError: "throw" });
}

describe("fingerprint()", () => {
  it("is versioned and the same for equivalent spellings of the same typed values", () => {
    const a = fingerprint(load({ ".env": "APP_TIMEOUT_MS=3s\nAPP_DEBUG=1\nAPP_TOKEN=t\n" }));
    const b = fingerprint(load({ ".env": "APP_TOKEN=t\nAPP_DEBUG=true\nAPP_TIMEOUT_MS=3000\n" }));
    expect(a.fingerprint).toMatch(/^cfg1:sha256:[0-9a-f]{64}$/);
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  it("changes with any value", () => {
    const base = fingerprint(load({ ".env": "APP_TIMEOUT_MS=3000\nAPP_DEBUG=1\nAPP_TOKEN=t\n" })).fingerprint;
    expect(
      fingerprint(load({ ".env": "APP_TIMEOUT_MS=3001\nAPP_DEBUG=1\nAPP_TOKEN=t\n" })).fingerprint,
    ).not.toBe(base);
    expect(
      fingerprint(load({ ".env": 'APP_TIMEOUT_MS=3000\nAPP_DEBUG=1\nAPP_TOKEN=t\nAPP_TAGS=["a"]\n' }))
        .fingerprint,
    ).not.toBe(base);
  });

  it("without CFG_FINGERPRINT_KEY a secret counts only as present", () => {
    const one = fingerprint(load({ ".env": "APP_TIMEOUT_MS=1\nAPP_DEBUG=1\nAPP_TOKEN=first-secret\n" }));
    const two = fingerprint(
      load({ ".env": "APP_TIMEOUT_MS=1\nAPP_DEBUG=1\nAPP_TOKEN=second-secret-longer\n" }),
    );
    expect(one.fingerprint).toBe(two.fingerprint);
    expect(one.secretsKeyed).toBe(false);
    expect(one.keys.find((k) => k.path === "token")).toEqual({
      path: "token",
      fingerprint: "present",
      secret: true,
    });
  });

  it("with CFG_FINGERPRINT_KEY a secret enters through HMAC: different secrets differ, the key matters", () => {
    const files = (token: string) => ({ ".env": `APP_TIMEOUT_MS=1\nAPP_DEBUG=1\nAPP_TOKEN=${token}\n` });
    const keyed = (token: string, key: string) =>
      fingerprint(load(files(token), { CFG_FINGERPRINT_KEY: key }));
    expect(keyed("first", "k1").fingerprint).not.toBe(keyed("second", "k1").fingerprint);
    expect(keyed("first", "k1").fingerprint).toBe(keyed("first", "k1").fingerprint);
    expect(keyed("first", "k1").fingerprint).not.toBe(keyed("first", "k2").fingerprint);
    expect(keyed("first", "k1").keys.find((k) => k.path === "token")?.fingerprint).toMatch(
      /^hmac:[0-9a-f]{32}$/,
    );
    expect(JSON.stringify(keyed("first", "k1"))).not.toContain("first");
  });
});

describe("the canonical form", () => {
  it("ignores key order at any depth and encodes every type explicitly", () => {
    expect(canonicalize({ b: { y: 1, x: 2 }, a: [1, 2] })).toBe(
      canonicalize({ a: [1, 2], b: { x: 2, y: 1 } }),
    );
    expect(canonicalize([1, 2])).not.toBe(canonicalize([2, 1]));
    expect(
      canonicalize(
        new Map([
          ["b", 1],
          ["a", 2],
        ]),
      ),
    ).toBe(
      canonicalize(
        new Map([
          ["a", 2],
          ["b", 1],
        ]),
      ),
    );
    expect(canonicalize(new Set([2, 1]))).toBe(canonicalize(new Set([1, 2])));
    expect(canonicalize(new Map())).not.toBe(canonicalize({}));
    expect(canonicalize(new Set())).not.toBe(canonicalize([]));
    expect(canonicalize(1n)).not.toBe(canonicalize(1));
    expect(canonicalize("1")).not.toBe(canonicalize(1));
    expect(canonicalize({ a: undefined })).not.toBe(canonicalize({}));
    expect(canonicalize(new Date(0))).toBe("d1970-01-01T00:00:00.000Z");
    expect(canonicalize(new URL("https://h/p"))).toBe(canonicalize(new URL("https://h/p")));
    expect(canonicalize(-0)).toBe(canonicalize(0));
  });

  it("refuses values it cannot represent", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/contains itself/);
    expect(() => canonicalize(() => 1)).toThrow(/function/);
  });

  it("is pinned: the same input gives the same digest on every machine, run and Node version", () => {
    const pinned = fingerprintSettings([
      { path: "http.port", value: 8080, secret: false },
      { path: "http.host", value: "0.0.0.0", secret: false },
      { path: "tags", value: ["a", "b"], secret: false },
      { path: "token", value: "t", secret: true },
    ]);
    expect(pinned.fingerprint).toMatchInlineSnapshot(
      `"cfg1:sha256:41f39c96909c0103248f98e02d62eac8666d472b671c55336bb03c2383501439"`,
    );
  });
});
