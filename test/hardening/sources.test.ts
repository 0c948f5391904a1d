/**
 * Faults while reading (issue 8, items 5 and 14): every source a command reads (an env file, a config file, a
 * baseline, a lock file, a snapshot, the project config) as a FIFO, a device, a directory, a dangling symbolic
 * link, a file this user may not read, a file over the size limit, and a file replaced while it is read.
 * Each case: exit 2 from the CLI (78 at startup) within a time bound, the file and the fault named, no stack.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineSettings, loadSettings } from "../../src/index.js";
import {
  type BinResult,
  cfgBinAsync,
  expectRefused,
  isRoot,
  STARTUP_SCRIPT,
  scratchProject,
} from "./_hardening.js";

interface SourceKind {
  name: string;
  /** The file under test, relative to the project. */
  file: string;
  argv: string[];
  /** How the message names the file. */
  named: string;
  /** Files the case needs besides the one under test. */
  setup?: Record<string, string>;
  /** Files to remove first (the project config must be the only one). */
  remove?: string[];
}

const SNAPSHOT_ARGS = ["diff", "staging", "snap.json"];
const KINDS: SourceKind[] = [
  { name: "an env file", file: ".env.staging", argv: ["check", "--env", "staging"], named: ".env.staging" },
  {
    name: "a config file",
    file: "config/staging.yaml",
    argv: ["check", "--env", "staging"],
    named: "config/staging.yaml",
    setup: { "config/default.yaml": "name: base\n" },
  },
  {
    name: "a baseline",
    file: "b.json",
    argv: ["diff", "staging", "production", "--baseline", "b.json"],
    named: "baseline b.json",
  },
  {
    name: "a lock file",
    file: "lock.json",
    argv: ["hash", "--all", "--check", "lock.json"],
    named: "lock file lock.json",
  },
  { name: "a snapshot", file: "snap.json", argv: SNAPSHOT_ARGS, named: "snapshot snap.json" },
  {
    name: "the project config",
    file: "cfg.config.json",
    argv: ["check"],
    named: "cfg.config.json",
    remove: ["cfg.config.js"],
  },
];

type Fault = { name: string; phrase: string; make: (path: string, dir: string) => void; uid?: number };

const FAULTS: Fault[] = [
  { name: "a FIFO", phrase: "is a named pipe (FIFO), expected a regular file", make: (path) => mkfifo(path) },
  {
    name: "a symbolic link to /dev/zero",
    phrase: "is a device, expected a regular file",
    make: (path) => symlinkSync("/dev/zero", path),
  },
  { name: "a directory", phrase: "is a directory", make: (path) => mkdirSync(path) },
  {
    name: "a dangling symbolic link",
    phrase: "is a symbolic link to missing-target, which does not exist",
    make: (path) => symlinkSync("missing-target", path),
  },
  {
    name: "a 2 MiB file",
    phrase: "is larger than the 1 MiB limit for a source file (2 MiB; raise limits.maxFileBytes to read it)",
    make: (path) => writeFileSync(path, "#".repeat(2 * 1024 * 1024)),
  },
];

function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

function projectWith(kind: SourceKind, fault: Fault): string {
  const dir = scratchProject(kind.setup ?? {});
  for (const name of kind.remove ?? []) rmSync(join(dir, name));
  mkdirSync(join(dir, "config"), { recursive: true });
  rmSync(join(dir, kind.file), { force: true });
  fault.make(join(dir, kind.file), dir);
  return dir;
}

