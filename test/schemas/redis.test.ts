import { describe, expect, it } from "vitest";
import { redis } from "../../schemas/index.js";
import { readSettingMeta } from "../../src/meta.js";
import { issuesOf } from "./_issues.js";

describe("redis", () => {
  it("needs only the url; stream and maxLen have defaults", () => {
    expect(redis.parse({ url: "redis://localhost:6379" })).toEqual({
      url: "redis://localhost:6379",
      stream: "events",
      maxLen: 10_000,
    });
  });

  it("accepts redis:// and rediss:// with a password and a database", () => {
    expect(redis.parse({ url: "rediss://:s3cret@cache.internal:6380/2" }).url).toBe(
      "rediss://:s3cret@cache.internal:6380/2",
    );
  });

  it("rejects other schemes and a missing url with the same clear message", () => {
    const message = "expected a redis:// or rediss:// (TLS) URL";
    expect(issuesOf(redis, { url: "http://localhost:6379" })).toEqual([{ path: ["url"], message }]);
    expect(issuesOf(redis, { url: "localhost:6379" })).toEqual([{ path: ["url"], message }]);
    expect(issuesOf(redis, {})).toEqual([{ path: ["url"], message }]);
  });

  it("marks the url secret", () => {
    expect(readSettingMeta(redis.shape.url).secret).toBe(true);
  });

  it("takes a stream name and a maxLen of at least 1000", () => {
    const url = "redis://localhost";
    expect(redis.parse({ url, stream: "orders", maxLen: 1000 })).toMatchObject({
      stream: "orders",
      maxLen: 1000,
    });
    expect(issuesOf(redis, { url, stream: "" })).toEqual([
      { path: ["stream"], message: "must not be empty" },
    ]);
    expect(issuesOf(redis, { url, maxLen: 999 })).toEqual([
      { path: ["maxLen"], message: "must be at least 1000" },
    ]);
    expect(issuesOf(redis, { url, maxLen: "lots" })).toEqual([
      { path: ["maxLen"], message: "expected a whole number of at least 1000" },
    ]);
  });
});
