/**
 * Drift: comparing the resolved settings of N operands (environments or snapshots) key by key, classifying
 * every leaf, and applying drift policies and an accepted-drift baseline. Pure: operands come in as data.
 * Linear in keys × operands: one pass over the union of paths, no text diff.
 */
import type { DriftPolicy } from "./meta.js";

/** One side's value of one key. */
export interface OperandValue {
  /** Per-key fingerprint: `sha256:…`, `hmac:…`, or `present` (a secret without a key: not comparable). */
  fingerprint: string;
  /** Printable value: secrets `<secret>`, URL passwords masked. */
  display: string;
  /** `string`, `number`, `boolean`, `array`, `object`, `null`, `bigint`… */
  type: string;
  /** `.env.staging:12`, `default`, `process.env`. */
  origin: string;
  defaulted: boolean;
  secret: boolean;
  /** Why the value is invalid in this operand, when it is. */
  invalid?: string;
  /** Not set in this operand: listed only because that makes it invalid (a required key missing). */
  unset?: true;
}

/** The value an operand holds: none when the key is absent, nor when it is listed only as unset and invalid. */
export function valueIfSet(value: OperandValue | undefined): OperandValue | undefined {
  return value?.unset ? undefined : value;
}

/** A key an operand does not set although it must: compared as unset, classified invalid with `why`. */
export function unsetInvalid(why: string, secret: boolean): OperandValue {
  return {
    fingerprint: "(unset)",
    display: "(unset)",
    type: "undefined",
    origin: "unset",
    defaulted: false,
    secret,
    invalid: why,
    unset: true,
  };
}

export interface DriftOperand {
  /** `staging`, or a snapshot's file name. */
  name: string;
  environment: string;
  host?: string;
  /** Where a snapshot sat in a snapshot tree (`cluster/namespace/service/host.json`): its path as labels. */
  labels?: Readonly<Record<string, string>>;
  values: ReadonlyMap<string, OperandValue>;
  /** Env name of every path this operand knows. */
  envNames: ReadonlyMap<string, string>;
  /** Keys under the prefix that the schema does not know, with their origin. */
  unknown: ReadonlyMap<string, string>;
}

export type DriftStatus =
  | "same"
  | "changed"
  | "missing"
  | "defaulted"
  | "type-changed"
  | "invalid"
  | "secret-changed"
  | "secret-not-comparable";

/** `drift` fails the diff; `expected` and `accepted` differences are shown but allowed. */
export type DriftVerdict = "same" | "drift" | "invalid" | "expected" | "accepted" | "not-comparable";

export interface DriftEntry {
  path: string;
  envName: string;
  status: DriftStatus;
  policy: DriftPolicy;
  verdict: DriftVerdict;
  secret: boolean;
  /** One per operand, in operand order; `undefined` where the key is unset. */
  values: (OperandValue | undefined)[];
  /** With three or more operands: the most common value and the operands that differ from it. */
  majority?: { fingerprint: string; display: string; count: number; outliers: string[] };
}

export interface DriftBaseline {
  version: 1;
  /** Differences accepted as they were: each operand's fingerprint of the key at the time. */
  accepted: { path: string; fingerprints: Record<string, string | null> }[];
}

export interface DriftReport {
  operands: { name: string; environment: string; host?: string; labels?: Readonly<Record<string, string>> }[];
  /** Every key that is not the same everywhere (all keys with `includeSame`), in schema order. */
  entries: DriftEntry[];
  /** Unknown keys (not in the schema) per operand: reported, never drift by themselves. */
  unknown: { key: string; operands: { name: string; origin: string }[] }[];
  summary: Record<DriftVerdict, number>;
}

export interface CompareOptions {
  /** The policy of a key: from schema metadata and the project config. @default () => "report" */
  policyOf?: (path: string, envName: string) => DriftPolicy | undefined;
  baseline?: DriftBaseline;
  includeSame?: boolean;
}

export function compareOperands(
  operands: readonly DriftOperand[],
  options: CompareOptions = {},
): DriftReport {
  const aligned = alignedPaths(operands);
  const paths = aligned ?? unionOfKeys(operands);
  const statuses = classifyKeys(operands, paths, aligned !== undefined);
  const accepted = indexBaseline(options.baseline);
  const summary: Record<DriftVerdict, number> = {
    same: 0,
    drift: 0,
    invalid: 0,
    expected: 0,
    accepted: 0,
    "not-comparable": 0,
  };
  const entries: DriftEntry[] = [];
  for (let index = 0; index < paths.length; index++) {
    const status = statuses[index] as DriftStatus;
    if (status === "same" && !options.includeSame) {
      summary.same++;
      continue;
    }
    const path = paths[index] as string;
    // Looked up only for the keys a report shows: the classification above never reads across operands.
    const values = operands.map((operand) => operand.values.get(path));
    const envName = envNameOf(operands, path);
    const policy = options.policyOf?.(path, envName) ?? "report";
    const excusable = policy === "expected" && differsOnlyAcrossEnvironments(operands, values);
    const verdict = verdictOf(
      status,
      excusable ? policy : "report",
      isAccepted(accepted.get(path), operands, values),
    );
    summary[verdict]++;
    const entry: DriftEntry = {
      path,
      envName,
      status,
      policy,
      verdict,
      secret: values.some((v) => v?.secret),
      values,
    };
    if (operands.length >= 3 && status !== "same") entry.majority = majorityOf(operands, values);
    entries.push(entry);
  }
  return { operands: operands.map(describeOperand), entries, unknown: collectUnknown(operands), summary };
}

