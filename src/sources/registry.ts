/**
 * The sources where deployments keep config, by the key that names them in `cfg.config` environments and in
 * `loadSettings()` options. A new kind is a new file and one line here.
 */
import { canonicalEnvironment } from "../environment.js";
import { composeSource } from "./compose.js";
import { kubernetesSource } from "./kubernetes.js";
import { secretsDirSource } from "./secret-files.js";
import type { SourceContext, SourceKind, SourceRead } from "./source-kind.js";
import type { RawEntry } from "./types.js";

/** A kind with its options' type erased: raw options in, a read or what is wrong with them out. */
interface RegisteredKind {
  key: string;
  readRaw: (raw: unknown, context: SourceContext) => SourceRead | string;
}

function register<Options>(kind: SourceKind<Options>): RegisteredKind {
  return {
    key: kind.key,
    readRaw(raw, context) {
      const options = kind.parseOptions(raw);
      return typeof options === "string" ? options : kind.read(options, context);
    },
  };
}

const SOURCE_KINDS: readonly RegisteredKind[] = [
  register(kubernetesSource),
  register(composeSource),
  register(secretsDirSource),
];

export const SOURCE_KEYS: readonly string[] = SOURCE_KINDS.map((kind) => kind.key);

/** Which of an object's keys name a source, in the order they were written: the order their layers stack in. */
export function sourceKeysIn(options: object): string[] {
  const record = options as Record<string, unknown>;
  return Object.keys(options).filter((key) => SOURCE_KEYS.includes(key) && record[key] !== undefined);
}

/**
 * Reads every source named in `options`, in the order the keys are written (a later one wins). Bad options
 * come back as an error problem at `where` (the config file, or `loadSettings()`).
 */
export function readDeploymentSources(
  options: Readonly<Record<string, unknown>>,
  context: SourceContext,
  where: string,
): SourceRead[] {
  const reads: SourceRead[] = [];
  for (const key of sourceKeysIn(options)) {
    const kind = SOURCE_KINDS.find((candidate) => candidate.key === key) as RegisteredKind;
    const read = kind.readRaw(options[key], context);
    reads.push(
      typeof read !== "string"
        ? read
        : {
            name: key,
            entries: new Map(),
            problems: [{ file: where, message: `${where}: ${key} ${read}`, severity: "error" }],
            files: [],
          },
    );
  }
  return reads;
}

/**
 * A deployment layer that tells the container to run as another environment (`CFG_ENV`, else `NODE_ENV`) than
 * the one resolved: the service would then read that environment's files, not these, and its fingerprint differ.
 */
export function environmentMismatch(
  layer: { name: string; entries: ReadonlyMap<string, RawEntry> },
  environment: string,
): { file: string; line?: number; message: string } | undefined {
  const name = ["CFG_ENV", "NODE_ENV"].find((key) => layer.entries.has(key));
  const entry = name ? layer.entries.get(name) : undefined;
  if (!name || !entry || typeof entry.value !== "string" || entry.value === "") return undefined;
  const runsAs = canonicalEnvironment(entry.value);
  if (runsAs === environment) return undefined;
  const { origin } = entry;
  const where =
    origin.kind === "file"
      ? { file: origin.file, ...(origin.line ? { line: origin.line } : {}) }
      : { file: layer.name };
  return {
    ...where,
    message: `${layer.name} sets ${name}=${entry.value}: the service will read ${runsAs}'s files, while this environment is ${environment} (name the environment ${runsAs}, or set ${name} to ${environment})`,
  };
}
