/** What every source yields: layers of raw values, each value with the origin it came from. */

/** Where a raw value came from. */
export type Origin =
  | { kind: "default" }
  | {
      kind: "file";
      file: string;
      line?: number;
      column?: number;
      /** The Kubernetes or Compose object the value belongs to: `configmap/app-settings`, `service/api`. */
      object?: string;
    }
  /** A secret file read whole as one value (`KEY_FILE`, a secrets directory). */
  | { kind: "secret-file"; path: string }
  | { kind: "process-env" }
  | { kind: "override" }
  | { kind: "snapshot"; id: string };

/** A raw value as a source found it: a string for env sources, any JSON value for config files. */
export interface RawEntry {
  value: unknown;
  origin: Origin;
  /** The source itself says the value is secret (a Kubernetes Secret, a secret file), whatever its name. */
  secret?: true;
}

/**
 * One source's values. Env layers are keyed by env var name; config layers are trees keyed by schema path.
 * `rank` orders layers: a higher rank wins.
 */
export type Layer =
  | {
      kind: "env";
      name: string;
      file?: string;
      rank: number;
      entries: Map<string, RawEntry>;
      /** A deployment source (Kubernetes, Compose, a secrets directory): what the container is given. */
      deployment?: true;
    }
  | { kind: "config"; name: string; file: string; rank: number; tree: ConfigNode };

/** A parsed config file, keeping the line of every key so provenance can point at it. */
export interface ConfigNode {
  value: unknown;
  line: number;
  column: number;
  /** Present for mappings/objects: child nodes by key, in file order. */
  children?: Map<string, ConfigNode>;
}

/** A problem reading a source: the load reports it with the others instead of stopping at it. */
export interface SourceProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** A second location, e.g. the first definition of a duplicate key. */
  related?: { line: number; key: string };
  key?: string;
  /**
   * Errors stop the load; warnings are reported with it and kept on the result. A duplicate key in a `.env`
   * file is always a warning here (the later line wins, as in dotenv); `cfg check` makes it an error.
   */
  severity: "error" | "warning";
}

export function formatOrigin(origin: Origin): string {
  switch (origin.kind) {
    case "default":
      return "default";
    case "process-env":
      return "process.env";
    case "override":
      return "override";
    case "snapshot":
      return `snapshot ${origin.id}`;
    case "secret-file":
      return `file:${origin.path}`;
    case "file": {
      const where = origin.line === undefined ? origin.file : `${origin.file}:${origin.line}`;
      return origin.object ? `${where} (${origin.object})` : where;
    }
  }
}