/** The first operand's env name for a path (operands of other schemas may not know it). */
function envNameOf(operands: readonly DriftOperand[], path: string): string {
  for (const operand of operands) {
    const name = operand.envNames.get(path);
    if (name !== undefined) return name;
  }
  return path;
}

/** The usual case, operands of one schema: the same keys in the same order, those of the first operand. */
function alignedPaths(operands: readonly DriftOperand[]): string[] | undefined {
  const [first, ...rest] = operands;
  if (!first || rest.some((operand) => operand.values.size !== first.values.size)) return undefined;
  const paths = [...first.values.keys()];
  for (const operand of rest) {
    let index = 0;
    for (const path of operand.values.keys()) if (path !== paths[index++]) return undefined;
  }
  return paths;
}

/** Operands whose keys differ: their union in schema order, read in name order so swapping operands changes nothing. */
function unionOfKeys(operands: readonly DriftOperand[]): string[] {
  const paths = new Set<string>();
  const byName = [...operands].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const operand of byName) for (const path of operand.values.keys()) paths.add(path);
  return [...paths];
}

// What classifyKeys learns about one key, one bit each.
const INVALID = 1;
const DIFFERS = 2;
const TYPE_DIFFERS = 4;
const NOT_COMPARABLE = 8;
const DEFAULTED = 16;
const SET = 32;

/**
 * The status of every key, read operand by operand: each operand's values in the order they were made (a
 * snapshot's in the order it was parsed), so a fleet of thousands streams through memory instead of touching
 * one cache line per operand for every key (which made 10× the snapshots cost 30× the time). Each key is
 * compared with the first operand that has it, as a report reads. `aligned`: every operand holds `paths` in
 * order, so a value's position is its key's (no lookup, and no entry pair allocated per value).
 */
function classifyKeys(
  operands: readonly DriftOperand[],
  paths: readonly string[],
  aligned: boolean,
): DriftStatus[] {
  const first: (OperandValue | undefined)[] = new Array(paths.length).fill(undefined);
  const seen = new Uint32Array(paths.length);
  const flags = new Uint8Array(paths.length);
  const record = (index: number, value: OperandValue) => {
    seen[index] = (seen[index] as number) + 1;
    const reference = first[index];
    let bits = value.defaulted ? DEFAULTED : SET;
    if (value.invalid !== undefined) bits |= INVALID;
    if (value.secret && value.fingerprint === "present") bits |= NOT_COMPARABLE;
    if (reference === undefined) first[index] = value;
    else {
      if (value.fingerprint !== reference.fingerprint) bits |= DIFFERS;
      if (value.type !== reference.type) bits |= TYPE_DIFFERS;
    }
    flags[index] = (flags[index] as number) | bits;
  };
  const indexOf = aligned ? undefined : new Map(paths.map((path, index) => [path, index]));
  for (const operand of operands) {
    if (indexOf) for (const [path, value] of operand.values) record(indexOf.get(path) as number, value);
    else {
      let index = 0;
      for (const value of operand.values.values()) record(index++, value);
    }
  }
  return paths.map((_, index) => {
    const reference = first[index];
    if (!reference) return "same";
    return statusOf(flags[index] as number, seen[index] !== operands.length, reference.secret);
  });
}

function statusOf(bits: number, missing: boolean, secret: boolean): DriftStatus {
  if (bits & INVALID) return "invalid";
  if (missing) return "missing";
  if (secret && bits & NOT_COMPARABLE) return "secret-not-comparable";
  if (!(bits & DIFFERS)) return "same";
  if (bits & TYPE_DIFFERS) return "type-changed";
  if (secret) return "secret-changed";
  return bits & DEFAULTED && bits & SET ? "defaulted" : "changed";
}

/**
 * `expected` means "may differ between environments": it excuses a key only when operands of one environment
 * (a host and its own environment, or hosts of one environment) agree among themselves.
 */
