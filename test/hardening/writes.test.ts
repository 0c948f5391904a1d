/**
 * Faults while writing (issue 8, items 1, 2, 13, 14): a full disk with a real short write, pipes and devices as
 * targets, stale temporary files, SIGINT and SIGKILL between write and rename, two writers at once, and
 * repository files aimed outside the project. Every case: exit 2 or a complete file, the previous file
 * byte-identical on failure, no temporary file left, no stack trace.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cfgBin, expectRefused, isRoot, scratchProject, startBin } from "./_hardening.js";

const temporaries = (dir: string) => readdirSync(dir).filter((name) => name.includes(".cfgkit-tmp-"));

const WRITERS = [
  { name: "cfg snapshot -o", file: "snap.json", argv: ["snapshot", "--env", "staging", "-o", "snap.json"] },
  { name: "cfg hash --write", file: "cfg.lock.json", argv: ["hash", "--all", "--write", "cfg.lock.json"] },
  {
    name: "cfg diff --accept",
    file: "cfg.drift-baseline.json",
    argv: ["diff", "staging", "production", "--accept"],
  },
  { name: "cfg docs --write", file: "SETTINGS.md", argv: ["docs", "--write"] },
] as const;

/** Values long enough that every writer's new file spans several pages of the small file system. */
const LONG_ENV = Array.from({ length: 6 }, (_, i) => `APP_NOTE=${"n".repeat(900)}${i}`)
  .slice(-1)
  .concat(`APP_EXTRA={${Array.from({ length: 60 }, (_, i) => `"key${i}":"${"v".repeat(60)}"`).join(",")}}`)
  .join("\n");

describe("a full disk (a real tmpfs, so the kernel makes the short write)", () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const mount of mounts) {
      spawnSync("umount", [mount]);
      rmSync(mount, { recursive: true, force: true });
    }
  });

  for (const writer of WRITERS) {
    it(`${writer.name}: the failed (short, where the file spans more than the room left) write is caught, the old file kept byte for byte, the temp file removed, exit 2`, (context) => {
      if (!isRoot) {
        console.warn(`skipped "${writer.name}" on a full disk: mounting a small tmpfs needs root`);
        context.skip();
      }
      const mount = mkdtempSync(resolve(import.meta.dirname, "../../.scratch/enospc-"));
      mounts.push(mount);
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mount]);
      const files = { ".env.staging": `APP_NAME=staging\n${LONG_ENV}\n` };
      // The new file's size, from the same command where there is room: a page less than it is left free.
      const sized = scratchProject(files);
      expect(cfgBin(writer.argv, sized).code).toBe(0);
      const size = statSync(join(sized, writer.file)).size;
      const dir = scratchProject(files, mount);
      const previous = `${JSON.stringify({ version: 1, accepted: [], environments: {}, previous: true })}\n`;
      writeFileSync(join(dir, writer.file), previous);
      fillLeaving(join(mount, "filler"), size > 4096 ? 4096 : 0);
      const before = readdirSync(dir).sort();

      const result = cfgBin(writer.argv, dir);

      expectRefused(result, 2, `cannot write ${writer.file}: ENOSPC: no space left on the device`);
      expect(result.stderr).not.toContain("wrote");
      expect(readFileSync(join(dir, writer.file), "utf8")).toBe(previous);
      expect(readdirSync(dir).sort()).toEqual(before);

      // With room again, the same command writes the whole file: the failure above was the disk's.
      rmSync(join(mount, "filler"));
      const retried = cfgBin(writer.argv, dir);
      expect(retried.stderr).not.toContain("cannot write");
      expect(readFileSync(join(dir, writer.file), "utf8")).not.toBe(previous);
      expect(statSync(join(dir, writer.file)).size).toBe(size);
    });
  }
});

