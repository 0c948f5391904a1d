/** `cfg hash`: one fingerprint per environment (and per key), and a lock file that CI can hold them to. */
import { join } from "node:path";
import type { Fingerprints } from "../../fingerprint.js";
import type { SettingsIssue } from "../../issues.js";
import { plural } from "../../report.js";
import { type ResolvedSettings, renderResolvedReport } from "../../settings.js";
import { environmentFingerprint } from "../../snapshot.js";
import { CliError, EXIT } from "../errors.js";
import { collectRepeatable, formatOption, type RegisterCommand } from "../program.js";
import type { Project } from "../project.js";
import { readJsonFile } from "../read-json-file.js";
import { renderFingerprintAnnotation } from "../render-k8s-annotation.js";
import { widestOf } from "../text.js";
import { writeFileAtomic } from "../write-file.js";

interface HashOptions {
  env?: string[];
  all?: boolean;
  keys?: boolean;
  format: "text" | "json" | "k8s-annotation";
  write?: string;
  check?: string;
}

interface EnvironmentHash {
  status: "valid";
  fingerprint: string;
  keys: Record<string, string>;
  envNames: Record<string, string>;
}

/** An environment that did not validate: listed with its issues, never silently left out. */
interface InvalidEnvironment {
  status: "invalid";
  issues: { kind: string; severity: string; envName?: string; path?: string; message: string }[];
}

type EnvironmentResult = EnvironmentHash | InvalidEnvironment;

interface LockFile {
  version: 1;
  environments: Record<string, { fingerprint: string; keys: Record<string, string> }>;
}

export const registerHash: RegisterCommand = (program, context, exit) => {
  program
    .command("hash")
    .description("fingerprint the resolved settings of environments, to compare deployments by one string")
    .option("--env <name>", "an environment (repeatable; default: all)", collectRepeatable)
    .option("--all", "every environment of the project")
    .option("--keys", "also print the fingerprint of every key")
    .option("--write <file>", "record the fingerprints in a lock file")
    .option("--check <file>", "exit 1 when an environment no longer matches the lock file, naming the keys")
    .addOption(formatOption(["text", "json", "k8s-annotation"], "text"))
    .addHelpText(
      "after",
      `
Examples:
  cfg hash --env staging                  compare with the fingerprint the running service logs
  cfg hash --all --keys
  cfg hash --all --write cfg.lock.json
  cfg hash --check cfg.lock.json          in CI: fail when resolved config changed
  cfg hash --env production --format k8s-annotation   the pod-template annotation for a rollout on change

Secrets enter fingerprints only through HMAC keyed by CFG_FINGERPRINT_KEY; without it, only their presence.`,
    )
    .action(async (options: HashOptions) => {
      if (options.write && options.check)
        throw new CliError("--write and --check cannot be combined", "usage");
      if (options.format === "k8s-annotation" && (options.env?.length !== 1 || options.all || options.keys))
        throw new CliError(
          "--format k8s-annotation takes exactly one --env (and no --all or --keys): a pod template runs one environment",
          "usage",
        );
      const project = await context.project();
      const lock = options.check
        ? readLock(join(project.root, options.check), options.check, project)
        : undefined;
      const names = options.env ?? (lock && !options.all ? Object.keys(lock.environments) : undefined);
      const environments = await context.selectEnvironments(names, options.all === true || !names);
      const key = context.io.env.CFG_FINGERPRINT_KEY || undefined;
      const results = new Map<string, EnvironmentResult>();
      const hashes = new Map<string, EnvironmentHash>();
      let unkeyedSecrets = false;
      const reports: string[] = [];
      for (const environment of environments) {
        const resolved = await context.resolve(environment);
        if (!resolved.data) {
          reports.push(renderResolvedReport(resolved));
          results.set(environment, { status: "invalid", issues: resolved.issues.map(issueSummary) });
          continue;
        }
        const fingerprints = environmentFingerprint(resolved, key);
        // A secret enters as present only; a value with masked credentials (a URL password) as its masked form.
        unkeyedSecrets ||= !key && fingerprints.secretCount > 0;
        // Per-key digests cost a hash per key: only what prints them or a lock file holds them asks for them.
        const perKey = options.keys || options.write !== undefined || lock !== undefined;
        const hash: EnvironmentHash = {
          status: "valid",
          fingerprint: fingerprints.fingerprint,
          ...(perKey ? keysInSchemaOrder(resolved, fingerprints) : { keys: {}, envNames: {} }),
        };
        hashes.set(environment, hash);
        results.set(environment, hash);
      }
      await context.requireVerdict();
      const invalid = hashes.size < results.size;
      for (const report of reports) context.io.stderr(`${report}\n`);
      if (unkeyedSecrets)
        context.note("cfg: secrets enter by presence only: set CFG_FINGERPRINT_KEY to compare their values");
      context.io.stdout(renderHashes(results, options));
      if (options.write && invalid) {
        context.note(`cfg: ${options.write} not written: an environment is invalid and has no fingerprint`);
      } else if (options.write) {
        const content: LockFile = {
          version: 1,
          environments: Object.fromEntries(
            [...hashes].map(([env, h]) => [env, { fingerprint: h.fingerprint, keys: h.keys }]),
          ),
        };
        writeFileAtomic(join(project.root, options.write), `${JSON.stringify(content, null, 2)}\n`, {
          root: project.root,
          shown: options.write,
          repository: true,
        });
        context.note(`cfg: wrote ${options.write}`);
      }
      let stale = false;
      if (lock) stale = reportLockChanges(lock, hashes, (line) => context.io.stderr(`${line}\n`));
      exit(invalid || stale ? EXIT.findings : EXIT.clean);
    });
};

