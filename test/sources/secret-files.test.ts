/** Secret files: a secrets directory (Docker's and Kubernetes' layouts) and the KEY_FILE convention. */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyFileReferences,
  MAX_SECRET_FILE_BYTES,
  secretsDirSource,
} from "../../src/sources/secret-files.js";
import type { SourceRead } from "../../src/sources/source-kind.js";
import { formatOrigin, type Layer } from "../../src/sources/types.js";
import { dockerSecrets, kubernetesSecretVolume, makeFifo, scratchDir } from "./_secret-dirs.js";

function readDir(options: unknown, cwd = "/"): SourceRead {
  const parsed = secretsDirSource.parseOptions(options);
  if (typeof parsed === "string") throw new Error(parsed);
  return secretsDirSource.read(parsed, { cwd, processEnv: {} });
}

const values = (result: SourceRead) => Object.fromEntries([...result.entries].map(([k, e]) => [k, e.value]));

describe("secrets directory", () => {
  it("reads a Kubernetes Secret volume through ..data, ignoring the hidden entries", () => {
    const dir = kubernetesSecretVolume({ db__password: "s3cr3t-pw\n", "webhook.secret": "line1\nline2\n\n" });
    const result = readDir({ path: dir, prefix: "APP_" });
    expect(result.problems).toEqual([]);
    expect(values(result)).toEqual({ APP_DB__PASSWORD: "s3cr3t-pw", APP_WEBHOOK_SECRET: "line1\nline2\n" });
    const entry = result.entries.get("APP_DB__PASSWORD");
    expect(entry?.secret).toBe(true);
    expect(entry && formatOrigin(entry.origin)).toBe(`file:${dir}/db__password`);
  });

  it("reads Docker's plain files; a CRLF ending loses one line break too; subfolders hold no variable", () => {
    const dir = dockerSecrets({ API_TOKEN: "tok\r\n", EMPTY: "" });
    mkdirSync(join(dir, "nested"));
    expect(values(readDir(dir))).toEqual({ API_TOKEN: "tok", EMPTY: "" });
  });

  it("never follows a link out of the directory", () => {
    const outside = dockerSecrets({ host_key: "not yours" });
    const dir = dockerSecrets({ ok: "fine" });
    symlinkSync(join(outside, "host_key"), join(dir, "stolen"));
    symlinkSync("../", join(dir, "parent"));
    const result = readDir(dir);
    expect(result.problems.map((p) => p.message)).toEqual([
      `${dir}/parent links outside the secrets directory ${dir}; it is not read`,
      `${dir}/stolen links outside the secrets directory ${dir}; it is not read`,
    ]);
    expect(values(result)).toEqual({ OK: "fine" });
  });

  it("refuses a FIFO without opening it, a broken link, an oversized file, a missing directory", () => {
    const dir = dockerSecrets({});
    makeFifo(join(dir, "pipe"));
    symlinkSync("nowhere", join(dir, "dangling"));
    writeFileSync(join(dir, "huge"), Buffer.alloc(MAX_SECRET_FILE_BYTES + 1, 97));
    expect(readDir(dir).problems.map((p) => p.message)).toEqual([
      `${dir}/dangling is a broken symbolic link`,
      `${dir}/huge is ${MAX_SECRET_FILE_BYTES + 1} bytes, more than a secret file may hold (${MAX_SECRET_FILE_BYTES})`,
      `${dir}/pipe is not a regular file (a FIFO, socket or device is not read)`,
    ]);
    expect(readDir("no/such/dir", dir).problems.map((p) => p.message)).toEqual([
      "secrets directory no/such/dir does not exist",
    ]);
  });
});

describe("KEY_FILE", () => {
  const layer = (entries: Record<string, string>): Layer => ({
    kind: "env",
    name: ".env",
    file: ".env",
    rank: 1,
    entries: new Map(
      Object.entries(entries).map(([key, value], index) => [
        key,
        { value, origin: { kind: "file", file: ".env", line: index + 1 } },
      ]),
    ),
  });

  it("reads the file as the value of KEY, secret, with the file as its origin", () => {
    const dir = dockerSecrets({ db_password: "pw-from-file\n" });
    const layers = [layer({ APP_DB__PASSWORD_FILE: join(dir, "db_password"), OTHER: "x" })];
    const applied = applyFileReferences(layers, dir, () => false);
    expect(applied.problems).toEqual([]);
    const entries = (layers[0] as Extract<Layer, { kind: "env" }>).entries;
    expect([...entries.keys()]).toEqual(["OTHER", "APP_DB__PASSWORD"]);
    expect(entries.get("APP_DB__PASSWORD")).toEqual({
      value: "pw-from-file",
      origin: { kind: "secret-file", path: join(dir, "db_password") },
      secret: true,
    });
  });

  it("gives KEY at the rank of the layer that set KEY_FILE: precedence decides against another layer's KEY", () => {
    const dir = dockerSecrets({ token: "from-file" });
    const lower = layer({ API_TOKEN: "committed-default" });
    const upper = { ...layer({ API_TOKEN_FILE: join(dir, "token") }), name: "process.env", rank: 2 };
    expect(applyFileReferences([lower, upper], dir, () => false).problems).toEqual([]);
    expect((upper as Extract<Layer, { kind: "env" }>).entries.get("API_TOKEN")?.value).toBe("from-file");
    expect((lower as Extract<Layer, { kind: "env" }>).entries.get("API_TOKEN")?.value).toBe(
      "committed-default",
    );
  });

  it("leaves a name the schema declares alone", () => {
    const layers = [layer({ TLS_CERT_FILE: "/etc/ssl/cert.pem" })];
    expect(applyFileReferences(layers, "/", (name) => name === "TLS_CERT_FILE").problems).toEqual([]);
    expect((layers[0] as Extract<Layer, { kind: "env" }>).entries.get("TLS_CERT_FILE")?.value).toBe(
      "/etc/ssl/cert.pem",
    );
  });

  it("a directory, a FIFO, a missing file, or both KEY and KEY_FILE: an error on the line that names it", () => {
    const dir = scratchDir();
    makeFifo(join(dir, "fifo"));
    const layers = [
      layer({
        A_FILE: dir,
        B_FILE: join(dir, "fifo"),
        C_FILE: "missing.txt",
        D: "direct",
        D_FILE: join(dir, "fifo"),
      }),
    ];
    const { problems } = applyFileReferences(layers, dir, () => false);
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([
      `.env:1 A_FILE (.env:1): ${dir} is a directory, expected a file`,
      `.env:2 B_FILE (.env:2): ${join(dir, "fifo")} is not a regular file (a FIFO, socket or device is not read)`,
      ".env:3 C_FILE (.env:3): missing.txt does not exist",
      ".env:5 both D and D_FILE are set; set one of them",
    ]);
  });
});
