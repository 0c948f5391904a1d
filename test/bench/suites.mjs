// The benchmark suites `npm run bench` runs, in the order BENCHMARKS.md shows them. To add a suite, add one entry:
//   kind "bench":     an in-process vitest bench file; `peer` names the bench every row's ratio is taken against.
//   kind "processes": whole processes under hyperfine; `commands(ctx)` lists them, `peer` and `baseline` name rows.
//   kind "modules":   which modules a snippet loads in a fresh process (fixtures/loaded-modules.mjs).
// `requires` lists files that must exist (relative to the repository); without them the section says
// "not measured yet". `interpret(result, helpers)` returns one sentence computed from the numbers, and
// `targets(result, helpers)` the issue's targets for the suite as `{ target, figure, met }`, which run.mjs gathers
// into the Targets table at the top of BENCHMARKS.md (`met` is true only when wall and CPU time both meet it).

import { execFileSync } from "node:child_process";
import { writeFleetProject } from "./fixtures/scale-project.mjs";

const fleetSizes = process.env.CFG_BENCH_SMOKE ? [20, 200] : [500, 5_000];

/** How much longer reading every value of the larger fleet once took (the floor rows), or undefined. */
function fleetFloorGrowth(groups) {
  const floors = groups
    .filter((g) => /snapshots/.test(g.name))
    .map((g) => g.rows.find((r) => r.name.startsWith("read every value"))?.median);
  const [small, large] = floors;
  return small !== undefined && large !== undefined ? large / small : undefined;
}

/** @typedef {{ name: string, median: number }} Row */

/** That every library loaded the same 50 values (names normalised to `var00`…), or what differs. */
function verifyFifty(ctx) {
  const peers = ["cfgkit", "env-core", "envalid", "convict", "node-config"];
  const outputs = peers.map((peer) => {
    const text = execFileSync("node", [`test/bench/peers/${peer}.mjs`, ctx.fiftyDir, "--print"], {
      cwd: ctx.root,
      encoding: "utf8",
    });
    const values = Object.entries(JSON.parse(text)).map(([key, value]) => [
      key.replace(/^APP_VAR/, "var"),
      value,
    ]);
    return JSON.stringify(values.sort(([a], [b]) => (a < b ? -1 : 1)));
  });
  const odd = peers.filter((_, i) => outputs[i] !== outputs[0]);
  return odd.length > 0 ? `${odd.join(", ")} loaded other values than cfgkit` : undefined;
}

/** The cold suite's rows both its reading and its targets are computed from, or undefined if one is missing. */
function coldRows(rows) {
  const by = (name) => rows.find((r) => r.name === name);
  const found = {
    cfgkit: by("cfgkit"),
    envCore: by("env-core + dotenv"),
    bare: by("node -e 0"),
    zod: by("import zod"),
    importCfgkit: by("import zod, then cfgkit"),
  };
  return Object.values(found).every(Boolean) ? found : undefined;
}

/** The warm suite's row for the 50-variable case (test/bench/load-settings.bench.ts). */
const FIFTY_SUBJECT = "cfgkit loadSettings, three .env files";

