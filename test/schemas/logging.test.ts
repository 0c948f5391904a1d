import { describe, expect, it } from "vitest";
import { logging } from "../../schemas/index.js";
import { issuesOf } from "./_issues.js";

describe("logging", () => {
  it("defaults to info as json", () => {
    expect(logging.parse({})).toEqual({ level: "info", format: "json" });
  });

  it("accepts every level and both formats", () => {
    for (const level of ["trace", "debug", "info", "warn", "error", "fatal"]) {
      expect(logging.parse({ level }).level).toBe(level);
    }
    expect(logging.parse({ format: "pretty" }).format).toBe("pretty");
  });

  it("rejects unknown values with the choices", () => {
    expect(issuesOf(logging, { level: "verbose", format: "text" })).toEqual([
      { path: ["level"], message: "expected one of trace, debug, info, warn, error, fatal" },
      { path: ["format"], message: "expected one of json, pretty" },
    ]);
  });
});
