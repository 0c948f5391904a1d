/**
 * Node built-ins that only some calls need, loaded on their first use rather than when cfgkit is imported:
 * loading node:crypto or node:child_process (or node:vm, for the CLI's compile cache) costs a process about 3 ms each, which every service that loads
 * its settings and never fingerprints them, nor renders manifests, would pay at start. Synchronous
 * (`process.getBuiltinModule`, Node 20.16+), as the APIs that use them are.
 */
import type * as ChildProcess from "node:child_process";
import type * as Crypto from "node:crypto";
import type * as Vm from "node:vm";

let crypto: typeof Crypto | undefined;
let childProcess: typeof ChildProcess | undefined;
let vm: typeof Vm | undefined;

export function nodeCrypto(): typeof Crypto {
  crypto ??= process.getBuiltinModule("node:crypto");
  return crypto;
}

export function nodeChildProcess(): typeof ChildProcess {
  childProcess ??= process.getBuiltinModule("node:child_process");
  return childProcess;
}

export function nodeVm(): typeof Vm {
  vm ??= process.getBuiltinModule("node:vm");
  return vm;
}
