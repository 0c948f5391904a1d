import { describe, expect, it } from "vitest";
import { httpServer } from "../../schemas/index.js";
import { issuesOf } from "./_issues.js";

describe("httpServer", () => {
  it("defaults every field, so it needs no env", () => {
    expect(httpServer.parse({})).toEqual({ host: "0.0.0.0", port: 3000 });
  });

  it("accepts a host and a port at both ends of the range", () => {
    expect(httpServer.parse({ host: "127.0.0.1", port: 1024 })).toEqual({ host: "127.0.0.1", port: 1024 });
    expect(httpServer.parse({ port: 65535 }).port).toBe(65535);
  });

  it("rejects privileged, out-of-range and fractional ports", () => {
    expect(issuesOf(httpServer, { port: 80 })).toEqual([
      { path: ["port"], message: "must be at least 1024" },
    ]);
    expect(issuesOf(httpServer, { port: 70000 })).toEqual([
      { path: ["port"], message: "must be at most 65535" },
    ]);
    expect(issuesOf(httpServer, { port: 3000.5 })).toEqual([
      { path: ["port"], message: "expected a whole number from 1024 to 65535" },
    ]);
  });

  it("rejects a port that is not a number (cfgkit converts numeric env strings before this)", () => {
    expect(issuesOf(httpServer, { port: "http" })).toEqual([
      { path: ["port"], message: "expected a whole number from 1024 to 65535" },
    ]);
  });

  it("rejects an empty host", () => {
    expect(issuesOf(httpServer, { host: "" })).toEqual([{ path: ["host"], message: "must not be empty" }]);
  });

  it("describes each field", () => {
    expect(httpServer.shape.port.meta()?.description).toMatch(/TCP port/);
    expect(httpServer.shape.host.meta()?.description).toMatch(/Interface/);
  });
});
