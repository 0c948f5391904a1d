import { describe, expect, it } from "vitest";
import { webhook } from "../../schemas/index.js";
import { readSettingMeta } from "../../src/meta.js";
import { issuesOf } from "./_issues.js";

const secret = "k".repeat(32);

describe("webhook", () => {
  it("needs only the secret; header and tolerance have defaults, url is optional", () => {
    expect(webhook.parse({ secret })).toEqual({
      secret,
      signatureHeader: "x-webhook-signature",
      tolerance: 300_000,
    });
  });

  it("reports a missing secret", () => {
    expect(issuesOf(webhook, {})).toEqual([{ path: ["secret"], message: "expected a string" }]);
  });

  it("says how long a short secret is and how long it must be, never what it is", () => {
    const short = "tooShortButSecret-7Hq2";
    const result = webhook.safeParse({ secret: short });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ["secret"], message: `has ${short.length} characters, needs at least 32` },
    ]);
    expect(JSON.stringify(result.error?.issues)).not.toContain(short);
    expect(result.error?.message).not.toContain(short);
  });

  it("marks the secret secret", () => {
    expect(readSettingMeta(webhook.shape.secret).secret).toBe(true);
  });

  it("lower-cases the signature header and rejects what cannot be a header name", () => {
    expect(webhook.parse({ secret, signatureHeader: "X-Hub-Signature-256" }).signatureHeader).toBe(
      "x-hub-signature-256",
    );
    expect(issuesOf(webhook, { secret, signatureHeader: "x signature" })).toEqual([
      { path: ["signatureHeader"], message: "expected an HTTP header name, such as x-webhook-signature" },
    ]);
  });

  it("takes the tolerance as a duration between 1s and 1h", () => {
    expect(webhook.parse({ secret, tolerance: "30s" }).tolerance).toBe(30_000);
    expect(issuesOf(webhook, { secret, tolerance: "500ms" })).toEqual([
      { path: ["tolerance"], message: "must be at least 1s" },
    ]);
  });

  it("accepts an http(s) delivery url and rejects other schemes", () => {
    expect(webhook.parse({ secret, url: "https://hooks.example.com/in" }).url).toBe(
      "https://hooks.example.com/in",
    );
    expect(issuesOf(webhook, { secret, url: "ftp://hooks.example.com" })).toEqual([
      { path: ["url"], message: "expected an http:// or https:// URL" },
    ]);
  });
});