describe("a source that is not a readable regular file", () => {
  for (const fault of FAULTS) {
    it(`${fault.name}, as each kind of source: exit 2, named, no hang`, async () => {
      const results = await Promise.all(
        KINDS.map(async (kind) => [kind, await cfgBinAsync(kind.argv, projectWith(kind, fault))] as const),
      );
      for (const [kind, result] of results) {
        // A link out of the project is refused before it is read, for the files the project keeps.
        const phrase =
          kind.name === "a baseline" && fault.name.includes("/dev/zero")
            ? `refusing to read ${kind.named}: it leads outside the project through a symbolic link`
            : `${kind.named} ${fault.phrase}`;
        // `cfg check` prints its report on stdout; other commands say it on stderr.
        expect.soft(result.stdout + result.stderr, kind.name).toContain(phrase);
        expectRefused(result, 2);
      }
    });
  }

  it("a file this user may not read (EACCES, as a non-root uid): exit 2, named", async (context) => {
    if (!isRoot) {
      console.warn(
        "skipped EACCES as another user: switching to uid 65534 needs root (as root, root reads anything)",
      );
      context.skip();
    }
    const results: (readonly [SourceKind, BinResult])[] = [];
    for (const kind of KINDS.filter((k) => k.name !== "the project config")) {
      const dir = projectWith(kind, {
        name: "unreadable",
        phrase: "",
        make: (path) => writeFileSync(path, "{}\n"),
      });
      chmodSync(join(dir, kind.file), 0o000);
      chmodSync(dir, 0o755);
      results.push([kind, await cfgBinAsync(kind.argv, dir, { uid: 65534 })]);
    }
    for (const [kind, result] of results) {
      expect
        .soft(result.stdout + result.stderr, kind.name)
        .toContain(`${kind.named} cannot be read: permission denied`);
      expectRefused(result, 2);
    }
  });
});

describe("at service startup (loadSettings, exit 78)", () => {
  for (const fault of FAULTS.filter((f) => f.name !== "a directory")) {
    it(`.env.staging as ${fault.name}: exit 78 with the file named, no stack, no hang`, async () => {
      const dir = projectWith(KINDS[0] as SourceKind, fault);
      writeFileSync(join(dir, "main.js"), STARTUP_SCRIPT);
      const result = await cfgBinAsync([], dir, { script: "main.js" });
      expectRefused(result, 78, `.env.staging ${fault.phrase}`);
      expect(result.stdout).not.toContain("started");
    });
  }
});

describe("a file replaced while it is read", () => {
  it("by rename (how editors and deploy tools save): every load sees the old file or the new one, whole", async () => {
    const dir = scratchProject();
    const values = ["a".repeat(4000), "b".repeat(4000)];
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      schema: z.object({ name: z.string() }),
    });
    writeFileSync(join(dir, ".env"), `APP_NAME=${values[0]}\n`);
    // Another process swaps the file as fast as it can while this one loads it.
    const swapper = spawn(
      process.execPath,
      [
        "-e",
        `const fs = require("fs"); const end = Date.now() + 1500; let i = 0;
         while (Date.now() < end) { const t = ".env.next"; fs.writeFileSync(t, "APP_NAME=" + "${"ab"}"[i++ % 2].repeat(4000) + "\\n"); fs.renameSync(t, ".env"); }`,
      ],
      { cwd: dir, stdio: "ignore" },
    );
    const exited = new Promise((done) => swapper.once("exit", done));
    const seen = new Set<string>();
    try {
      for (let i = 0; i < 300; i++) {
        const config = loadSettings(settings, { cwd: dir, processEnv: {}, onError: "throw" });
        expect(values).toContain(config.name);
        seen.add(config.name.slice(0, 1));
        await new Promise((done) => setImmediate(done));
      }
    } finally {
      swapper.kill();
      await exited;
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it("a limit set in the definition (4 KiB) is the one applied and named", () => {
    const dir = scratchProject();
    const settings = defineSettings({
      prefix: "APP_",
      configDir: false,
      limits: { maxFileBytes: 4096 },
      schema: z.object({ name: z.string() }),
    });
    writeFileSync(join(dir, ".env"), `APP_NAME=${"x".repeat(5000)}\n`);
    expect(() => loadSettings(settings, { cwd: dir, processEnv: {}, onError: "throw" })).toThrow(
      ".env is larger than the 4 KiB limit for a source file",
    );
  });
});