/** Each key's digest and env name by path, in the schema's order as every other listing shows keys. */
function keysInSchemaOrder(
  resolved: ResolvedSettings,
  fingerprints: Fingerprints,
): Pick<EnvironmentHash, "keys" | "envNames"> {
  const byPath = new Map(fingerprints.keys.map((k) => [k.path, k.fingerprint]));
  const listed = resolved.resolution.leaves.filter(({ leaf }) => byPath.has(leaf.dottedPath));
  return {
    keys: Object.fromEntries(
      listed.map(({ leaf }) => [leaf.dottedPath, byPath.get(leaf.dottedPath) as string]),
    ),
    envNames: Object.fromEntries(listed.map(({ leaf }) => [leaf.dottedPath, leaf.envName])),
  };
}

function issueSummary(issue: SettingsIssue): InvalidEnvironment["issues"][number] {
  return {
    kind: issue.kind,
    severity: issue.severity,
    ...(issue.envName ? { envName: issue.envName } : {}),
    ...(issue.path ? { path: issue.path } : {}),
    message: issue.message,
  };
}

function renderHashes(results: Map<string, EnvironmentResult>, options: HashOptions): string {
  if (options.format === "k8s-annotation") {
    // An invalid environment has no fingerprint to annotate with: nothing on stdout, its report on stderr.
    const [only] = results.values();
    return only?.status === "valid" ? renderFingerprintAnnotation(only.fingerprint) : "";
  }
  if (options.format === "json") {
    const environments = Object.fromEntries(
      [...results].map(([env, h]) => [
        env,
        h.status === "invalid"
          ? h
          : options.keys
            ? { status: h.status, fingerprint: h.fingerprint, keys: h.keys }
            : { status: h.status, fingerprint: h.fingerprint },
      ]),
    );
    // `ok` as in every JSON report: each environment valid (a lock file's mismatch is reported on its own).
    const ok = [...results.values()].every((h) => h.status !== "invalid");
    return `${JSON.stringify({ version: 1, ok, environments }, null, 2)}\n`;
  }
  const width = widestOf(results.keys());
  const lines: string[] = [];
  for (const [environment, hash] of results) {
    if (hash.status === "invalid") {
      const errors = hash.issues.filter((issue) => issue.severity === "error").length;
      lines.push(`${environment.padEnd(width)}  invalid (${plural(errors, "error")}, no fingerprint)`);
      continue;
    }
    lines.push(`${environment.padEnd(width)}  ${hash.fingerprint}`);
    if (options.keys) {
      const keyWidth = widestOf(Object.values(hash.envNames));
      for (const [path, digest] of Object.entries(hash.keys))
        lines.push(`  ${(hash.envNames[path] ?? path).padEnd(keyWidth)}  ${digest}`);
    }
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

const CFG1_FINGERPRINT = /^cfg1:sha256:[0-9a-f]{64}$/;

/** Names every environment and key that no longer matches; returns whether anything changed. */
function reportLockChanges(
  lock: LockFile,
  hashes: Map<string, EnvironmentHash>,
  write: (line: string) => void,
): boolean {
  let changed = false;
  const older: string[] = [];
  for (const [environment, recorded] of Object.entries(lock.environments)) {
    const current = hashes.get(environment);
    if (!current || current.fingerprint === recorded.fingerprint) continue;
    const paths = new Set([...Object.keys(recorded.keys), ...Object.keys(current.keys)]);
    // Own keys only: a key path such as `toString` or `constructor` is a key, not Object.prototype's member.
    const changedPaths = [...paths].filter((path) => own(recorded.keys, path) !== own(current.keys, path));
    // A lock written before cfg2 fingerprints: its per-key digests kept their form and still compare.
    if (CFG1_FINGERPRINT.test(recorded.fingerprint)) older.push(environment);
    if (changedPaths.length === 0 && older.includes(environment)) continue;
    changed = true;
    const differences = changedPaths.map((path) => {
      const name = own(current.envNames, path) ?? path;
      if (!Object.hasOwn(recorded.keys, path)) return `${name} (added)`;
      if (!Object.hasOwn(current.keys, path)) return `${name} (removed)`;
      return `${name} (changed)`;
    });
    write(`cfg: ${environment} no longer matches the lock: ${differences.join(", ")}`);
  }
  if (older.length > 0)
    write(
      `cfg: the lock holds an older form of fingerprint for ${older.join(", ")} (compared key by key): run cfg hash --all --write to renew it`,
    );
  if (changed) write("cfg: if the change is intended, run cfg hash --all --write with the same lock file");
  return changed;
}

function own(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => typeof item === "string")
  );
}

function readLock(path: string, shown: string, project: Project): LockFile {
  const lock = readJsonFile(path, shown, "lock file", {
    limits: project.definition?.options.limits,
  }) as LockFile;
  const environments = lock?.environments as Record<string, unknown> | undefined;
  const wellFormed =
    typeof environments === "object" &&
    environments !== null &&
    Object.values(environments).every((entry) => {
      const recorded = entry as { fingerprint?: unknown; keys?: unknown } | null;
      return typeof recorded?.fingerprint === "string" && isStringRecord(recorded.keys);
    });
  if (lock?.version !== 1 || !wellFormed) {
    throw new CliError(
      `lock file ${shown} is not a cfg lock file (expected "version": 1 and "environments", each with a "fingerprint" and "keys" of strings)`,
      "bad-lock",
    );
  }
  return lock;
}
