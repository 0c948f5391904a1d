/**
 * `cfg init --from`: a Kubernetes manifest's workload or a Compose service as one more set of values to infer
 * the schema from, and the environment entry that names it in the generated `cfg.config.ts`.
 */
import { composeSource } from "../sources/compose.js";
import { kubernetesSource } from "../sources/kubernetes.js";
import type { SourceRead } from "../sources/source-kind.js";
import { CliError } from "./errors.js";
import type { EnvFileValues } from "./infer-schema.js";

export interface InitFromOptions {
  from?: string;
  workload?: string;
  container?: string;
  service?: string;
  env?: string;
}

export interface DeploymentForInit {
  values: EnvFileValues;
  /** The environment and its source, as `cfg.config.ts` will name them. */
  environment: string;
  source: { key: string; options: Record<string, string> };
}

/** Reads the deployment `--from` names; `undefined` without `--from`. Any problem reading it is exit 2. */
export function readDeploymentForInit(options: InitFromOptions, root: string): DeploymentForInit | undefined {
  const { from } = options;
  if (!from) {
    if (options.workload || options.service)
      throw new CliError("--workload and --service go with --from FILE", "bad-usage");
    return undefined;
  }
  if (Boolean(options.workload) === Boolean(options.service))
    throw new CliError(
      "--from needs --workload kind/name (a Kubernetes manifest) or --service NAME (a Compose file)",
      "bad-usage",
    );
  const source = options.workload
    ? {
        key: "kubernetes",
        options: {
          manifests: from,
          workload: options.workload,
          ...(options.container ? { container: options.container } : {}),
        },
      }
    : { key: "compose", options: { service: options.service as string, files: from } };
  const environment = options.env ?? (source.key === "kubernetes" ? "production" : "development");
  const read = readWith(source.key, source.options, root);
  const errors = read.problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) {
    const lines = errors.map((p) => `  ${p.file}${p.line === undefined ? "" : `:${p.line}`}: ${p.message}`);
    throw new CliError(`cannot read ${from}:\n${lines.join("\n")}`, "read-failed");
  }
  const values: Record<string, string> = {};
  const secretKeys = new Set<string>();
  for (const [key, entry] of read.entries) {
    values[key] = String(entry.value);
    if (entry.secret) secretKeys.add(key);
  }
  return {
    values: { file: `${from} (${read.name})`, environment, local: false, values, secretKeys },
    environment,
    source,
  };
}

function readWith(key: string, options: Record<string, string>, cwd: string): SourceRead {
  const context = { cwd, processEnv: {} };
  if (key === "kubernetes") {
    const parsed = kubernetesSource.parseOptions(options);
    if (typeof parsed === "string") throw new CliError(`--workload: ${parsed}`, "bad-usage");
    return kubernetesSource.read(parsed, context);
  }
  const parsed = composeSource.parseOptions(options);
  if (typeof parsed === "string") throw new CliError(`--service: ${parsed}`, "bad-usage");
  return composeSource.read(parsed, context);
}
