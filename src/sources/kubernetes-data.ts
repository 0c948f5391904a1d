/**
 * The key-value data of a ConfigMap or a Secret, as the kubelet hands it to a container: a ConfigMap's
 * `data`; a Secret's `data` decoded from base64 with `stringData` winning. Each key keeps its line.
 */
import { isRecord, type ManifestObject } from "./kubernetes-manifests.js";
import type { SourceProblem } from "./types.js";

export interface DataValue {
  value: string;
  line: number;
  secret: boolean;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The object's data by key; problems (a value that is not text, invalid base64) are pushed once per key. */
export function objectData(object: ManifestObject, problems: SourceProblem[]): Map<string, DataValue> {
  const secret = object.kind === "Secret";
  const data = new Map<string, DataValue>();
  const where = `${object.kind.toLowerCase()}/${object.name}`;
  const fail = (field: string, key: string, message: string) =>
    problems.push({
      file: object.file,
      line: object.lineOf([field, key]),
      message: `${where} ${field}.${key} ${message}`,
      severity: "error",
    });
  const section = (field: string): [string, unknown][] => {
    const value = object.body[field];
    return isRecord(value) ? Object.entries(value) : [];
  };
  for (const [key, raw] of section("data")) {
    if (typeof raw !== "string") {
      fail("data", key, "is not a string (Kubernetes rejects it; quote the value)");
      continue;
    }
    const decoded = secret ? decodeBase64(raw) : { text: raw };
    if ("error" in decoded) {
      fail("data", key, decoded.error);
      continue;
    }
    data.set(key, { value: decoded.text, line: object.lineOf(["data", key]), secret });
  }
  if (secret) {
    for (const [key, raw] of section("stringData")) {
      if (typeof raw !== "string") {
        fail("stringData", key, "is not a string (Kubernetes rejects it; quote the value)");
        continue;
      }
      data.set(key, { value: raw, line: object.lineOf(["stringData", key]), secret });
    }
  }
  return data;
}

/** Standard base64 with padding, as the API server decodes it (line breaks ignored). */
function decodeBase64(encoded: string): { text: string } | { error: string } {
  const compact = encoded.replace(/[\r\n]/g, "");
  if (compact.length % 4 !== 0 || !BASE64.test(compact))
    return { error: "is not valid base64 (Secret data is base64-encoded; use stringData for plain text)" };
  try {
    return { text: utf8.decode(Buffer.from(compact, "base64")) };
  } catch {
    return { error: "decodes to bytes that are not UTF-8 text, which an environment variable cannot hold" };
  }
}
