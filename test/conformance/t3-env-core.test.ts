// Conformance with @t3-oss/env-core's createEnv: the cases of env-core's own test suite (packages/core/test in
// its repository), restated for cfgkit. Each definition runs through env-core and through cfgkit's
// defineSettings + loadSettings, and the results or thrown errors are compared; the options cfgkit refuses
// are refused by name. Type-level cases are checked by `npm run typecheck`.
import { createEnv } from "@t3-oss/env-core";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings, SettingsError } from "../../src/index.js";
import { project } from "../_project.js";

type Definition = Parameters<typeof defineSettings>[0] & Parameters<typeof createEnv>[0];

/** Loads a flat definition with no files and an empty process environment: runtimeEnv is the only source. */
function viaCfgkit<T>(definition: T) {
  return loadSettings(defineSettings(definition as Definition), {
    cwd: project({}),
    processEnv: {},
    onError: "throw",
  }) as Record<string, unknown>;
}

/** What env-core's createEnv makes of it (its default error handler logs; keep the test output clean). */
function viaEnvCore<T>(definition: T) {
  const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return createEnv(definition as Parameters<typeof createEnv>[0]) as Record<string, unknown>;
  } finally {
    quiet.mockRestore();
  }
}

/** The same values from both, compared as plain objects. */
function expectSameResult(definition: object) {
  const direct = viaEnvCore(definition);
  const cfgkit = viaCfgkit(definition);
  expect({ ...cfgkit }).toEqual({ ...direct });
  return cfgkit;
}

/** Both fail: env-core with its error, cfgkit with a SettingsError about the same variables. */
function expectSameFailure(definition: object) {
  let paths: string[] = [];
  expect(() =>
    viaEnvCore({
      ...definition,
      onValidationError: (issues: readonly { path?: readonly unknown[] | undefined }[]) => {
        paths = issues.map((issue) => String(issue.path?.[0] ?? "")).sort();
        throw new Error("Invalid environment variables");
      },
    }),
  ).toThrow("Invalid environment variables");
  expect(() => viaEnvCore(definition)).toThrow("Invalid environment variables");
  let thrown: unknown;
  try {
    viaCfgkit(definition);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SettingsError);
  const cfgkitPaths = (thrown as SettingsError).issues.map((issue) => issue.envName ?? issue.path ?? "");
  expect(cfgkitPaths.sort()).toEqual(paths);
  return thrown as SettingsError;
}

describe("values: the same object from env-core and from cfgkit", () => {
  it("server and client variables with a client prefix, given through runtimeEnvStrict", () => {
    expectSameResult({
      clientPrefix: "FOO_",
      server: { BAR: z.string() },
      client: { FOO_BAR: z.string() },
      runtimeEnvStrict: { BAR: "bar", FOO_BAR: "foo" },
    });
  });

  it("a transform: the typed value, not the text", () => {
    const env = expectSameResult({
      clientPrefix: "FOO_",
      server: { BAR: z.string().transform(Number) },
      client: { FOO_BAR: z.string() },
      runtimeEnvStrict: { BAR: "123", FOO_BAR: "foo" },
    });
    expect(env.BAR).toBe(123);
  });

  it("runtimeEnv may hold numbers and booleans, which plain z.number() and z.boolean() accept", () => {
    const env = expectSameResult({
      clientPrefix: "FOO_",
      server: { PORT: z.number(), IS_DEV: z.boolean() },
      client: {},
      runtimeEnvStrict: { PORT: 123, IS_DEV: true },
    });
    expect(env).toEqual({ PORT: 123, IS_DEV: true });
  });

  it("client variables only, and server variables only", () => {
    expectSameResult({
      clientPrefix: "FOO_",
      client: { FOO_BAR: z.string() },
      runtimeEnv: { FOO_BAR: "foo" },
    });
    expectSameResult({ server: { BAR: z.string() }, runtimeEnv: { BAR: "bar" } });
  });

  it("shared variables beside server and client ones", () => {
    expectSameResult({
      shared: { NODE_ENV: z.enum(["development", "production", "test"]) },
      clientPrefix: "FOO_",
      server: { BAR: z.string() },
      client: { FOO_BAR: z.string() },
      runtimeEnv: { NODE_ENV: "development", BAR: "bar", FOO_BAR: "foo" },
    });
  });

  it("an empty extends list changes nothing", () => {
    expectSameResult({
      clientPrefix: "FOO_",
      server: { BAR: z.string() },
      client: { FOO_BAR: z.string() },
      runtimeEnvStrict: { BAR: "bar", FOO_BAR: "foo" },
      extends: [],
    });
  });

  it("onInvalidAccess is never called on the server, in either", () => {
    const onInvalidAccess = vi.fn((variable: string): never => {
      throw new Error(`no ${variable}`);
    });
    const env = expectSameResult({
      clientPrefix: "FOO_",
      server: { BAR: z.string() },
      client: { FOO_BAR: z.string() },
      runtimeEnv: { BAR: "bar", FOO_BAR: "foo" },
      isServer: true,
      onInvalidAccess,
    });
    expect(env.BAR).toBe("bar");
    expect(onInvalidAccess).not.toHaveBeenCalled();
  });
});