function differsOnlyAcrossEnvironments(
  operands: readonly DriftOperand[],
  values: readonly (OperandValue | undefined)[],
): boolean {
  const seen = new Map<string, string | null>();
  for (let i = 0; i < operands.length; i++) {
    const environment = operands[i]?.environment ?? "";
    const fingerprint = values[i]?.fingerprint ?? null;
    if (!seen.has(environment)) seen.set(environment, fingerprint);
    else if (seen.get(environment) !== fingerprint) return false;
  }
  return true;
}

function verdictOf(status: DriftStatus, policy: DriftPolicy, accepted: boolean): DriftVerdict {
  if (status === "same") return "same";
  if (status === "invalid") return "invalid";
  if (status === "secret-not-comparable") return "not-comparable";
  if (policy === "expected") return "expected";
  // A forbidden difference cannot be accepted: it must be fixed.
  if (policy === "report" && accepted) return "accepted";
  return "drift";
}

type BaselineIndex = Map<string, Record<string, string | null>[]>;

function indexBaseline(baseline: DriftBaseline | undefined): BaselineIndex {
  const index: BaselineIndex = new Map();
  for (const item of baseline?.accepted ?? []) {
    const list = index.get(item.path) ?? [];
    list.push(item.fingerprints);
    index.set(item.path, list);
  }
  return index;
}

/**
 * Recorded in a baseline instead of an HMAC made with a key that lasts only one run (no `CFG_FINGERPRINT_KEY`):
 * the difference was accepted, its values cannot be recorded.
 */
export const UNKEYED_FINGERPRINT = "unkeyed";

/** Accepted while every operand still has the fingerprint recorded for it: a change re-opens the difference. */
function isAccepted(
  records: Record<string, string | null>[] | undefined,
  operands: readonly DriftOperand[],
  values: readonly (OperandValue | undefined)[],
): boolean {
  return (records ?? []).some((record) =>
    operands.every((operand, i) => {
      if (!Object.hasOwn(record, operand.name)) return false;
      const recorded = record[operand.name];
      const current = values[i]?.fingerprint ?? null;
      return (
        recorded === current || (recorded === UNKEYED_FINGERPRINT && current?.startsWith("hmac:") === true)
      );
    }),
  );
}

/**
 * The baseline that accepts every `report` difference of a report as it stands. Without a lasting key
 * (`keyed: false`), HMAC fingerprints were made with a key of this run only and are recorded as
 * {@link UNKEYED_FINGERPRINT}, so the acceptance survives the next run.
 */
export function baselineFrom(
  report: DriftReport,
  options: { keyed: boolean } = { keyed: true },
): DriftBaseline {
  const recorded = (fingerprint: string | undefined) =>
    fingerprint === undefined
      ? null
      : !options.keyed && fingerprint.startsWith("hmac:")
        ? UNKEYED_FINGERPRINT
        : fingerprint;
  const accepted = report.entries
    .filter((entry) => entry.verdict === "drift" || entry.verdict === "accepted")
    .filter((entry) => entry.policy === "report")
    .map((entry) => ({
      path: entry.path,
      fingerprints: Object.fromEntries(
        report.operands.map((operand, i) => [operand.name, recorded(entry.values[i]?.fingerprint)]),
      ),
    }));
  return { version: 1, accepted };
}

function majorityOf(
  operands: readonly DriftOperand[],
  values: readonly (OperandValue | undefined)[],
): NonNullable<DriftEntry["majority"]> {
  const counts = new Map<string, { count: number; display: string }>();
  for (const value of values) {
    const key = value?.fingerprint ?? "(unset)";
    const current = counts.get(key) ?? { count: 0, display: value?.display ?? "(unset)" };
    current.count++;
    counts.set(key, current);
  }
  let best: [string, { count: number; display: string }] | undefined;
  for (const entry of counts) if (!best || entry[1].count > best[1].count) best = entry;
  const [fingerprint, { count, display }] = best ?? ["(unset)", { count: 0, display: "(unset)" }];
  const outliers = operands
    .filter((_, i) => (values[i]?.fingerprint ?? "(unset)") !== fingerprint)
    .map((o) => o.host ?? o.name);
  return { fingerprint, display, count, outliers };
}

function collectUnknown(operands: readonly DriftOperand[]): DriftReport["unknown"] {
  const byKey = new Map<string, { name: string; origin: string }[]>();
  for (const operand of operands) {
    for (const [key, origin] of operand.unknown) {
      const list = byKey.get(key) ?? [];
      list.push({ name: operand.name, origin });
      byKey.set(key, list);
    }
  }
  return [...byKey].sort(([a], [b]) => a.localeCompare(b)).map(([key, list]) => ({ key, operands: list }));
}

function describeOperand(operand: DriftOperand): DriftReport["operands"][number] {
  return {
    name: operand.name,
    environment: operand.environment,
    ...(operand.host === undefined ? {} : { host: operand.host }),
    ...(operand.labels === undefined ? {} : { labels: operand.labels }),
  };
}
