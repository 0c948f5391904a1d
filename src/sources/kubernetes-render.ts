/**
 * Running the user's own render command (`kubectl kustomize DIR`, `helm template …`) and keeping its output
 * per input hash: the same command over the same input files is not run again. The cache lives in
 * `node_modules/.cache/cfgkit/` of the project, where build tools keep theirs.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { nodeChildProcess, nodeCrypto } from "../builtins.js";

export type RenderResult = { ok: true; file: string } | { ok: false; message: string; shown: string };

/** A rendered output larger than this is not manifests for one service. */
const MAX_RENDER_BYTES = 64 * 1024 * 1024;

export function renderManifests(
  render: { command: readonly string[]; inputs: readonly string[] },
  cwd: string,
): RenderResult {
  const shown = render.command.join(" ");
  const hash = nodeCrypto().createHash("sha256").update(JSON.stringify(render.command));
  for (const input of render.inputs) {
    const files = listFiles(resolve(cwd, input));
    if (files === undefined) return { ok: false, shown, message: `render input ${input} does not exist` };
    for (const file of files) hash.update(`\0${relative(cwd, file)}\0`).update(readFileSync(file));
  }
  const cacheDir = join(cwd, "node_modules", ".cache", "cfgkit");
  const cached = join(cacheDir, `render-${hash.digest("hex").slice(0, 32)}.yaml`);
  if (existsSync(cached)) return { ok: true, file: relative(cwd, cached) };
  const [program = "", ...args] = render.command;
  let output: Buffer;
  try {
    output = nodeChildProcess().execFileSync(program, args, {
      cwd,
      maxBuffer: MAX_RENDER_BYTES,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { status?: number; stderr?: Buffer };
    const reason =
      failure.code === "ENOENT"
        ? `${program} is not installed (or not on PATH)`
        : `exited with ${failure.status ?? failure.code}: ${firstLine(failure.stderr)}`;
    return { ok: false, shown, message: `render command "${shown}" failed: ${reason}` };
  }
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed, so an interrupted run never leaves half a render to be trusted next time.
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, output);
  renameSync(partial, cached);
  return { ok: true, file: relative(cwd, cached) };
}

function listFiles(path: string): string[] | undefined {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .sort()
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile());
}

function firstLine(stderr: Buffer | undefined): string {
  const text = stderr?.toString("utf8").trim() ?? "";
  return (text.split("\n")[0] ?? "").slice(0, 300) || "no message";
}
