import { describe, expect, it } from "vitest";
import { postgres } from "../../schemas/index.js";
import { readSettingMeta } from "../../src/meta.js";
import { issuesOf } from "./_issues.js";

const url = "postgres://app:hunter2@db.internal:5432/app";

describe("postgres", () => {
  it("needs only the url; the rest has defaults", () => {
    expect(postgres.parse({ url })).toEqual({
      url,
      pool: { min: 0, max: 10 },
      sslMode: "prefer",
      statementTimeoutMs: 30_000,
    });
  });

  it("reports a missing url on its path", () => {
    expect(issuesOf(postgres, {})).toEqual([
      { path: ["url"], message: "expected a postgres:// or postgresql:// URL" },
    ]);
  });

  it("accepts both schemes and a socket URL without a host", () => {
    expect(postgres.parse({ url: "postgresql://db/app" }).url).toBe("postgresql://db/app");
    expect(postgres.parse({ url: "postgresql:///app?host=/var/run/postgresql" }).url).toBe(
      "postgresql:///app?host=/var/run/postgresql",
    );
  });

  it("rejects other schemes and non-URLs without echoing them", () => {
    for (const bad of ["mysql://app:hunter2@db/app", "not a url"]) {
      const issues = issuesOf(postgres, { url: bad });
      expect(issues).toEqual([{ path: ["url"], message: "expected a postgres:// or postgresql:// URL" }]);
      expect(JSON.stringify(issues)).not.toContain("hunter2");
    }
  });

  it("marks the url secret and expected to differ between environments", () => {
    expect(readSettingMeta(postgres.shape.url)).toMatchObject({ secret: true, drift: "expected" });
  });

  it("accepts a pool and fills in the missing bound", () => {
    expect(postgres.parse({ url, pool: { min: 2, max: 20 } }).pool).toEqual({ min: 2, max: 20 });
    expect(postgres.parse({ url, pool: { max: 1 } }).pool).toEqual({ min: 0, max: 1 });
    expect(postgres.parse({ url, pool: { min: 5, max: 5 } }).pool).toEqual({ min: 5, max: 5 });
  });

  it("rejects a pool whose max is below its min, on pool.max", () => {
    expect(issuesOf(postgres, { url, pool: { min: 5, max: 2 } })).toEqual([
      { path: ["pool", "max"], message: "must be at least pool.min" },
    ]);
    // min above the default max is the same mistake
    expect(issuesOf(postgres, { url, pool: { min: 20 } })).toEqual([
      { path: ["pool", "max"], message: "must be at least pool.min" },
    ]);
  });

  it("rejects a pool bound out of range", () => {
    expect(issuesOf(postgres, { url, pool: { max: 0 } })).toEqual([
      { path: ["pool", "max"], message: "must be at least 1" },
    ]);
  });

  it("accepts every libpq sslmode and rejects others with the list", () => {
    for (const sslMode of ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]) {
      expect(postgres.parse({ url, sslMode }).sslMode).toBe(sslMode);
    }
    expect(issuesOf(postgres, { url, sslMode: "on" })).toEqual([
      {
        path: ["sslMode"],
        message: "expected one of disable, allow, prefer, require, verify-ca, verify-full",
      },
    ]);
  });

  it("takes the statement timeout as ms or a duration, within 100ms..1h", () => {
    expect(postgres.parse({ url, statementTimeoutMs: "5s" }).statementTimeoutMs).toBe(5_000);
    expect(postgres.parse({ url, statementTimeoutMs: "1500" }).statementTimeoutMs).toBe(1_500);
    expect(issuesOf(postgres, { url, statementTimeoutMs: 50 })).toEqual([
      { path: ["statementTimeoutMs"], message: "must be at least 100ms" },
    ]);
    expect(issuesOf(postgres, { url, statementTimeoutMs: "2h" })).toEqual([
      { path: ["statementTimeoutMs"], message: "must be at most 1h" },
    ]);
  });
});
