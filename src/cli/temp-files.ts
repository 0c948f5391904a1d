/**
 * Temporary files of atomic writes: named so that a later run can tell its own stale ones from anything else
 * (`.<target>.cfgkit-tmp-<pid>-<random>.tmp`, beside the target), removed when SIGINT or SIGTERM arrives, and
 * swept by the next write to the same target once the process that made them is gone (SIGKILL, power loss).
 */
import { randomBytes } from "node:crypto";
import { lstatSync, readdirSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const MARK = "cfgkit-tmp";
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

const pending = new Set<string>();
let handlersInstalled = false;

/** A fresh temporary name beside `destination`, owned by this process. */
export function temporaryPathFor(destination: string): string {
  const name = `.${basename(destination)}.${MARK}-${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  return join(dirname(destination), name);
}

/**
 * Removes temporary files left beside `destination` by an earlier write that was killed: only names of our
 * own pattern, for this very target, regular files, whose process no longer exists. Best effort: a file that
 * cannot be removed is left for the next run.
 */
export function sweepStaleTemporaries(destination: string): string[] {
  const directory = dirname(destination);
  const prefix = `.${basename(destination)}.${MARK}-`;
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const match = /^(\d+)-[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    const pid = match ? Number(match[1]) : Number.NaN;
    if (!Number.isSafeInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    const path = join(directory, name);
    try {
      if (!lstatSync(path).isFile()) continue;
      unlinkSync(path);
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/**
 * Marks `path` as a temporary file that must not outlive an interrupt; the returned function unmarks it.
 * While a listener is installed a signal no longer kills the process outright: it is handled once the current
 * synchronous write has finished (renamed or removed its file), then re-raised with the default action.
 */
export function trackTemporary(path: string): () => void {
  installHandlers();
  pending.add(path);
  return () => pending.delete(path);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of SIGNALS) process.once(signal, onSignal);
}

function onSignal(signal: NodeJS.Signals): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // Already renamed or removed.
    }
  }
  pending.clear();
  for (const other of SIGNALS) process.removeListener(other, onSignal);
  handlersInstalled = false;
  // With no listener left, the default action ends the process with the signal's own status (130 for SIGINT).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