describe("emptyStringAsUndefined", () => {
  // A fresh object each time: env-core deletes the empty keys from the runtimeEnv it is given.
  const definition = () => ({
    server: { DOMAIN: z.string().default("example.com"), PORT: z.coerce.number().optional() },
    runtimeEnv: { DOMAIN: "", PORT: "" },
  });

  it("on: an empty value is unset, so the default applies and the optional number is absent", () => {
    const env = expectSameResult({ ...definition(), emptyStringAsUndefined: true });
    expect(env.DOMAIN).toBe("example.com");
    expect(env.PORT).toBeUndefined();
  });

  it("off: the empty string reaches the schema, in both", () => {
    const env = expectSameResult(definition());
    expect(env.DOMAIN).toBe("");
    expect(env.PORT).toBe(0);
  });
});

describe("skipValidation", () => {
  it("returns the values as given: no transform, no default, no failure on a missing key", () => {
    const env = expectSameResult({
      server: { PORT: z.string().transform(Number), NAME: z.string().default("x"), REQUIRED: z.string() },
      runtimeEnv: { PORT: "8080" },
      skipValidation: true,
    });
    expect(env).toEqual({ PORT: "8080" });
  });
});

describe("createFinalSchema", () => {
  it("combines the shape itself, and is told it runs on the server", () => {
    const seen: boolean[] = [];
    const definition = {
      server: { SERVER_ENV: z.string() },
      shared: { SHARED_ENV: z.string() },
      clientPrefix: "CLIENT_",
      client: { CLIENT_ENV: z.string() },
      runtimeEnv: { SERVER_ENV: "server", SHARED_ENV: "shared", CLIENT_ENV: "client" },
      createFinalSchema: (shape: Record<string, z.ZodType>, isServer: boolean) => {
        seen.push(isServer);
        return z.object(shape);
      },
    };
    expectSameResult(definition);
    expect(seen).toEqual([true, true]);
  });

  const auth = {
    SKIP_AUTH: z.boolean().optional(),
    EMAIL: z.email().optional(),
    PASSWORD: z.string().min(1).optional(),
  };
  const refined = (shape: typeof auth) =>
    z.object(shape).refine((env) => env.SKIP_AUTH || (env.EMAIL && env.PASSWORD), {
      message: "EMAIL and PASSWORD are required unless SKIP_AUTH",
    });

  it("a refinement across keys passes in both", () => {
    expectSameResult({ server: auth, runtimeEnv: { SKIP_AUTH: true }, createFinalSchema: refined });
  });

  it("a refinement across keys fails in both, and cfgkit's report carries its message", () => {
    const definition = { server: auth, runtimeEnv: { SKIP_AUTH: false }, createFinalSchema: refined };
    expect(() => viaEnvCore(definition)).toThrow("Invalid environment variables");
    expect(() => viaCfgkit(definition)).toThrow("EMAIL and PASSWORD are required unless SKIP_AUTH");
  });

  it("a combiner that changes the shape of the result", () => {
    const env = expectSameResult({
      server: auth,
      runtimeEnv: { SKIP_AUTH: true },
      createFinalSchema: (shape: typeof auth) =>
        z.object(shape).transform((env) => (env.SKIP_AUTH ? { SKIP_AUTH: true as const } : env)),
    });
    expect(env).toEqual({ SKIP_AUTH: true });
  });
});

describe("failures: both refuse the same variables", () => {
  it("missing variables", () => {
    const error = expectSameFailure({
      clientPrefix: "FOO_",
      server: { BAR: z.string() },
      client: { FOO_BAR: z.string() },
      runtimeEnv: {},
    });
    expect(error.issues.map((issue) => issue.kind)).toEqual(["missing", "missing"]);
  });

  it("an invalid value (a transform piped into a number gets NaN)", () => {
    expectSameFailure({
      clientPrefix: "FOO_",
      server: { BAR: z.string().transform(Number).pipe(z.number()) },
      client: { FOO_BAR: z.string() },
      runtimeEnv: { BAR: "123abc", FOO_BAR: "foo" },
    });
  });

  it("onValidationError receives env-core's issues and its error is what both throw", () => {
    const definition = {
      clientPrefix: "FOO_",
      server: { BAR: z.string().transform(Number).pipe(z.number()) },
      client: { FOO_BAR: z.string() },
      runtimeEnv: { BAR: "123abc", FOO_BAR: "foo" },
      onValidationError: (issues: readonly { path?: readonly unknown[] | undefined; message: string }[]) => {
        const bar = issues.find((issue) => issue.path?.[0] === "BAR")?.message;
        throw new Error(`Invalid variable BAR: ${bar}`);
      },
    };
    const message = "Invalid variable BAR: Invalid input: expected number, received NaN";
    expect(() => viaEnvCore(definition)).toThrow(message);
    expect(() => viaCfgkit(definition)).toThrow(message);
  });

  it("a handler that returns instead of throwing still gets cfgkit's failure, not unvalidated settings", () => {
    const onValidationError = vi.fn();
    expect(() => viaCfgkit({ server: { BAR: z.string() }, runtimeEnv: {}, onValidationError })).toThrow(
      SettingsError,
    );
    expect(onValidationError).toHaveBeenCalledOnce();
  });
});

