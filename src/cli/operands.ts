/** Turning `cfg diff` operands (environment names, snapshot files and trees, `-`) into drift operands. */
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { DriftOperand } from "../drift.js";
import { canonicalEnvironment } from "../environment.js";
import { fingerprintKeyId } from "../fingerprint.js";
import type { LeafPlan } from "../plan.js";
import { schemaFingerprint } from "../schema-fingerprint.js";
import { environmentOperand, operandFrom, type Snapshot } from "../snapshot.js";
import { parseSnapshot, SnapshotError } from "../snapshot-read.js";
import type { SourceLimits } from "../sources/limits.js";
import type { CommandContext } from "./context.js";
import { CliError } from "./errors.js";
import { readJsonStdin, readJsonText } from "./read-json-file.js";
import { expandSnapshotTrees } from "./snapshot-tree.js";

export interface LoadedOperands {
  operands: DriftOperand[];
  snapshots: Snapshot[];
  /** Every key the operands were resolved with, by path: the schema's, or (untyped) every variable found. */
  leaves: Map<string, LeafPlan>;
}

/**
 * Environments are fingerprinted with `CFG_FINGERPRINT_KEY` when set; compared only among themselves, with a
 * key made up for this run, so their secrets compare in-process without any lasting, testable digest.
 */
export async function loadOperands(
  context: CommandContext,
  given: readonly string[],
): Promise<LoadedOperands> {
  const expanded = expandSnapshotTrees(context.cwd(), given);
  const specs = expanded.map((entry) => entry.spec);
  const inTree = new Map(expanded.flatMap((entry) => (entry.labels ? [[entry.spec, entry]] : [])));
  const seen = new Set<string>();
  for (const spec of specs) {
    const key =
      spec === "-"
        ? "-"
        : isSnapshotPath(context, spec)
          ? resolve(context.cwd(), spec)
          : `env:${canonicalEnvironment(spec)}`;
    if (seen.has(key))
      throw new CliError(`"${spec}" is given twice: compare different operands`, "duplicate-operand");
    seen.add(key);
  }
  // The project's limits hold for its snapshots too: a large environment's snapshot is read once they are raised.
  const { definition } = await context.project();
  const limits = definition?.options.limits;
  // By spec: a fleet is thousands of snapshots, and each is looked up once (linear, not a search per operand).
  const snapshots = new Map<string, { spec: string; snapshot: Snapshot }>();
  for (const spec of specs) {
    if (spec === "-")
      snapshots.set(spec, {
        spec: "stdin",
        snapshot: readSnapshot(
          await readJsonStdin(context.io, "snapshot on standard input", "snapshot-unreadable", limits),
          "standard input",
        ),
      });
    else if (isSnapshotPath(context, spec))
      snapshots.set(spec, { spec, snapshot: readSnapshot(readText(context, spec, limits), spec) });
  }
  const configuredKey = context.io.env.CFG_FINGERPRINT_KEY || undefined;
  const key = configuredKey ?? (snapshots.size === 0 ? randomBytes(32).toString("hex") : undefined);
  const keyId = key ? fingerprintKeyId(key) : null;

  // The JSON Schema of the whole schema is worth building only to compare with a snapshot's.
  const currentSchema = definition && snapshots.size > 0 ? schemaFingerprint(definition) : undefined;
  const leaves = new Map((definition?.plan.leaves ?? []).map((leaf) => [leaf.dottedPath, leaf]));
  const otherSchema = [...snapshots.values()]
    .filter(({ snapshot }) => currentSchema && snapshot.schemaFingerprint !== currentSchema)
    .map(({ spec }) => spec);
  if (otherSchema.length > 0) {
    const named =
      otherSchema.length > 3
        ? `${otherSchema.slice(0, 3).join(", ")} and ${otherSchema.length - 3} more`
        : otherSchema.join(", ");
    context.note(
      `cfg: ${named} ${otherSchema.length === 1 ? "was" : "were"} taken with a different schema; keys that moved or changed type show as differences`,
    );
  }

  const operands: DriftOperand[] = [];
  for (const spec of specs) {
    const fromSnapshot = snapshots.get(spec);
    if (fromSnapshot) {
      const { snapshot } = fromSnapshot;
      // Secrets keyed differently (or not at all) cannot be compared: keep only their presence.
      const comparable = snapshot.fingerprintKeyId !== null && snapshot.fingerprintKeyId === keyId;
      const settings = snapshot.settings.map((s) =>
        s.secret && !comparable ? { ...s, fingerprint: "present" } : s,
      );
      const operand = operandFrom(
        fromSnapshot.spec,
        snapshot.environment,
        settings,
        snapshot.unknown,
        snapshot.host,
        snapshot.issues,
      );
      const place = inTree.get(spec);
      operands.push(
        place?.labels
          ? { ...operand, labels: place.labels, ...(place.host ? { host: place.host } : {}) }
          : operand,
      );
      continue;
    }
    const [environment] = await context.selectEnvironments([spec], false);
    const resolved = await context.resolve(environment as string);
    // Untyped, each environment has a definition of its own; typed, its leaves are all in `leaves` already.
    if (resolved.definition !== definition)
      for (const leaf of resolved.definition.plan.leaves)
        if (!leaves.has(leaf.dottedPath)) leaves.set(leaf.dottedPath, leaf);
    // Only what the comparison reads is kept: the resolution itself is dropped before the next one is made.
    operands.push(environmentOperand(resolved, key));
  }
  return { operands, snapshots: [...snapshots.values()].map((s) => s.snapshot), leaves };
}

/** A path to an existing file, or anything ending in `.json`, is a snapshot; other words are environments. */
function isSnapshotPath(context: CommandContext, spec: string): boolean {
  if (spec.endsWith(".json")) return true;
  const path = resolve(context.cwd(), spec);
  return existsSync(path) && statSync(path).isFile();
}

/** A regular file under the size limit, its JSON within the depth limit (see read-json-file.ts). */
function readText(context: CommandContext, spec: string, limits: SourceLimits | undefined): string {
  return readJsonText(resolve(context.cwd(), spec), `snapshot ${spec}`, "snapshot-unreadable", limits);
}

function readSnapshot(text: string, shown: string): Snapshot {
  try {
    return parseSnapshot(text, shown);
  } catch (error) {
    if (error instanceof SnapshotError) throw new CliError(error.message, "bad-snapshot");
    throw error;
  }
}
