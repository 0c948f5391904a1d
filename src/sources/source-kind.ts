/**
 * The one interface of the sources where deployments keep config (Kubernetes manifests, a Compose service,
 * a secrets directory): each kind is a file exporting one `SourceKind`, listed in registry.ts.
 */
import type { RawEntry, SourceProblem } from "./types.js";

export interface SourceContext {
  /** Relative paths in options are resolved from here, and files are shown relative to it. */
  cwd: string;
  /** The shell's variables, for what reads them (Compose's interpolation, `KEY` alone in `environment`). */
  processEnv: Readonly<Record<string, string | undefined>>;
}

/** What one source read: the variables of one layer, and every problem found on the way. */
export interface SourceRead {
  /** The layer's name as provenance shows it: `kubernetes deployment/api`, `compose service/api`. */
  name: string;
  entries: Map<string, RawEntry>;
  problems: SourceProblem[];
  /** Every file read, as shown to users. */
  files: string[];
}

export interface SourceKind<Options> {
  /** The key that names the source in `cfg.config` environments and in `loadSettings()` options. */
  key: string;
  /** Checks options given by a user; a string says what is wrong with them. */
  parseOptions: (raw: unknown) => Options | string;
  read: (options: Options, context: SourceContext) => SourceRead;
}
