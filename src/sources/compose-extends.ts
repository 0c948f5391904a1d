/**
 * Compose `extends`: a service built on another, in the same file or in `extends.file`. As `docker-compose
 * config` does, the base comes first and the service's own entries are laid over it by the rules an override
 * file follows (env_file lists appended, environment merged by key, environment over env_file), so a service
 * is a list of layers, base first.
 */
import { dirname, resolve } from "node:path";
import { isRecord } from "./kubernetes-manifests.js";
import type { SourceProblem } from "./types.js";
import type { YamlDocument } from "./yaml-documents.js";

export interface ComposeFile {
  file: string;
  absolute: string;
  document: YamlDocument;
}

export interface ServiceLayer {
  compose: ComposeFile;
  name: string;
  service: Record<string, unknown>;
}

/** Opens a Compose file named by `extends.file`, or says why it cannot. */
export type OpenComposeFile = (absolute: string) => ComposeFile | SourceProblem;

/** `name` in `compose` and every service it extends, base first; problems (a loop, a missing base) are pushed. */
export function serviceLayers(
  compose: ComposeFile,
  name: string,
  open: OpenComposeFile,
  problems: SourceProblem[],
  seen: Set<string> = new Set(),
): ServiceLayer[] {
  const service = serviceOf(compose, name);
  if (!service) return [];
  const layer = { compose, name, service };
  if (service.extends === undefined) return [layer];
  const problem = (message: string) => {
    const line = compose.document.lineOf(["services", name, "extends"]);
    problems.push({
      file: compose.file,
      line,
      message: `services.${name}.extends ${message}`,
      severity: "error",
    });
    return [];
  };
  const key = `${compose.absolute}#${name}`;
  if (seen.has(key)) return problem("leads back to the service itself");
  seen.add(key);
  const target = typeof service.extends === "string" ? { service: service.extends } : service.extends;
  if (
    !isRecord(target) ||
    typeof target.service !== "string" ||
    !["string", "undefined"].includes(typeof target.file)
  )
    return problem('expects a service name or { service: "base", file: "other.yml" }');
  let base = compose;
  if (typeof target.file === "string") {
    const opened = open(resolve(dirname(compose.absolute), target.file));
    // A file that does not exist is named on the extends line; a broken one keeps its own line and column.
    if ("message" in opened) {
      if (opened.line === undefined) return problem(`names ${opened.message}`);
      problems.push(opened);
      return [];
    }
    base = opened;
  }
  if (!serviceOf(base, target.service))
    return problem(`names service "${target.service}", which is not in ${base.file}`);
  const below = serviceLayers(base, target.service, open, problems, seen);
  return below.length === 0 ? [] : [...below, layer];
}

export function servicesOf(compose: ComposeFile): Record<string, unknown> {
  const services = (compose.document.value as Record<string, unknown>).services;
  return isRecord(services) ? services : {};
}

export function serviceOf(compose: ComposeFile, name: string): Record<string, unknown> | undefined {
  const services = servicesOf(compose);
  const service = Object.hasOwn(services, name) ? services[name] : undefined;
  return isRecord(service) ? service : undefined;
}
