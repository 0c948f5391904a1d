/**
 * The canary harness: one project with a random canary planted in every place a secret can hide, and the
 * list of every command and format that must never show it. To cover a new output path, add it to
 * {@link CANARY_COMMANDS} (a command with its formats and variants); a new kind of source or secret, to
 * {@link plantedProject}. test/hardening/secrets-canary.test.ts runs every entry, passing and failing, with and
 * without --debug and CFG_FINGERPRINT_KEY, in-process and through the built bin/cfg.js.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { randomCanary } from "./_canary.js";

/** One command line, run once per format (none: as is) and per variant (extra arguments). */
export interface CanaryCommand {
  argv: readonly string[];
  /** Each value is passed as `--format <value>`. */
  formats?: readonly string[];
  /** Extra arguments, each set run on its own (in addition to none). */
  variants?: readonly (readonly string[])[];
  /** Files the command writes, read back and checked too. */
  writes?: readonly string[];
}

/** The keys in the planted project that hold a canary, by env name. */
export const PLANTED_KEYS = [
  "APP_CREDS__PASS", // a field of secret(z.object(...))
  "APP_CREDS__USER",
  "APP_TOKENS", // z.array(secret(...))
  "APP_VAULT", // z.record(..., secret(...))
  "APP_CHOICE", // a secret option of a union
  "APP_LATER", // z.lazy(() => secret(...))
  "APP_DB__URL", // a non-secret URL with a password
  "APP_DB__REPLICA", // the same, password holding `@`
  "APP_CALLBACK", // a non-secret URL with ?token=
  "APP_EXTRA", // a JSON value with a "password" field
  "APP_PEM", // a plain secret()
  "APP_NOTE", // a plain key expanded from APP_PEM
  "APP_API_TOKEN", // not in the schema: unknown, secret-looking
] as const;

export const CANARY_COMMANDS: readonly CanaryCommand[] = [
  {
    argv: ["check"],
    formats: ["text", "json", "github", "markdown", "sarif", "gitlab", "rdjsonl"],
    variants: [["--strict"]],
  },
  { argv: ["check", ".env.staging"] },
  {
    argv: ["print", "--env", "staging"],
    formats: ["env", "json", "yaml"],
    variants: [["--show-origin"]],
  },
  ...PLANTED_KEYS.map((key) => ({ argv: ["explain", key, "--env", "staging"], formats: ["text", "json"] })),
  {
    argv: ["diff", "staging", "production"],
    formats: ["text", "json", "markdown", "github", "patch", "sarif", "gitlab", "rdjsonl"],
    variants: [["--only", "drift"]],
  },
  { argv: ["diff", "staging", "snapshot-staging.json"], formats: ["text", "json", "patch"] },
  {
    argv: ["diff", "production", "snapshot-staging.json", "--format", "json", "--accept"],
    writes: ["cfg.drift-baseline.json"],
  },
  { argv: ["snapshot", "--env", "staging"] },
  {
    argv: ["snapshot", "--env", "production", "-o", "written-snapshot.json"],
    writes: ["written-snapshot.json"],
  },
  { argv: ["hash"], formats: ["text", "json"], variants: [["--keys"]] },
  { argv: ["hash", "--env", "staging", "--format", "k8s-annotation"] },
  { argv: ["hash", "--all", "--keys", "--write", "written.lock.json"], writes: ["written.lock.json"] },
  { argv: ["hash", "--check", "cfg.lock.json"] },
  // Where deployments keep config (issue 10): a Kubernetes workload, a Compose service with KEY_FILE and a
  // secrets directory.
  ...["cluster", "local"].flatMap((env): CanaryCommand[] => [
    { argv: ["check", "--env", env], formats: ["text", "json", "github"] },
    { argv: ["print", "--env", env], formats: ["env", "json", "yaml"], variants: [["--show-origin"]] },
    ...["APP_PEM", "APP_NOTE"].map((key) => ({
      argv: ["explain", key, "--env", env],
      formats: ["text", "json"],
    })),
    { argv: ["hash", "--env", env], formats: ["text", "json"], variants: [["--keys"]] },
    { argv: ["snapshot", "--env", env] },
  ]),
  { argv: ["diff", "cluster", "local"], formats: ["text", "json", "markdown", "github", "patch"] },
  { argv: ["diff", "cluster", "snapshot-staging.json"], formats: ["text", "json"] },
  { argv: ["example"] },
  { argv: ["docs"] },
  { argv: ["schema"] },
  // Usage and I/O errors.
  { argv: ["diff", "staging"] },
  { argv: ["diff", "staging", "missing.json"] },
  { argv: ["explain", "APP_NOPE", "--env", "staging"] },
  { argv: ["hash", "--check", "missing.lock.json"] },
];

/** Every command line of {@link CANARY_COMMANDS}, formats and variants expanded. */
export function expandCommands(commands: readonly CanaryCommand[] = CANARY_COMMANDS): string[][] {
  const lines: string[][] = [];
  for (const command of commands) {
    const formats = command.formats?.map((format) => ["--format", format]) ?? [[]];
    for (const format of formats)
      for (const variant of [[], ...(command.variants ?? [])])
        lines.push([...command.argv, ...format, ...variant]);
  }
  return lines;
}

// Inside the repository (ignored by git), so that the project's `cfgkit` and `zod` imports resolve.
const scratch = resolve(import.meta.dirname, "../../.scratch");

export interface PlantedProject {
  dir: string;
  canaries: string[];
  remove: () => void;
}

/**
 * A project whose staging and production environments hold a different random canary in every planted key.
 * `invalid` breaks staging where a secret is involved: a refinement whose message quotes the secret, a secret
 * field too short, a URL with a password that does not parse, and a transform that throws with the value.
 */
