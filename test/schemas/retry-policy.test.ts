import { describe, expect, it } from "vitest";
import { retryPolicy } from "../../schemas/index.js";
import { issuesOf } from "./_issues.js";

describe("retryPolicy", () => {
  it("defaults every field", () => {
    expect(retryPolicy.parse({})).toEqual({
      maxAttempts: 3,
      baseDelayMs: 200,
      maxDelayMs: 30_000,
      jitter: "full",
      retryableStatuses: [429, 503],
    });
  });

  it("does not share the default status list between parses", () => {
    const first = retryPolicy.parse({});
    first.retryableStatuses.push(500);
    expect(retryPolicy.parse({}).retryableStatuses).toEqual([429, 503]);
  });

  it("accepts delays as ms or durations", () => {
    expect(retryPolicy.parse({ baseDelayMs: "1s", maxDelayMs: "2m" })).toMatchObject({
      baseDelayMs: 1_000,
      maxDelayMs: 120_000,
    });
    expect(retryPolicy.parse({ baseDelayMs: "50", maxDelayMs: 50 })).toMatchObject({
      baseDelayMs: 50,
      maxDelayMs: 50,
    });
  });

  it("bounds maxAttempts to 1..20", () => {
    expect(retryPolicy.parse({ maxAttempts: 1 }).maxAttempts).toBe(1);
    expect(retryPolicy.parse({ maxAttempts: 20 }).maxAttempts).toBe(20);
    expect(issuesOf(retryPolicy, { maxAttempts: 0 })).toEqual([
      { path: ["maxAttempts"], message: "must be at least 1" },
    ]);
    expect(issuesOf(retryPolicy, { maxAttempts: 21 })).toEqual([
      { path: ["maxAttempts"], message: "must be at most 20" },
    ]);
  });

  it("requires maxDelayMs to be at least baseDelayMs, on maxDelayMs", () => {
    expect(issuesOf(retryPolicy, { baseDelayMs: "2s", maxDelayMs: "1s" })).toEqual([
      { path: ["maxDelayMs"], message: "must be at least baseDelayMs" },
    ]);
  });

  it("rejects an unknown jitter with the choices", () => {
    expect(retryPolicy.parse({ jitter: "equal" }).jitter).toBe("equal");
    expect(issuesOf(retryPolicy, { jitter: "decorrelated" })).toEqual([
      { path: ["jitter"], message: "expected one of none, full, equal" },
    ]);
  });

  it("takes a list of status codes, empty included, and points at a bad one", () => {
    expect(retryPolicy.parse({ retryableStatuses: [500, 502] }).retryableStatuses).toEqual([500, 502]);
    expect(retryPolicy.parse({ retryableStatuses: [] }).retryableStatuses).toEqual([]);
    expect(issuesOf(retryPolicy, { retryableStatuses: [429, 600] })).toEqual([
      { path: ["retryableStatuses", 1], message: "must be at most 599" },
    ]);
    expect(issuesOf(retryPolicy, { retryableStatuses: "429,503" })).toEqual([
      {
        path: ["retryableStatuses"],
        message: "expected a JSON array of HTTP status codes, such as [429, 503]",
      },
    ]);
  });
});
