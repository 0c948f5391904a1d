/**
 * Reading a snapshot back: the document's schema (built on the first read), and the checks that refuse what is
 * not a snapshot this version wrote: a newer format, a truncated file, keys edited by hand, a secret slot that
 * holds anything but `<secret>` and a keyed digest, a plain value that no longer matches its fingerprint.
 */
import { z } from "zod";
import { keysDigest, valueDigest } from "./fingerprint.js";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type Snapshot, type SnapshotSetting } from "./snapshot.js";

const REDACTED = "<secret>";
const SECRET_FINGERPRINT = /^(?:present|hmac:[0-9a-f]{32})$/;

/** A secret's row as cfgkit writes it: `<secret>` everywhere a value could be, and only a keyed digest. */
function sealedSecret(setting: SnapshotSetting): boolean {
  return (
    setting.value === REDACTED &&
    setting.display === REDACTED &&
    setting.shadowed.every((candidate) => candidate.value === REDACTED) &&
    SECRET_FINGERPRINT.test(setting.fingerprint)
  );
}

const VERIFIABLE_TYPES = new Set(["string", "number", "boolean"]);

/**
 * A plain value (text, number, boolean, not masked) must match its own fingerprint: an edited value whose
 * fingerprint was left alone is caught. Other values are checked only through the whole fingerprint.
 */
function editedValue(setting: SnapshotSetting): boolean {
  if (setting.secret || !VERIFIABLE_TYPES.has(setting.type) || typeof setting.value !== setting.type)
    return false;
  if (typeof setting.value === "string" && setting.value.includes("<secret>")) return false;
  return valueDigest(setting.value) !== setting.fingerprint;
}

/**
 * The schema a snapshot document is read against, built on the first read: zod schemas built at import would
 * cost every service's start, and only `cfg diff` reads snapshots.
 */
function buildSnapshotDocument() {
  const snapshotSetting = z.object({
    path: z.string(),
    envName: z.string(),
    value: z.unknown(),
    display: z.string(),
    type: z.string(),
    fingerprint: z.string(),
    origin: z.string(),
    defaulted: z.boolean(),
    secret: z.boolean(),
    invalid: z.string().optional(),
    shadowed: z.array(z.object({ origin: z.string(), value: z.string() })),
  });

  return z.object({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.union([z.literal(1), z.literal(SNAPSHOT_VERSION)]),
    cfgkitVersion: z.string(),
    createdAt: z.string(),
    host: z.string(),
    environment: z.string(),
    schemaFingerprint: z.string(),
    fingerprint: z.string(),
    keysDigest: z.string().optional(),
    fingerprintKeyId: z.string().nullable(),
    settings: z.array(snapshotSetting),
    unknown: z.array(z.object({ key: z.string(), origin: z.string() })),
    issues: z.array(
      z.object({
        kind: z.string(),
        severity: z.string(),
        envName: z.string().optional(),
        path: z.string().optional(),
        message: z.string(),
      }),
    ),
  });
}
let snapshotDocument: ReturnType<typeof buildSnapshotDocument> | undefined;

/**
 * Whether a snapshot's keys are the ones it was written with: format 2 checks them against `keysDigest`,
 * format 1 against its `cfg1` fingerprint, which was the same digest of the keys.
 */
function matchesItsKeys(snapshot: Snapshot): boolean {
  const digest = keysDigest(snapshot.settings);
  return snapshot.version === 1
    ? snapshot.fingerprint === `cfg1:sha256:${digest}`
    : snapshot.keysDigest === `sha256:${digest}`;
}

/** Why a snapshot cannot be read, in words that name what to do. */
export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

/**
 * Reads a snapshot document, refusing anything that is not one this version understands: a newer format, a
 * truncated or hand-edited file (its fingerprint no longer matches its keys). `shown` names it in messages.
 */
export function parseSnapshot(text: string, shown: string): Snapshot {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the input: keep it out.
    throw new SnapshotError(
      `${shown} is not valid JSON${text.trim() === "" ? " (it is empty)" : " (truncated or edited?)"}`,
    );
  }
  const header = document as { format?: unknown; version?: unknown } | null;
  if (header === null || typeof header !== "object" || header.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(`${shown} is not a cfgkit snapshot (no "format": "${SNAPSHOT_FORMAT}")`);
  }
  if (typeof header.version === "number" && header.version > SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `${shown} was written by a newer cfgkit (snapshot format ${header.version}; this version reads formats 1 to ${SNAPSHOT_VERSION}): upgrade cfgkit to compare it`,
    );
  }
  snapshotDocument ??= buildSnapshotDocument();
  const parsed = snapshotDocument.safeParse(document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join(".") : "(document)";
    throw new SnapshotError(
      `${shown} is not a valid snapshot: ${where}: ${first?.message ?? "invalid"} (truncated or edited by hand?)`,
    );
  }
  const snapshot = parsed.data as Snapshot;
  if (!matchesItsKeys(snapshot)) {
    throw new SnapshotError(
      `${shown} does not match its own fingerprint: its keys were edited by hand or it is incomplete`,
    );
  }
  const opened = snapshot.settings.find((setting) => setting.secret && !sealedSecret(setting));
  if (opened) {
    // Whatever the slot holds now is not repeated: it may be the secret itself.
    throw new SnapshotError(
      `${shown}: the secret ${opened.envName} holds something other than <secret> and a keyed digest (edited by hand or tampered with); refusing to read it`,
    );
  }
  const edited = snapshot.settings.find(editedValue);
  if (edited) {
    throw new SnapshotError(
      `${shown}: the value of ${edited.envName} does not match its fingerprint (edited by hand?)`,
    );
  }
  return snapshot;
}
