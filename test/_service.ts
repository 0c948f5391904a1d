// The example service as a child process, for the tests that need it running: started with only what a
// deployment would set, and killed after each test.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { afterEach } from "vitest";

export const serviceDir = resolve(import.meta.dirname, "../examples/service");
const mainJs = join(serviceDir, "main.js");
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

export interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; elapsedMs: number }>;
}

export function startService(cwd: string, env: Record<string, string>): Run {
  const started = performance.now();
  // Only what a deployment would set: no inherited APP_* variables from the test runner.
  const child = spawn(process.execPath, [mainJs], { cwd, env: { PATH: process.env.PATH ?? "", ...env } });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; elapsedMs: number }>((done) =>
    child.on("exit", (code) => done({ code, elapsedMs: performance.now() - started })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the service");
    await new Promise((r) => setTimeout(r, 20));
  }
}
