// Disk full or a failing rename while `cfg snapshot -o`, `cfg diff --accept` or `cfg hash --write` writes its
// file: exit 2 with a clear error, the previous file untouched, no temporary file left in the directory.
// node:fs is wrapped so that only writes to (and the rename of) the temporary file fail, when a test says so.
import * as fs from "node:fs";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cfg } from "../cli/_cli.js";
import { copyOfExample, removeDir } from "./_drift.js";

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    openSync: vi.fn(actual.openSync),
    writeSync: vi.fn(actual.writeSync),
    renameSync: vi.fn(actual.renameSync),
  };
});

type Failure = { on: "write" | "rename"; code: string } | undefined;
let failure: Failure;
const temporaryDescriptors = new Set<number>();

beforeAll(async () => {
  const actual = await vi.importActual<typeof import("node:fs")>("node:fs");
  const errno = (code: string) => Object.assign(new Error(`${code}: simulated failure`), { code });
  vi.mocked(fs.openSync).mockImplementation(((path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (actual.openSync as (...args: unknown[]) => number)(path, ...rest);
    if (String(path).endsWith(".tmp")) temporaryDescriptors.add(fd);
    return fd;
  }) as typeof fs.openSync);
  vi.mocked(fs.writeSync).mockImplementation(((fd: number, ...rest: unknown[]) => {
    if (failure?.on === "write" && temporaryDescriptors.has(fd)) throw errno(failure.code);
    return (actual.writeSync as (...args: unknown[]) => number)(fd, ...rest);
  }) as typeof fs.writeSync);
  vi.mocked(fs.renameSync).mockImplementation((from, to) => {
    if (failure?.on === "rename" && String(from).endsWith(".tmp")) throw errno(failure.code);
    return actual.renameSync(from, to);
  });
});

const dirs: string[] = [];
afterEach(() => {
  failure = undefined;
  temporaryDescriptors.clear();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

const FAILURES: NonNullable<Failure>[] = [
  { on: "write", code: "ENOSPC" },
  { on: "rename", code: "EXDEV" },
  { on: "rename", code: "EIO" },
];

const WRITERS: { name: string; file: string; argv: string[] }[] = [
  { name: "cfg snapshot -o", file: "snap.json", argv: ["snapshot", "--env", "staging", "-o", "snap.json"] },
  {
    name: "cfg diff --accept",
    file: "cfg.drift-baseline.json",
    argv: ["diff", "staging", "production", "--accept"],
  },
  { name: "cfg hash --write", file: "cfg.lock.json", argv: ["hash", "--all", "--write", "cfg.lock.json"] },
];

describe("a failing write keeps the previous file", () => {
  for (const writer of WRITERS) {
    for (const fail of FAILURES) {
      it(`${writer.name}: ${fail.code} on ${fail.on}`, async () => {
        const dir = copyOfExample();
        dirs.push(dir);
        // A valid (empty) baseline, so that --accept reads it before it tries to replace it.
        const previous = `${JSON.stringify({ version: 1, accepted: [], previous: true })}\n`;
        writeFileSync(join(dir, writer.file), previous);
        const before = readdirSync(dir).sort();

        failure = fail;
        const result = await cfg(writer.argv, { cwd: dir });
        failure = undefined;

        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`cannot write ${writer.file}: ${fail.code}`);
        expect(result.stderr).not.toMatch(/^\s+at /m);
        expect(readFileSync(join(dir, writer.file), "utf8")).toBe(previous);
        expect(readdirSync(dir).sort()).toEqual(before);
      });
    }
  }

  it("the same commands succeed once the disk has room again (the wrapper itself is transparent)", async () => {
    const dir = copyOfExample();
    dirs.push(dir);
    for (const writer of WRITERS) {
      const result = await cfg(writer.argv, { cwd: dir });
      expect(result.stderr).not.toContain("cannot write");
      expect(readFileSync(join(dir, writer.file), "utf8")).not.toContain('"previous"');
    }
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