export function plantedProject(variant: "valid" | "invalid"): PlantedProject {
  const staging = randomCanary();
  const production = randomCanary();
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, `hardening-canary-${variant}-`));
  const files: Record<string, string> = {
    "settings.js": SETTINGS,
    "cfg.config.js": CONFIG,
    ...deploymentFiles(production),
    ".env.staging": envFile(staging, variant),
    ".env.production": envFile(production, "valid"),
    "config/staging.yaml": `pem: "shadowed-${staging}"\ncreds:\n  pass: "yaml-${staging}"\n`,
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return {
    dir,
    canaries: [staging, production],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const CONFIG = `import { defineConfig } from "cfgkit";
import { settings } from "./settings.js";
export default defineConfig({
  settings,
  environments: {
    staging: {},
    production: {},
    cluster: { kubernetes: { manifests: "deploy/cluster.yaml", workload: "deployment/api" } },
    local: {
      compose: { service: "api", files: "deploy/compose.yml" },
      secretsDir: { path: "deploy/secrets", prefix: "APP_" },
      fileEnv: true,
    },
  },
});
`;

/** Canaries where deployments keep them: Secret data and stringData, a $(VAR) of one, env_file, KEY_FILE, a secrets directory. */
function deploymentFiles(canary: string): Record<string, string> {
  const base64 = (text: string) => Buffer.from(text).toString("base64");
  return {
    "deploy/cluster.yaml": [
      "apiVersion: v1",
      "kind: Secret",
      "metadata:",
      "  name: api-secrets",
      "data:",
      `  APP_PEM: ${base64(canary)}`,
      `  DB_PASS: ${base64(`db-${canary}`)}`,
      "stringData:",
      `  APP_CREDS__PASS: ${canary}`,
      `  APP_CREDS__USER: user-${canary}`,
      "---",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: api",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: api",
      "          image: api:1",
      "          envFrom:",
      "            - secretRef:",
      "                name: api-secrets",
      "          env:",
      "            - name: APP_NAME",
      "              value: orders",
      "            - name: APP_DB__URL",
      "              value: postgres://orders:$(DB_PASS)@db.internal:5432/orders",
      "            - name: APP_NOTE",
      "              value: note-$(APP_PEM)",
      "",
    ].join("\n"),
    "deploy/compose.yml": [
      "services:",
      "  api:",
      "    image: api:1",
      "    env_file: api.env",
      "    environment:",
      "      APP_PEM_FILE: deploy/pem.txt",
      "      APP_NOTE: a plain note",
      "",
    ].join("\n"),
    "deploy/api.env": `APP_NAME=orders\nAPP_DB__URL=postgres://orders:${canary}@db.internal:5432/orders\nAPP_CREDS__USER=user-${canary}\n`,
    "deploy/pem.txt": `${canary}\n`,
    "deploy/secrets/creds__pass": `${canary}\n`,
  };
}

const SETTINGS = `import { defineSettings, secret } from "cfgkit";
import { z } from "zod";

export const settings = defineSettings({
  prefix: "APP_",
  schema: z.object({
    name: z.string().min(1),
    creds: secret(z.object({ user: z.string(), pass: z.string().min(8) })),
    tokens: z.array(secret(z.string())).default([]),
    vault: z.record(z.string(), secret(z.string())).optional(),
    choice: z.union([secret(z.string().startsWith("CANARY")), z.number()]).optional(),
    db: z.object({ url: z.url(), replica: z.string().optional() }),
    callback: z.string().optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
    pem: secret(z.string().refine((v) => !v.includes("BAD"), { error: (issue) => "bad pem: " + issue.input })),
    note: z
      .string()
      .optional()
      .transform((v) => {
        if (v?.includes("THROW")) throw new Error("cannot use " + v);
        return v;
      }),
    later: z.lazy(() => secret(z.string())).optional(),
    level: z.string().default("info"),
  }),
});
`;

function envFile(canary: string, variant: "valid" | "invalid"): string {
  const lines = [
    "APP_NAME=orders",
    `APP_CREDS__USER=user-${canary}`,
    `APP_CREDS__PASS=${variant === "invalid" ? "short" : canary}`,
    `APP_TOKENS=["${canary}","second-${canary}"]`,
    `APP_VAULT={"a":"${canary}"}`,
    `APP_CHOICE=${canary}`,
    `APP_LATER=${canary}`,
    variant === "invalid"
      ? `APP_DB__URL=postgres://orders:${canary}@db.internal:notaport/orders`
      : `APP_DB__URL=postgres://orders:${canary}@db.internal:5432/orders`,
    `APP_DB__REPLICA=postgres://orders:p@ss-${canary}@replica.internal/orders`,
    `APP_CALLBACK=https://hooks.example/cb?id=7&token=${canary}&api_key=${canary}`,
    `APP_EXTRA={"region":"eu","password":"${canary}","nested":{"apiKey":"${canary}"}}`,
    `APP_PEM=${variant === "invalid" ? `BAD-${canary}` : canary}`,
    variant === "invalid" ? "APP_NOTE=THROW-${APP_PEM}" : "APP_NOTE=${APP_PEM}",
    `APP_API_TOKEN=${canary}`,
    // Lines dotenv ignores, a secret pasted without its `=`: the linter reports them, never their text.
    ...(variant === "invalid"
      ? [
          `APP_PASTED ${canary}`,
          `APP_TABBED\t${canary}`,
          `APP-DASHED-${canary}`,
          `export APP_EXPORTED ${canary}`,
        ]
      : []),
  ];
  return `${lines.join("\n")}\n`;
}