export const suites = [
  {
    id: "load-warm",
    title: "loadSettings, warm: repeated calls in one process",
    kind: "bench",
    file: "test/bench/load-settings.bench.ts",
    subject: "cfgkit loadSettings, example files",
    peer: "env-core createEnv",
    method: [
      "The example service (`examples/service/settings.js`, 26 leaves) in its `staging` environment, loaded with",
      "`loadSettings(settings, { env: 'staging', cwd, processEnv: {} })` from `.env`, `.env.staging` and",
      "`config/default.yaml`. A warm load stats each folder and file it read (one stat each) and, while none changed",
      "and the variables it read from `processEnv` are the same, reuses its parsed files and resolution; validation",
      "(zod) and the frozen, guarded result are made on every call. env-core gets the variables cfgkit resolves there",
      "(the winning raw text of each leaf a file sets) as `runtimeEnv`, validated against the same 26 leaves written",
      "as one flat zod shape (`test/bench/fixtures/example-flat.mjs`: same bounds, enums, URL protocols, duration",
      "rule, JSON array); the middle row gives cfgkit those same variables as `processEnv` in a directory with no",
      "files. The second table is the 50-variable case of the cold comparison (`test/bench/fixtures/fifty.mjs`, three",
      "`.env` files), loaded warm: cfgkit from its files, env-core validating the 50 winning values with the same zod",
      "schemas. Before timing, the bench checks that every call produces the same value for every leaf, and waits",
      "until the directories it wrote are older than the source cache's 2 s racy window (files changed within it are",
      "read again on every load; a service's files are older).",
    ].join(" "),
    /** The rows of the group whose name starts with `prefix` (the example's, or the 50-variable case's). */
    rowsOf(groups, prefix) {
      return groups.find((group) => group.name.startsWith(prefix))?.rows ?? [];
    },
    interpret(groups, { ratio, ms, speed }) {
      const rows = this.rowsOf(groups, "example service");
      const files = rows.find((r) => r.name === this.subject);
      const same = rows.find((r) => r.name === "cfgkit loadSettings, same variables, no files");
      const peer = rows.find((r) => r.name === this.peer);
      if (!files || !same || !peer) return undefined;
      const fiftyRows = this.rowsOf(groups, "50 variables");
      const fifty = fiftyRows.find((r) => r.name === FIFTY_SUBJECT);
      const fiftyPeer = fiftyRows.find((r) => r.name === this.peer);
      const fiftyText =
        fifty && fiftyPeer
          ? ` In the 50-variable case, loading three .env files took ${ms(fifty.median)} against env-core's ${ms(fiftyPeer.median)} (${ratio(fifty.median, fiftyPeer.median)}).`
          : "";
      return (
        `Reading the example's three files as a service does, cfgkit took ${ms(files.median)} per call, ` +
        `${ratio(files.median, peer.median)} env-core's ${ms(peer.median)} (${speed(files.median, peer.median)}); ` +
        `given the same variables, ${ms(same.median)} (${ratio(same.median, peer.median)}).${fiftyText}`
      );
    },
    targets(groups, { times }) {
      const target = (rows, subject, what) => {
        const row = rows.find((r) => r.name === subject);
        const peer = rows.find((r) => r.name === this.peer);
        if (!row || !peer) return [];
        const r = row.median / peer.median;
        return [
          {
            target: `warm loadSettings with files ≤ 3× env-core createEnv (${what})`,
            figure: times(r),
            met: r <= 3,
          },
        ];
      };
      return [
        ...target(this.rowsOf(groups, "example service"), this.subject, "example service"),
        ...target(this.rowsOf(groups, "50 variables"), FIFTY_SUBJECT, "50 variables, three .env files"),
      ];
    },
  },
  {
    id: "load-cold",
    title: "loadSettings, cold: the 50-variable, three-file case, each library in a fresh process",
    kind: "processes",
    cwd: ".",
    setup: (ctx) => ctx.fifty(),
    commands: (ctx) => [
      { name: "cfgkit", command: `node test/bench/peers/cfgkit.mjs ${ctx.fiftyDir}` },
      { name: "env-core + dotenv", command: `node test/bench/peers/env-core.mjs ${ctx.fiftyDir}` },
      { name: "envalid + dotenv", command: `node test/bench/peers/envalid.mjs ${ctx.fiftyDir}` },
      { name: "convict + dotenv", command: `node test/bench/peers/convict.mjs ${ctx.fiftyDir}` },
      { name: "node-config", command: `node test/bench/peers/node-config.mjs ${ctx.fiftyDir}` },
      { name: "import zod, then cfgkit", command: "node test/bench/cold/import-cfgkit.mjs" },
      { name: "import zod", command: "node test/bench/cold/import-zod.mjs" },
      { name: "node -e 0", command: "node -e 0" },
    ],
    subject: "cfgkit",
    peer: "env-core + dotenv",
    baseline: "node -e 0",
    verify: (ctx) => verifyFifty(ctx),
    method: [
      "The 50-variable case (`test/bench/fixtures/fifty.mjs`: ports, URLs, enums, booleans and text in `.env`,",
      "`.env.local` and `.env.staging`; node-config gets the same values as its default, staging and local JSON",
      "files), loaded once per fresh `node` process by each library as its users write it (`test/bench/peers/`).",
      "Before timing, run.mjs checks that all five end with the same 50 values. A library's own cost is its median",
      "minus what it cannot avoid: `node -e 0`, and for the zod-based two (cfgkit, env-core) also importing zod.",
    ].join(" "),
    interpret(rows, { ms, ratio }) {
      const by = (name) => rows.find((r) => r.name === name);
      const found = coldRows(rows);
      if (!found) return undefined;
      const { cfgkit, envCore, bare, zod, importCfgkit } = found;
      // Each figure twice: by wall-clock medians, and by user+sys CPU time (less moved by other load).
      const figure = (of) => `${of((row) => row.median)} (CPU: ${of((row) => row.cpu)})`;
      const net = (t) => (row) => t(row) - t(bare);
      const own = (t) => (row) => t(row) - (row === cfgkit || row === envCore ? t(zod) : t(bare));
      const peers = ["env-core + dotenv", "envalid + dotenv", "convict + dotenv", "node-config"]
        .map(by)
        .filter(Boolean)
        .map((row) => `${row.name} ${figure((t) => ms(own(t)(row)))}`);
      return (
        `Net of \`node -e 0\`, cfgkit took ${figure((t) => ms(net(t)(cfgkit)))} and env-core + dotenv ` +
        `${figure((t) => ms(net(t)(envCore)))}: ${figure((t) => ratio(net(t)(cfgkit), net(t)(envCore)))} ` +
        `(target ≤ 1.1×). Importing cfgkit after zod cost ${figure((t) => ms(t(importCfgkit) - t(zod)))} ` +
        `(target ≤ 8 ms). Own cost beyond the validator each needs: cfgkit ${figure((t) => ms(own(t)(cfgkit)))}; ` +
        `${peers.join(", ")}.`
      );
    },
    targets(rows, { ms, times }) {
      const by = (name) => rows.find((r) => r.name === name);
      const found = coldRows(rows);
      if (!found) return [];
      const { cfgkit, envCore, bare, zod, importCfgkit } = found;
      const both = (of) => [of((row) => row.median), of((row) => row.cpu)];
      const own = (t, row) => t(row) - (row === cfgkit || row === envCore ? t(zod) : t(bare));
      const cold = both((t) => (t(cfgkit) - t(bare)) / (t(envCore) - t(bare)));
      const imported = both((t) => t(importCfgkit) - t(zod));
      const peers = ["env-core + dotenv", "envalid + dotenv", "convict + dotenv", "node-config"].map(by);
      const ahead = peers.filter(Boolean).map((peer) => ({
        target: `cfgkit's own cost below ${peer.name}'s`,
        figure: `${ms(own((r) => r.median, cfgkit))} vs ${ms(own((r) => r.median, peer))} (CPU: ${ms(own((r) => r.cpu, cfgkit))} vs ${ms(own((r) => r.cpu, peer))})`,
        met: both((t) => own(t, cfgkit) < own(t, peer)).every(Boolean),
      }));
      return [
        {
          target: "import of cfgkit beyond zod ≤ 8 ms",
          figure: `${ms(imported[0])} (CPU: ${ms(imported[1])})`,
          met: imported.every((v) => v <= 8),
        },
        {
          target: "cold 50-variable load ≤ 1.1× env-core + dotenv, net of node -e 0",
          figure: `${times(cold[0])} (CPU: ${times(cold[1])})`,
          met: cold.every((v) => v <= 1.1),
        },
        ...ahead,
      ];
    },
  },
  {
    id: "lean-entry",
    title: "Runtime entry: what loading settings loads",
    kind: "modules",
    cases: [
      { name: 'import("cfgkit")', source: 'await import("cfgkit");' },
      {
        name: "import + loadSettings, example files (has config/default.yaml)",
        source: [
          'const { loadSettings } = await import("cfgkit");',
          'const { settings } = await import("./examples/service/settings.js");',
          'loadSettings(settings, { env: "staging", cwd: "examples/service", processEnv: {}, onError: "throw" });',
        ].join("\n"),
      },
      {
        name: "cfg --version in process (for contrast)",
        source: 'const { run } = await import("./dist/cli.mjs"); await run(["--version"]);',
      },
    ],
    forbidden: ["commander", "diff", "jiti", "yaml"],
    method: [
      "A fresh `node` per row with a load hook (`test/bench/fixtures/record-loads.mjs`) that records every ES module",
      "and, from `require.cache`, every CommonJS module. `test/bench/lean-entry.test.ts` asserts the same in `npm",
      "test`: the runtime entry loads no CLI module and no CLI-only package, and `yaml` only when a YAML file is read.",
    ].join(" "),
  },
  {
    id: "cfg-check",
    title: "cfg check on the example project, against the floor",
    kind: "processes",
    cwd: "examples/service",
    setup: (ctx) => ctx.typescriptExample(),
    commands: (ctx) => [
      { name: "cfg check (cfg.config.js)", command: "node ../../bin/cfg.js check" },
      {
        name: "cfg check (cfg.config.ts, warm loader cache)",
        command: `node ../../bin/cfg.js -C ${ctx.tsExampleDir} check`,
      },
      {
        name: "cfg check (cfg.config.ts, cold loader cache)",
        command: `node ../../bin/cfg.js -C ${ctx.tsExampleDir} check`,
        prepare: `rm -rf ${ctx.jitiCacheDir}`,
      },
      {
        name: "cfg check (cfg.config.ts, cold loader and compile caches)",
        command: `node ../../bin/cfg.js -C ${ctx.tsExampleDir} check`,
        prepare: `rm -rf ${ctx.jitiCacheDir} ${ctx.compileCacheDir}`,
      },
      {
        name: "floor: import zod and the settings, parse once",
        command: "node ../../test/bench/cold/floor.mjs",
      },
      { name: "node -e 0", command: "node -e 0" },
    ],
    subject: "cfg check (cfg.config.js)",
    peer: "floor: import zod and the settings, parse once",
    method: [
      "`cfg check` validates and lints every environment of the example (development, staging, production), from",
      "`examples/service`; the same project with its config as `cfg.config.ts` (a copy run.mjs makes), read",
      "through jiti with its cache in the project's `node_modules/.cache/jiti` warm, and cleared before every run",
      "(cold); the last cfg row also clears the compile cache, `node_modules/.cache/cfgkit/compile` on Node 20",
      "(V8's compiled code of cfgkit's yaml and babel bundles, which cfg keeps itself where Node has no compile",
      "cache; Node 22+ keeps its own, in the temporary directory, which no row clears). The floor is a `node`",
      "process that imports zod and the example's settings module and parses once (`test/bench/cold/floor.mjs`).",
    ].join(" "),
    interpret(rows, { ratio }) {
      const by = (name) => rows.find((r) => r.name === name);
      const floor = by(this.peer);
      const [js, warm, cold, colder] = [
        "cfg check (cfg.config.js)",
        "cfg check (cfg.config.ts, warm loader cache)",
        "cfg check (cfg.config.ts, cold loader cache)",
        "cfg check (cfg.config.ts, cold loader and compile caches)",
      ].map(by);
      if (!floor || !js || !warm || !cold) return undefined;
      const allCold = colder
        ? ` With the compile cache cold too, ${ratio(colder.median, floor.median)} (CPU: ${ratio(colder.cpu, floor.cpu)}).`
        : "";
      return (
        `cfg check took ${ratio(js.median, floor.median)} the floor with a .js config (target ≤ 1.15×), ` +
        `${ratio(warm.median, floor.median)} with a .ts config and a warm loader cache (≤ 1.35×), and ` +
        `${ratio(cold.median, floor.median)} cold (≤ 1.8×); in user+sys CPU time ` +
        `${ratio(js.cpu, floor.cpu)}, ${ratio(warm.cpu, floor.cpu)} and ${ratio(cold.cpu, floor.cpu)}.${allCold}`
      );
    },
    targets(rows, { times }) {
      const floor = rows.find((r) => r.name === this.peer);
      if (!floor) return [];
      return [
        ["cfg check (cfg.config.js)", "cfg check, .js config ≤ 1.15× the floor", 1.15],
        ["cfg check (cfg.config.ts, warm loader cache)", "cfg check, .ts config, warm cache ≤ 1.35×", 1.35],
        ["cfg check (cfg.config.ts, cold loader cache)", "cfg check, .ts config, cold cache ≤ 1.8×", 1.8],
        [
          "cfg check (cfg.config.ts, cold loader and compile caches)",
          "cfg check, .ts config, cold cache and compile cache ≤ 1.8×",
          1.8,
        ],
      ].flatMap(([name, target, limit]) => {
        const row = rows.find((r) => r.name === name);
        if (!row) return [];
        const [wall, cpu] = [row.median / floor.median, row.cpu / floor.cpu];
        return [
          { target, figure: `${times(wall)} (CPU: ${times(cpu)})`, met: wall <= limit && cpu <= limit },
        ];
      });
    },
  },
  {
    id: "fingerprint",
    title: "Fingerprint: fingerprintSettings vs JSON.stringify + one sha256 and object-hash",
    kind: "bench",
    file: "test/bench/fingerprint.bench.ts",
    subject: "cfgkit fingerprintSettings",
    peer: "JSON.stringify + one sha256",
    method: [
      "Generated settings (`test/bench/fixtures/settings-data.ts`): dotted paths with text, whole and fractional",
      "numbers, booleans, URLs, arrays, small objects and dates, none secret. cfgkit gets the `{ path, value, secret",
      "}` list in path order, as loaded settings and `cfg hash` hand it (their leaves' sorted order is worked out",
      "once per schema), and in the generator's order in the second row, where it sorts first. The yardstick is",
      "`JSON.stringify` of the same leaves as one object keyed by path (keys already sorted) and one sha256;",
      "object-hash gets that object with `algorithm: 'sha256'`. The last row is the per-key digests, which only",
      "`cfg hash --keys`, lock files, snapshots and diffs compute.",
    ].join(" "),
    interpret(groups, { ms, ratio, versus }) {
      const by = (group, name) => group?.rows.find((r) => r.name === name);
      const at = (label) => groups.find((g) => g.name === label);
      const [ten, hundred] = [at("10,000 keys"), at("100,000 keys")];
      const parts = [];
      const tenSubject = by(ten, this.subject);
      if (tenSubject)
        parts.push(`at 10,000 keys fingerprintSettings took ${ms(tenSubject.median)} (target < 10 ms)`);
      const subject = by(hundred, this.subject);
      const unsorted = by(hundred, "cfgkit fingerprintSettings, keys in any order (sorts first)");
      const yardstick = by(hundred, this.peer);
      const objectHashRow = by(hundred, "object-hash (sha256)");
      const perKey = by(hundred, "cfgkit per-key digests (keyFingerprints)");
      if (subject && yardstick) {
        parts.push(
          `at 100,000 keys ${ratio(subject.median, yardstick.median)} JSON.stringify + one sha256 (target ≤ 2×)` +
            (unsorted
              ? `, ${ratio(unsorted.median, yardstick.median)} when it must sort the keys first`
              : ""),
        );
      }
      if (subject && objectHashRow) parts.push(`against object-hash ${versus(subject, objectHashRow)}`);
      if (perKey) parts.push(`the per-key digests, when asked for, ${ms(perKey.median)} at 100,000 keys`);
      return parts.length > 0 ? `${parts.join("; ")}.` : undefined;
    },
    targets(groups, { ms, times }) {
      const group = (name) => groups.find((g) => g.name === name);
      const row = (g, name) => g?.rows.find((r) => r.name === name);
      const targets = [];
      const tenK = row(group("10,000 keys"), this.subject);
      if (tenK)
        targets.push({
          target: "fingerprint, 10k keys < 10 ms",
          figure: ms(tenK.median),
          met: tenK.median < 10,
        });
      // The ratio on the largest size measured (100,000 keys in a full run, smaller in the smoke run).
      const large = groups.at(-1);
      const [subject, plain] = [row(large, this.subject), row(large, "JSON.stringify + one sha256")];
      if (subject && plain) {
        const r = subject.median / plain.median;
        targets.push({
          target: `fingerprint, ${large.name} (in path order) ≤ 2× JSON.stringify + one sha256`,
          figure: times(r),
          met: r <= 2,
        });
      }
      return targets;
    },
  },
  {
    id: "expand",
    title: "Expansion: expandEnv vs dotenv-expand 12",
    kind: "bench",
    file: "test/bench/expand.bench.ts",
    subject: "expandEnv",
    peer: "dotenv-expand 12",
    method: [
      "`test/bench/expand.bench.ts`: generated `.env` contents with plain values, numbers, URLs and about one line in",
      "three referring to earlier keys, `$HOME` or a `${VAR:-default}`. dotenv-expand is left out at 10,000 lines.",
    ].join(" "),
  },
  {
    id: "drift",
    title: "Drift at scale: compareOperands",
    kind: "bench",
    file: "test/bench/drift.bench.ts",
    subject: "compareOperands",
    method: [
      "`compareOperands` from `src/drift.ts` over 3 environments × 10,000 and 100,000 keys (1 key in 20 differs per",
      "environment) and over 500 and 5,000 snapshots × 200 keys (every 25th host an outlier on one of the same 4",
      "keys, so the report has the same size at both fleet sizes), with real per-key fingerprints built before",
      "timing. At 10,000 and 100,000 keys two more rows add the rendering: the text report of the three, and the",
      "patch of two with every key. Every row gets the same 20 samples after 3 warmup runs at every size, over data",
      "built for that row alone (so no row is timed in a heap holding the others' hundreds of MB). Each fleet size",
      "has a floor row that reads every value once and compares nothing: at 5,000 snapshots the fleet's million",
      "values are far past the processor's caches, so even that read costs more per value than at 500. Not",
      "reading snapshots, not resolving environments: the whole-process fleet suite below does that, with memory.",
    ].join(" "),
    interpret(groups, { times }) {
      const parts = [];
      for (const [pattern, what] of [
        [/environments/, "the keys (3 environments)"],
        [/snapshots/, "the snapshots (200 keys each)"],
      ]) {
        const [small, large] = groups.filter((g) => pattern.test(g.name)).map((g) => g.rows[0]?.median);
        if (small !== undefined && large !== undefined)
          parts.push(`10× ${what} took ${times(large / small)} the time`);
      }
      const floor = fleetFloorGrowth(groups);
      if (floor) parts.push(`reading every value of the fleet once took ${times(floor)} the time`);
      return parts.length > 0 ? `${parts.join("; ")} (linear would be 10×).` : undefined;
    },
    targets(groups, { times }) {
      const [small, large] = groups.filter((g) => /snapshots/.test(g.name)).map((g) => g.rows[0]?.median);
      if (small === undefined || large === undefined) return [];
      const r = large / small;
      const floor = fleetFloorGrowth(groups);
      return [
        {
          target: "10× the snapshots in about linear time (≤ 11×, as for keys)",
          figure: `${times(r)}${floor ? ` (reading every value once: ${times(floor)})` : ""}`,
          met: r <= 11,
        },
      ];
    },
  },
  {
    id: "fleet-processes",
    title: "cfg diff of a fleet: 500 and 5,000 snapshots, time and peak memory",
    kind: "processes",
    cwd: ".",
    setup: (ctx) => writeFleetProject(ctx.scaleDir("fleet"), fleetSizes, `${ctx.root}/bin/cfg.js`),
    rounds: 1,
    runs: 3,
    warmup: 0,
    memory: true,
    commands: (ctx) =>
      fleetSizes.map((hosts) => ({
        name: `cfg diff, ${hosts.toLocaleString("en-US")} snapshots`,
        command: `node bin/cfg.js -C ${ctx.scaleDir("fleet")} diff fleet-${hosts} --fail-on none`,
      })),
    method: [
      "`cfg diff` of a snapshot tree (`test/bench/fixtures/scale-project.mjs`, `writeFleetProject`): 500 and 5,000",
      "snapshots of a 200-key project taken by `cfg snapshot` (every 25th host an outlier on one of the same 4 keys,",
      "set through its process environment), each read, checked and compared as a user's fleet is, the report",
      "grouped by cause. Peak memory is the maximum resident set size of a separate run under GNU time.",
    ].join(" "),
    interpret(rows, { times }) {
      const [small, large] = rows;
      if (!small || !large) return undefined;
      return (
        `10× the snapshots took ${times(large.median / small.median)} the time ` +
        `(CPU: ${times(large.cpu / small.cpu)}) and ${times(large.rss / small.rss)} the peak memory.`
      );
    },
    targets(rows, { times }) {
      const [small, large] = rows;
      if (!small || !large) return [];
      const [wall, cpu] = [large.median / small.median, large.cpu / small.cpu];
      return [
        {
          target: "cfg diff of 10× the snapshots in linear time (≤ 11×), with its peak memory",
          figure: `${times(wall)} (CPU: ${times(cpu)}), peak RSS ${Math.round(large.rss / 1024 / 1024)} MB`,
          met: wall <= 11 && cpu <= 11,
        },
      ];
    },
  },
  {
    id: "diff-scale",
    title: "cfg diff at scale: 3 environments against a bare-zod diff, time and peak memory",
    kind: "processes",
    cwd: ".",
    setup: (ctx) => ctx.scaleProjects(),
    rounds: 1,
    runs: 3,
    warmup: 0,
    memory: true,
    commands: (ctx) =>
      ctx.scaleSizes.flatMap((keys) => [
        {
          name: `cfg diff, ${keys.toLocaleString("en-US")} keys`,
          command: `node bin/cfg.js -C ${ctx.scaleDir(keys)} diff development staging production --fail-on none`,
        },
        {
          name: `bare zod, ${keys.toLocaleString("en-US")} keys`,
          command: `node test/bench/peers/bare-zod-diff.mjs ${ctx.scaleDir(keys)}`,
        },
      ]),
    method: [
      "A generated project (`test/bench/fixtures/scale-project.mjs`) of N keys in 50 sections, strings, numbers",
      "and booleans, with `.env.development`, `.env.staging` and `.env.production` each setting every key and",
      "differing on 1 key in 20. `cfg diff` of the three against the bare-zod diff",
      "(`test/bench/peers/bare-zod-diff.mjs`: dotenv parses the three files, the project's zod schema validates",
      "each, the values are compared key by key). Peak memory is the maximum resident set size of a separate run",
      "under GNU time (`/usr/bin/time -f %M`, Debian's package `time`).",
    ].join(" "),
    interpret(rows, { ratio, times }) {
      const by = (name) => rows.find((r) => r.name === name);
      const parts = [];
      const sizes = [...new Set(rows.map((r) => r.name.split(", ")[1]))];
      for (const size of sizes) {
        const cfg = by(`cfg diff, ${size}`);
        const bare = by(`bare zod, ${size}`);
        if (!cfg || !bare) continue;
        const memory = cfg.rss && bare.rss ? `, ${ratio(cfg.rss, bare.rss)} its peak memory` : "";
        parts.push(
          `at ${size} cfg diff took ${ratio(cfg.median, bare.median)} the bare-zod time ` +
            `(CPU: ${ratio(cfg.cpu, bare.cpu)})${memory}`,
        );
      }
      const [small, large] = sizes.map((size) => by(`cfg diff, ${size}`));
      const growth =
        small && large ? `; 10× the keys took ${times(large.median / small.median)} the time` : "";
      return parts.length > 0
        ? `${parts.join("; ")}${growth} (targets: ≤ 1.25× the time, ≤ 1.2× the memory, ≤ 11× per 10× keys).`
        : undefined;
    },
    targets(rows, { times }) {
      const sizes = [...new Set(rows.map((r) => r.name.split(", ")[1]))];
      const largest = sizes.at(-1);
      const cfg = rows.find((r) => r.name === `cfg diff, ${largest}`);
      const bare = rows.find((r) => r.name === `bare zod, ${largest}`);
      const small = rows.find((r) => r.name === `cfg diff, ${sizes[0]}`);
      if (!cfg || !bare) return [];
      const [wall, cpu] = [cfg.median / bare.median, cfg.cpu / bare.cpu];
      const targets = [
        {
          target: `cfg diff, 3 × ${largest}: ≤ 1.25× the time of bare zod`,
          figure: `${times(wall)} (CPU: ${times(cpu)})`,
          met: wall <= 1.25 && cpu <= 1.25,
        },
      ];
      if (cfg.rss && bare.rss)
        targets.push({
          target: `cfg diff, 3 × ${largest}: ≤ 1.2× the peak memory of bare zod`,
          figure: times(cfg.rss / bare.rss),
          met: cfg.rss / bare.rss <= 1.2,
        });
      if (small && small !== cfg) {
        const growth = cfg.median / small.median;
        targets.push({
          target: "cfg diff growth per 10× keys ≤ 11×",
          figure: times(growth),
          met: growth <= 11,
        });
      }
      return targets;
    },
  },
  {
    id: "sizes",
    title: "Installed size for a service that only loads settings",
    kind: "sizes",
    packages: {
      cfgkit: ["cfgkit"],
      "@t3-oss/env-core + dotenv": ["@t3-oss/env-core", "dotenv"],
      envalid: ["envalid"],
      "node-config": ["config"],
    },
    method: [
      "What `npm install <package> --omit=dev` puts in node_modules beyond zod: for cfgkit the files `npm pack`",
      "would publish from this checkout plus its runtime dependencies; for the others their installed files and",
      "their dependencies', as this repository's lock has them (bytes on disk as `du -sb` counts them).",
    ].join(" "),
  },
];