/** Fills the file system holding `path` until it is full, then frees `free` bytes (whole pages). */
function fillLeaving(path: string, free: number): void {
  const descriptor = openSync(path, "w");
  const chunk = Buffer.alloc(4096, 0x2e);
  let size = 0;
  try {
    for (;;) size += writeSync(descriptor, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(descriptor);
  }
  truncateSync(path, Math.max(0, size - free));
}

describe("a target that is not a regular file is written into, never replaced", () => {
  it("a named pipe: the reader gets the whole snapshot and the pipe stays a pipe", async () => {
    const dir = scratchProject();
    const fifo = join(dir, "snap.fifo");
    execFileSync("mkfifo", [fifo]);
    // The reader runs apart from this (blocked) thread; the snapshot fits in the pipe's buffer meanwhile.
    const reader = spawn("cat", [fifo], { stdio: ["ignore", "pipe", "ignore"] });
    let received = "";
    reader.stdout.on("data", (chunk: Buffer) => {
      received += chunk.toString("utf8");
    });
    const readerDone = new Promise((done) => reader.once("exit", done));

    const result = cfgBin(["snapshot", "--env", "staging", "-o", fifo], dir);

    expect(result.code, result.stderr).toBe(0);
    expect(statSync(fifo).isFIFO()).toBe(true);
    await readerDone;
    expect(JSON.parse(received).format).toBe("cfgkit-snapshot");
    expect(temporaries(dir)).toEqual([]);
  });

  it("a character device (a null device made with mknod as root, else /dev/null itself) stays a device", () => {
    const dir = scratchProject();
    const device = isRoot ? join(dir, "null") : "/dev/null";
    if (isRoot) execFileSync("mknod", [device, "c", "1", "3"]);
    const result = cfgBin(["snapshot", "--env", "staging", "-o", device], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(temporaries(dir)).toEqual([]);
  });

  it("a Unix socket is refused: exit 2, the socket left as it was, no temporary file", async () => {
    const dir = scratchProject();
    const socketPath = join(dir, "snap.sock");
    const server = createServer();
    await new Promise<void>((listening) => server.listen(socketPath, listening));
    try {
      const result = cfgBin(["snapshot", "--env", "staging", "-o", socketPath], dir);
      expectRefused(result, 2, "snap.sock", "it is a socket; name a regular file");
      expect(statSync(socketPath).isSocket()).toBe(true);
      expect(temporaries(dir)).toEqual([]);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });

  // Making a block-device node needs root; the node (a loop device's numbers) is never opened by the test.
  if (!isRoot) console.log("block-device write test skipped: mknod needs root");
  it.skipIf(!isRoot)("a block device is refused: exit 2, the device node left as it was", () => {
    const dir = scratchProject();
    const device = join(dir, "disk");
    execFileSync("mknod", [device, "b", "7", "0"]);
    const result = cfgBin(["snapshot", "--env", "staging", "-o", device], dir);
    expectRefused(result, 2, "disk", "it is a block device; name a regular file");
    expect(statSync(device).isBlockDevice()).toBe(true);
    expect(temporaries(dir)).toEqual([]);
  });

  it("`-o -` is standard output: no file named `-`", () => {
    const dir = scratchProject();
    const result = cfgBin(["snapshot", "--env", "staging", "-o", "-"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).format).toBe("cfgkit-snapshot");
    expect(existsSync(join(dir, "-"))).toBe(false);
  });
});

describe("temporary files", () => {
  it("are named for their target and process, and a later write sweeps only the stale ones of its target", () => {
    const dir = scratchProject();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    const deadPid = Number(dead.stdout);
    const stale = `.snap.json.cfgkit-tmp-${deadPid}-deadbeef.tmp`;
    const live = `.snap.json.cfgkit-tmp-${process.pid}-cafebabe.tmp`;
    const otherTarget = `.other.json.cfgkit-tmp-${deadPid}-deadbeef.tmp`;
    const unrelated = ".snap.json.editor-backup.tmp";
    for (const name of [stale, live, otherTarget, unrelated]) writeFileSync(join(dir, name), "partial");

    const result = cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], dir);

    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir, stale))).toBe(false);
    for (const kept of [live, otherTarget, unrelated]) expect(existsSync(join(dir, kept))).toBe(true);
  });

  for (const signal of ["SIGINT", "SIGTERM", "SIGKILL"] as const) {
    it(`${signal} at any moment of a write leaves the old or the new file whole${signal === "SIGKILL" ? ", and the next write sweeps what it left" : ", and no temporary file"}`, async () => {
      const dir = scratchProject({ ".env.staging": `APP_NAME=staging\n${LONG_ENV}\n` });
      const target = join(dir, "snap.json");
      const previous = '{"previous":true}\n';
      const started = Date.now();
      const reference = cfgBin(["snapshot", "--env", "staging", "-o", "reference.json"], dir);
      expect(reference.code, reference.stderr).toBe(0);
      const runtime = Date.now() - started;
      // Spread the signals over the whole run, so some land while the file is being written.
      for (const fraction of [0.6, 0.8, 0.9, 1]) {
        writeFileSync(target, previous);
        const child = startBin(["snapshot", "--env", "staging", "-o", "snap.json"], dir);
        const exited = new Promise((done) => child.once("exit", done));
        await new Promise((done) => setTimeout(done, runtime * fraction));
        child.kill(signal);
        await exited;
        const text = readFileSync(target, "utf8");
        if (text !== previous) expect(JSON.parse(text).format).toBe("cfgkit-snapshot");
        if (signal !== "SIGKILL") expect(temporaries(dir)).toEqual([]);
      }
      const next = cfgBin(["snapshot", "--env", "staging", "-o", "snap.json"], dir);
      expect(next.code, next.stderr).toBe(0);
      expect(temporaries(dir)).toEqual([]);
    });
  }

  it("two writers at once: both succeed, the file is one of their snapshots whole, nothing left behind", async () => {
    const dir = scratchProject({ ".env.staging": `APP_NAME=staging\n${LONG_ENV}\n` });
    const children = ["staging", "production", "staging", "production"].map((env) =>
      startBin(["snapshot", "--env", env, "-o", "snap.json"], dir),
    );
    const codes = await Promise.all(children.map((child) => new Promise((done) => child.once("exit", done))));
    expect(codes).toEqual([0, 0, 0, 0]);
    const snapshot = JSON.parse(readFileSync(join(dir, "snap.json"), "utf8"));
    expect(["staging", "production"]).toContain(snapshot.environment);
    expect(temporaries(dir)).toEqual([]);
  });
});

