/**
 * The sources where deployments keep config, by the key that names them in `cfg.config` environments and in
 * `loadSettings()` options. A new kind is a new file and one line here.
 */
import { composeSource } from "./compose.js";
import { kubernetesSource } from "./kubernetes.js";
import { secretsDirSource } from "./secret-files.js";
import type { SourceContext, SourceKind, SourceRead } from "./source-kind.js";

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
