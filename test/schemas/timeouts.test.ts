import { describe, expect, it } from "vitest";
import { duration, timeouts } from "../../schemas/index.js";
import { issuesOf } from "./_issues.js";

const EXPECTED = "expected a duration such as 250ms, 3s or 1m (a bare number means milliseconds)";

describe("duration", () => {
  const any = duration();

  it.each([
    ["250ms", 250],
    ["3s", 3_000],
    ["1m", 60_000],
    ["1h", 3_600_000],
    ["1.5s", 1_500],
    ["1.1s", 1_100],
    ["0.5m", 30_000],
    ["3000", 3_000],
    ["0", 0],
    [3000, 3_000],
  ])("reads %j as %d ms", (input, ms) => {
    expect(any.parse(input)).toBe(ms);
  });

  it.each(["3 s", "3sec", "-1s", "1.5.0s", "", "s", "1e3", "1d"])("rejects %j with an example", (input) => {
    expect(issuesOf(any, input)).toEqual([{ path: [], message: EXPECTED }]);
  });

  it("rejects values of other types with the same message", () => {
    expect(issuesOf(any, true)).toEqual([{ path: [], message: EXPECTED }]);
    expect(issuesOf(any, Number.NaN)).toEqual([{ path: [], message: EXPECTED }]);
  });

  it("rejects fractions of a millisecond", () => {
    expect(issuesOf(any, "0.5ms")).toEqual([{ path: [], message: "must be a whole number of milliseconds" }]);
    expect(issuesOf(any, 1.5)).toEqual([{ path: [], message: "must be a whole number of milliseconds" }]);
  });

  it("enforces bounds given in ms or with a unit, and names them in the largest exact unit", () => {
    const bounded = duration({ min: "1s", max: 90_000 });
    expect(bounded.parse("1s")).toBe(1_000);
    expect(bounded.parse("1.5m")).toBe(90_000);
    expect(issuesOf(bounded, "999ms")).toEqual([{ path: [], message: "must be at least 1s" }]);
    expect(issuesOf(bounded, 999)).toEqual([{ path: [], message: "must be at least 1s" }]);
    expect(issuesOf(bounded, "2m")).toEqual([{ path: [], message: "must be at most 90s" }]);
  });

  it("refuses bounds that make no sense", () => {
    expect(() => duration({ min: "2s", max: "1s" })).toThrow(RangeError);
    expect(() => duration({ min: -1 })).toThrow(RangeError);
  });
});

describe("timeouts", () => {
  it("defaults every field, in ms", () => {
    expect(timeouts.parse({})).toEqual({ connect: 5_000, read: 30_000, total: 60_000 });
  });

  it("accepts every duration spelling", () => {
    expect(timeouts.parse({ connect: "250ms", read: "3000", total: 90_000 })).toEqual({
      connect: 250,
      read: 3_000,
      total: 90_000,
    });
  });

  it("reports a bad spelling on its own path", () => {
    expect(issuesOf(timeouts, { read: "30 seconds" })).toEqual([{ path: ["read"], message: EXPECTED }]);
  });

  it("enforces each field's bounds", () => {
    expect(issuesOf(timeouts, { connect: 0 })).toEqual([
      { path: ["connect"], message: "must be at least 1ms" },
    ]);
    expect(issuesOf(timeouts, { connect: "6m", total: "1h" })).toEqual([
      { path: ["connect"], message: "must be at most 5m" },
    ]);
  });

  it("requires total to cover connect and read, on total", () => {
    expect(issuesOf(timeouts, { connect: "10s", total: "8s", read: "5s" })).toEqual([
      { path: ["total"], message: "must be at least the connect timeout" },
    ]);
    expect(issuesOf(timeouts, { total: "10s" })).toEqual([
      { path: ["total"], message: "must be at least the read timeout" },
    ]);
    expect(issuesOf(timeouts, { connect: "2m", read: "3m", total: "1m" })).toEqual([
      { path: ["total"], message: "must be at least the connect timeout" },
      { path: ["total"], message: "must be at least the read timeout" },
    ]);
  });
});
