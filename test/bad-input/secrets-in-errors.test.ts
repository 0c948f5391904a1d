/** A failed load says what is wrong with a secret, never what it is. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, secret } from "../../src/index.js";
import { expectErrorNotToContain, fixture, loadError, tempProject } from "./_helpers.js";

const CANARY = "CANARY-s3cr3t-9f8e7d";

const settings = defineSettings({
  prefix: "APP_",
  configDir: false,
  schema: z.object({ port: z.number().int().min(1).max(65535), webhookSecret: secret(z.string().min(32)) }),
});

describe("a secret that fails its own validation", () => {
  it("is reported with why (length, minimum) and where, without the value", () => {
    const error = loadError(settings, { cwd: fixture("secret-too-short"), processEnv: {} });

    expect(error.issues).toEqual([
      expect.objectContaining({
        kind: "invalid",
        severity: "error",
        envName: "APP_WEBHOOK_SECRET",
        path: "webhookSecret",
        file: ".env",
        line: 2,
        secret: true,
        message: `has ${CANARY.length} characters, needs at least 32`,
        received: "<secret>",
      }),
    ]);
    expect(error.message).toContain("APP_WEBHOOK_SECRET (webhookSecret) at .env:2");
    expect(error.message).toContain("20 characters, needs at least 32");
    expectErrorNotToContain(error, CANARY);
    // Not even a recognisable part of it.
    expectErrorNotToContain(error, "s3cr3t");
  });

  it("given in process.env is reported the same way", () => {
    const error = loadError(settings, {
      cwd: tempProject(),
      processEnv: { APP_PORT: "8080", APP_WEBHOOK_SECRET: CANARY },
    });
    expect(error.issues[0]).toMatchObject({
      origin: "process.env",
      message: "has 20 characters, needs at least 32",
    });
    expectErrorNotToContain(error, CANARY);
  });

  it("whose schema's own message quotes the value keeps it out of the report and the issues", () => {
    const quoting = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({
        port: z.number(),
        webhookSecret: secret(
          z.string().refine((v) => v.startsWith("whsec_"), { error: (i) => `bad ${i.input}` }),
        ),
      }),
    });
    const error = loadError(quoting, { cwd: fixture("secret-too-short"), processEnv: {} });
    expect(error.issues[0]).toMatchObject({ path: "webhookSecret", secret: true, received: "<secret>" });
    expectErrorNotToContain(error, CANARY);
  });

  it("checked by a refinement on its parent object that quotes it stays out of error.issues", () => {
    const refined = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({
        port: z.number(),
        webhook: z
          .object({ secret: secret(z.string()), previous: z.string().optional() })
          .refine((w) => w.secret !== w.previous, { error: (i) => `rotate ${JSON.stringify(i.input)}` }),
      }),
    });
    const error = loadError(refined, {
      cwd: tempProject(),
      processEnv: { APP_PORT: "1", APP_WEBHOOK__SECRET: CANARY, APP_WEBHOOK__PREVIOUS: CANARY },
    });
    expect(error.issues).toContainEqual(expect.objectContaining({ path: "webhook" }));
    expectErrorNotToContain(error, CANARY);
  });
});

describe("a valid secret beside a sibling that fails", () => {
  it("appears nowhere in the error", () => {
    const error = loadError(settings, { cwd: fixture("secret-valid-sibling-invalid"), processEnv: {} });

    expect(error.issues).toEqual([
      expect.objectContaining({ kind: "invalid", envName: "APP_PORT", file: ".env", line: 1 }),
    ]);
    expect(error.message).toContain('got "not-a-port"');
    expectErrorNotToContain(error, CANARY);
  });
});

describe("keys that look secret but are not marked, and a URL with a password", () => {
  const looksSecret = defineSettings({
    prefix: "APP_",
    configDir: false,
    schema: z.object({
      port: z.number(),
      apiToken: z.string().min(32),
      dbPassword: z.string().max(8).meta({ env: "DB_PASSWORD" }),
      databaseUrl: z.url({ protocol: /^mysql$/ }).meta({ env: "DATABASE_URL" }),
    }),
  });

  it("are never printed, while each problem is still explained", () => {
    const error = loadError(looksSecret, { cwd: fixture("secret-looking-keys"), processEnv: {} });

    const byName = new Map(error.issues.map((issue) => [issue.envName, issue]));
    expect(byName.get("APP_API_TOKEN")).toMatchObject({
      line: 1,
      received: "<secret>",
      message: "has 19 characters, needs at least 32",
    });
    expect(byName.get("DB_PASSWORD")).toMatchObject({
      line: 2,
      received: "<secret>",
      message: "has 22 characters, allows at most 8",
    });
    expect(byName.get("DATABASE_URL")).toMatchObject({
      line: 3,
      received: '"postgres://u:<secret>@h/db"',
    });
    expect(byName.get("APP_PORT")).toMatchObject({ line: 4 });

    for (const canary of ["CANARY-t0ken-1a2b3c", "CANARY-passw0rd-4d5e6f", "CANARY-urlpw-7a8b9c"]) {
      expectErrorNotToContain(error, canary);
    }
    expect(error.message).not.toContain("CANARY");
  });
});