describe("a repository file aimed outside the project (item 14)", () => {
  const CASES = [
    {
      name: "cfg hash --write",
      argv: ["hash", "--all", "--write", "../outside.lock.json"],
      file: "outside.lock.json",
    },
    {
      name: "cfg diff --accept",
      argv: ["diff", "staging", "production", "--accept", "../outside.baseline.json"],
      file: "outside.baseline.json",
    },
    {
      name: "cfg example --write",
      argv: ["example", "--write", "--output", "../outside.env.example"],
      file: "outside.env.example",
    },
    { name: "cfg docs --write", argv: ["docs", "--write", "--output", "../outside.md"], file: "outside.md" },
  ];
  for (const { name, argv, file } of CASES) {
    it(`${name} ../${file}: refused, exit 2, nothing written`, () => {
      const parent = mkdtempSync(resolve(import.meta.dirname, "../../.scratch/outside-"));
      try {
        const dir = scratchProject({}, parent);
        const result = cfgBin(argv, dir);
        expectRefused(result, 2, `refusing to write ../${file}: it is outside the project`);
        expect(readdirSync(parent)).toEqual([dir.slice(parent.length + 1)]);
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    });
  }

  it("a snapshot is a host's file, not the repository's: -o outside the project is written", () => {
    const parent = mkdtempSync(resolve(import.meta.dirname, "../../.scratch/outside-"));
    try {
      const dir = scratchProject({}, parent);
      mkdirSync(join(parent, "host"));
      const result = cfgBin(["snapshot", "--env", "staging", "-o", "../host/snap.json"], dir);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(parent, "host", "snap.json"), "utf8")).environment).toBe("staging");
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
