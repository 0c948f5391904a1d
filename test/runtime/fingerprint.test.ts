// Fingerprints: stable under order and spelling, changed by any value, secrets only through a keyed HMAC.

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FINGERPRINT_FORMAT, fingerprintSettings, keyFingerprints } from "../../src/fingerprint.js";
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
    expect(a.fingerprint).toMatch(/^cfg2:sha256:[0-9a-f]{64}$/);
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
      `"cfg2:sha256:3e2348b886a85662abaa101227687e7bd0373fb7a8ec2c64bc127dd0db350353"`,
    );
    // The canonical text it hashes: [path, leaf, …] in path order, other values and tokens as [text].
    const text = JSON.stringify([
      "http.host",
      "0.0.0.0",
      "http.port",
      8080,
      "tags",
      ['[s"a",s"b"]'],
      "token",
      ["P"],
    ]);
    expect(pinned.fingerprint).toBe(`cfg2:sha256:${createHash("sha256").update(text).digest("hex")}`);
    // The per-key digests kept their cfg1 form (these are cfg1's): snapshots and lock files still compare.
    expect(pinned.keys.map((k) => k.fingerprint)).toEqual([
      "sha256:29c05044a62983e897de1de067158ec8",
      "sha256:c810fc394716bf73a935fc7ab6b9d23d",
      "sha256:d6dfc97cc43a251fe824dc0c6ae9a7bf",
      "present",
    ]);
  });
});

describe("the whole fingerprint and the per-key digests", () => {
  const fp = (inputs: { path: string; value: unknown; secret?: boolean }[], key?: string) =>
    fingerprintSettings(
      inputs.map((input) => ({ ...input, secret: input.secret === true })),
      key,
    ).fingerprint;

  it("is one versioned digest, the same whatever order the keys come in", () => {
    const inputs = [
      { path: "b.x", value: 1 },
      { path: "a", value: "x" },
      { path: "b", value: { y: [1, 2] } },
      { path: "c", value: new Date(0) },
    ];
    expect(FINGERPRINT_FORMAT).toBe("cfg2");
    expect(fp(inputs)).toMatch(/^cfg2:sha256:[0-9a-f]{64}$/);
    expect(fp([...inputs].reverse())).toBe(fp(inputs));
    expect(fp([inputs[2], inputs[0], inputs[3], inputs[1]] as typeof inputs)).toBe(fp(inputs));
  });

  it("keeps types, paths and tokens apart: no two different settings spell the same text", () => {
    const distinct = [
      [{ path: "a", value: 1 }],
      [{ path: "a", value: "1" }],
      [{ path: "a", value: 1n }],
      [{ path: "a", value: true }],
      [{ path: "a", value: "true" }],
      [{ path: "a", value: null }],
      [{ path: "a", value: Number.NaN }],
      [{ path: "a", value: Number.POSITIVE_INFINITY }],
      [{ path: "a", value: "P" }],
      [{ path: "a", value: "x", secret: true }],
      [{ path: "a", value: ["x"] }],
      [{ path: "a", value: '[s"x"]' }],
      [
        { path: "a", value: "b" },
        { path: "c", value: "d" },
      ],
      [{ path: "a", value: 'b","c' }],
      [{ path: 'a","b', value: "c" }],
      [{ path: "a", value: new Date(0) }],
      [{ path: "a", value: new Date(0).toISOString() }],
      [],
    ];
    const digests = distinct.map((inputs) => fp(inputs));
    expect(new Set(digests).size).toBe(distinct.length);
    // Leaves whose value is undefined are left out, as if unset; -0 is 0.
    expect(fp([{ path: "a", value: undefined }])).toBe(fp([]));
    expect(fp([{ path: "a", value: -0 }])).toBe(fp([{ path: "a", value: 0 }]));
  });

  it("lets no secret in: a secret and a URL password enter only keyed, or as presence and masked form", () => {
    const url = (password: string) => `postgres://orders:${password}@db.internal/orders`;
    for (const [a, b] of [
      ["first-password", "second-password"],
      ["p", "another"],
    ] as const) {
      expect(fp([{ path: "db.url", value: url(a) }])).toBe(fp([{ path: "db.url", value: url(b) }]));
      expect(fp([{ path: "t", value: a, secret: true }])).toBe(fp([{ path: "t", value: b, secret: true }]));
      expect(fp([{ path: "db.url", value: url(a) }], "k")).not.toBe(
        fp([{ path: "db.url", value: url(b) }], "k"),
      );
      expect(fp([{ path: "t", value: a, secret: true }], "k")).not.toBe(
        fp([{ path: "t", value: b, secret: true }], "k"),
      );
      // Keyed, the key matters: without it no one can test a guess against the fingerprint.
      expect(fp([{ path: "t", value: a, secret: true }], "k1")).not.toBe(
        fp([{ path: "t", value: a, secret: true }], "k2"),
      );
    }
    const counted = fingerprintSettings([
      { path: "db.url", value: url("x"), secret: false },
      { path: "t", value: "x", secret: true },
      { path: "plain", value: "postgres://db.internal/orders", secret: false },
    ]);
    expect(counted.secretCount).toBe(2);
    expect(counted.secretsKeyed).toBe(false);
  });

  it("computes per-key digests only when asked, the same as keyFingerprints gives", () => {
    const inputs = [
      { path: "z", value: [1, { a: "postgres://u:pw@h/db" }], secret: false },
      { path: "a", value: "x", secret: true },
      { path: "m", value: undefined, secret: false },
    ];
    const result = fingerprintSettings(inputs, "k");
    expect(result.keyCount).toBe(2);
    expect(result.keys).toEqual(keyFingerprints(inputs, "k"));
    expect(result.keys.map((k) => k.path)).toEqual(["a", "z"]);
    expect(result.keys.every((k) => /^hmac:[0-9a-f]{32}$/.test(k.fingerprint))).toBe(true);
    expect(JSON.parse(JSON.stringify(result)).keys).toEqual(result.keys);
  });
});