describe("what cfgkit refuses, by name", () => {
  it("isServer: false (cfgkit runs on the server; env-core would hide server variables)", () => {
    const definition = {
      clientPrefix: "FOO_",
      server: { BAR: z.string() },
      client: { FOO_BAR: z.string() },
      runtimeEnvStrict: { BAR: "bar", FOO_BAR: "foo" },
      isServer: false,
    };
    expect(() => viaEnvCore(definition).BAR).toThrow(
      "Attempted to access a server-side environment variable",
    );
    expect(() => defineSettings(definition as never)).toThrow(/isServer: false is not supported/);
  });

  it("extends with presets (their values would bypass cfgkit's sources and redaction)", () => {
    const preset = createEnv({ server: { PRESET_ENV: z.string() }, runtimeEnv: { PRESET_ENV: "preset" } });
    expect(() =>
      defineSettings({ server: { BAR: z.string() }, extends: [preset], runtimeEnv: { BAR: "bar" } }),
    ).toThrow(/extends is not supported/);
  });

  it("an option neither env-core nor cfgkit has", () => {
    expect(() => defineSettings({ server: {}, runtimeEnv: {}, isSever: true } as never)).toThrow(
      /unknown option "isSever"/,
    );
  });

  it("a schema that is not a Zod schema", () => {
    const standardOnly = {
      "~standard": { version: 1, vendor: "other", validate: (v: unknown) => ({ value: v }) },
    };
    expect(() => defineSettings({ server: { BAR: standardOnly } } as never)).toThrow(
      /server\.BAR is not a Zod schema/,
    );
  });

  it("runtimeEnv and runtimeEnvStrict together", () => {
    expect(() =>
      defineSettings({
        server: { BAR: z.string() },
        runtimeEnv: {},
        runtimeEnvStrict: { BAR: "x" },
      } as never),
    ).toThrow(/runtimeEnv or runtimeEnvStrict, not both/);
  });
});

describe("runtimeEnv: process.env", () => {
  it("is the process environment cfgkit reads anyway, not an override above it", () => {
    const definition = defineSettings({
      server: { CFGKIT_T3_PROBE: z.string().default("unset") },
      runtimeEnv: process.env,
    });
    const config = loadSettings(definition, { cwd: project({}), processEnv: { CFGKIT_T3_PROBE: "given" } });
    expect(config.CFGKIT_T3_PROBE).toBe("given");
  });
});

describe("types: what env-core's types accept, cfgkit's accept", () => {
  it("isServer, runtimeEnvStrict, onValidationError, onInvalidAccess, createFinalSchema type-check", () => {
    const definition = defineSettings({
      clientPrefix: "PUBLIC_",
      server: { DATABASE_URL: z.url(), PORT: z.coerce.number().default(3000) },
      client: { PUBLIC_API_URL: z.url() },
      isServer: true,
      emptyStringAsUndefined: true,
      onValidationError: () => {
        throw new Error("invalid");
      },
      onInvalidAccess: () => {
        throw new Error("no");
      },
    });
    const load = () => loadSettings(definition);
    expectTypeOf(load).returns.toHaveProperty("PORT").toEqualTypeOf<number>();
    expectTypeOf(load).returns.toHaveProperty("PUBLIC_API_URL").toEqualTypeOf<string>();
  });

  it("the prefix rules and runtimeEnvStrict's completeness are checked as in env-core", () => {
    // Each call is type-checked only: never run.
    const checks = () => [
      // @ts-expect-error - a server variable must not carry the client prefix
      defineSettings({ clientPrefix: "FOO_", server: { FOO_BAR: z.string(), BAR: z.string() }, client: {} }),
      // @ts-expect-error - a client variable must carry the client prefix
      defineSettings({ clientPrefix: "FOO_", server: {}, client: { FOO_BAR: z.string(), BAR: z.string() } }),
      // @ts-expect-error - runtimeEnvStrict must list BAR
      defineSettings({
        clientPrefix: "FOO_",
        server: { BAR: z.string() },
        client: { FOO_BAR: z.string() },
        runtimeEnvStrict: { FOO_BAR: "foo" },
      }),
    ];
    expect(typeof checks).toBe("function");
  });

  it("a combiner's output is the result's type", () => {
    const definition = defineSettings({
      server: { SKIP_AUTH: z.boolean().optional() },
      runtimeEnv: { SKIP_AUTH: true },
      createFinalSchema: (shape) => z.object(shape).transform(() => ({ mode: "skip" as const })),
    });
    const load = () => loadSettings(definition);
    expectTypeOf(load).returns.toHaveProperty("mode").toEqualTypeOf<"skip">();
  });
});
