/**
 * A fresh consumer project with cfgkit installed from a packed tarball, offline: the project gets a lock built from
 * the tarball's own package.json and this repository's lock (the versions and integrities of cfgkit's
 * dependencies, and zod), and `npm ci --offline --omit=dev` installs it from the tarball and the npm cache alone.
 * Only the production dependencies cfgkit declares are locked, exactly what `npm install cfgkit zod --omit=dev`
 * would pull, so a CLI-only package wrongly listed there would be installed and seen.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

interface LockEntry {
  version: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

export interface Packed {
  /** Absolute path of the `.tgz`. */
  file: string;
  integrity: string;
  manifest: LockEntry & { name: string; bin?: Record<string, string> };
}

/** The packages a package needs at run time: its dependencies and its required (non-optional) peers. */
function runtimeNeeds(entry: LockEntry): string[] {
  const peers = Object.keys(entry.peerDependencies ?? {}).filter(
    (name) => !entry.peerDependenciesMeta?.[name]?.optional,
  );
  return [...Object.keys(entry.dependencies ?? {}), ...peers];
}

/** Lock entries of everything `needs` pulls in, at the versions and integrities this repository locks. */
function lockedClosure(needs: string[]): Record<string, LockEntry> {
  const repoLock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")).packages as Record<
    string,
    LockEntry
  >;
  const entries: Record<string, LockEntry> = {};
  const queue = [...needs];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const key = `node_modules/${name}`;
    if (entries[key]) continue;
    const locked = repoLock[key];
    if (!locked) throw new Error(`${name} is not in package-lock.json: cannot install it offline`);
    const { dev: _dev, devOptional: _devOptional, ...entry } = locked;
    entries[key] = entry;
    queue.push(...runtimeNeeds(entry));
  }
  return entries;
}

export interface Consumer {
  dir: string;
  /** What `npm ci` printed, both streams. */
  installLog: string;
}

/** Writes `files` into `dir`, locks cfgkit (from `packed`) and zod, and runs `npm ci --offline --omit=dev`. */
export function installConsumer(dir: string, packed: Packed, files: Record<string, string>): Consumer {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const spec = `file:../${basename(packed.file)}`;
  const zod = lockedClosure(["zod"])["node_modules/zod"] as LockEntry;
  manifest.dependencies = { cfgkit: spec, zod: zod.version };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const { name, version, dependencies, peerDependencies, peerDependenciesMeta, bin, engines, license } =
    packed.manifest;
  const lock = {
    name: manifest.name,
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: manifest.name, dependencies: manifest.dependencies },
      [`node_modules/${name}`]: {
        version,
        resolved: spec,
        integrity: packed.integrity,
        license,
        dependencies,
        peerDependencies,
        // Without it npm ci would take an optional peer (prom-client) for a required one and fetch it.
        peerDependenciesMeta,
        bin,
        engines,
      },
      ...lockedClosure([...runtimeNeeds(packed.manifest), "zod"]),
    },
  };
  writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
  const run = spawnSync("npm", ["ci", "--offline", "--omit=dev", "--no-audit", "--no-fund"], {
    cwd: dir,
    encoding: "utf8",
  });
  const installLog = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`npm ci in ${dir} failed:\n${installLog}`);
  return { dir, installLog };
}
