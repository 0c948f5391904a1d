/** The parts of a Compose service that make its environment: `env_file` entries and `environment`. */
import { relative } from "node:path";
import { parseDotenvText } from "./dotenv-file.js";
import { isRecord } from "./kubernetes-manifests.js";
import { readSourceText } from "./read-text.js";
import type { SourceRead } from "./source-kind.js";
import type { RawEntry } from "./types.js";
import type { YamlPath } from "./yaml-documents.js";

/** `env_file: a.env`, `env_file: [a.env, b.env]`, or `[{ path: a.env, required: false }]`. */
export function envFileList(value: unknown): { path: string; required: boolean; itemPath: YamlPath }[] {
  if (typeof value === "string") return [{ path: value, required: true, itemPath: [] }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => {
    if (typeof item === "string") return [{ path: item, required: true, itemPath: [index] }];
    if (isRecord(item) && typeof item.path === "string")
      return [{ path: item.path, required: item.required !== false, itemPath: [index] }];
    return [];
  });
}

/** `environment` as a map (`KEY: value`, `KEY:` alone) or a list (`KEY=value`, `KEY` alone). */
interface EnvironmentEntry {
  key: string;
  value: string | undefined;
  path: YamlPath;
  /** Why Compose refuses the value. */
  invalid?: string;
}

export function environmentEntries(value: unknown): EnvironmentEntry[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index): EnvironmentEntry[] => {
      if (typeof item !== "string" || item === "") return [];
      const equals = item.indexOf("=");
      return equals === -1
        ? [{ key: item, value: undefined, path: [index] }]
        : [{ key: item.slice(0, equals), value: item.slice(equals + 1), path: [index] }];
    });
  }
  if (!isRecord(value)) return [];
  return Object.entries(value).map(([key, item]): EnvironmentEntry => {
    if (item === null || item === undefined) return { key, value: undefined, path: [key] };
    if (typeof item === "string" || typeof item === "number")
      return { key, value: String(item), path: [key] };
    const what = typeof item === "boolean" ? String(item) : "a list or mapping";
    return {
      key,
      value: undefined,
      path: [key],
      invalid: `is ${what}, which Compose refuses: quote it ("${what}") or use a string`,
    };
  });
}

/** One `env_file`'s variables, with their own file and line; a missing required file is an error at its mention. */
export function readEnvFile(
  absolute: string,
  required: boolean,
  cwd: string,
  mention: { file: string; line: number },
  result: SourceRead,
): Map<string, RawEntry> {
  const shown = relative(cwd, absolute) || absolute;
  const read = readSourceText(absolute);
  if (!read) {
    if (required)
      result.problems.push({
        ...mention,
        message: `env_file ${shown} does not exist`,
        severity: "error",
      });
    return new Map();
  }
  if (!read.ok) {
    result.problems.push({
      file: shown,
      ...(read.line ? { line: read.line } : {}),
      message: `${shown} ${read.message}`,
      severity: "error",
    });
    return new Map();
  }
  result.files.push(shown);
  const parsed = parseDotenvText(read.text, shown);
  result.problems.push(...parsed.problems);
  return parsed.entries;
}
