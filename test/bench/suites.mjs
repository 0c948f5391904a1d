// The benchmark suites `npm run bench` runs, in the order BENCHMARKS.md shows them. To add a suite, add one entry:
//   kind "bench":     an in-process vitest bench file; `peer` names the bench every row's ratio is taken against.
//   kind "processes": whole processes under hyperfine; `commands(ctx)` lists them, `peer` and `baseline` name rows.
//   kind "modules":   which modules a snippet loads in a fresh process (fixtures/loaded-modules.mjs).
// `requires` lists files that must exist (relative to the repository); without them the section says
// "not measured yet". `interpret(result, helpers)` returns one sentence computed from the numbers.

/** @typedef {{ name: string, median: number }} Row */

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
      "`loadSettings(settings, { env: 'staging', cwd, processEnv: {} })`, which reads `.env`, `.env.staging` and",
      "`config/default.yaml` on every call. env-core gets the variables cfgkit resolves there (the winning raw text of",
      "each leaf a file sets) as `runtimeEnv`, validated against the same 26 leaves written as one flat zod shape",
      "(`test/bench/fixtures/example-flat.mjs`: same bounds, enums, URL protocols, duration rule, JSON array); the",
      "middle row gives cfgkit those same variables as `processEnv` in a directory with no files. Before timing, the",
      "bench checks that all three produce the same value for every leaf.",
    ].join(" "),
    interpret(groups, { ratio, ms, speed }) {
      const rows = groups[0]?.rows ?? [];
      const files = rows.find((r) => r.name === this.subject);
      const same = rows.find((r) => r.name === "cfgkit loadSettings, same variables, no files");
      const peer = rows.find((r) => r.name === this.peer);
      if (!files || !same || !peer) return undefined;
      return (
        `On the same variables cfgkit took ${ratio(same.median, peer.median)} env-core's median time ` +
        `(${ms(same.median)} vs ${ms(peer.median)} per call, ${speed(same.median, peer.median)}); reading the ` +
        `example's three files as a service does took ${ms(files.median)} (${ratio(files.median, peer.median)}).`
      );
    },
  },
  {
    id: "load-cold",
    title: "loadSettings, cold: import and first call in a fresh process",
    kind: "processes",
    cwd: ".",
    commands: (ctx) => [
      {
        name: "cfgkit: import + loadSettings, example files",
        command: "node test/bench/cold/load-cfgkit.mjs",
      },
      {
        name: "cfgkit: import + loadSettings, same variables",
        command: `node test/bench/cold/load-cfgkit.mjs ${ctx.variablesFile}`,
      },
      {
        name: "env-core: import + createEnv, same variables",
        command: `node test/bench/cold/load-env-core.mjs ${ctx.variablesFile}`,
      },
      { name: "zod import alone", command: "node test/bench/cold/import-zod.mjs" },
      { name: "node -e 0", command: "node -e 0" },
    ],
    subject: "cfgkit: import + loadSettings, example files",
    peer: "env-core: import + createEnv, same variables",
    baseline: "zod import alone",
    method: [
      "Each row is a whole `node` process (scripts in `test/bench/cold/`) that imports the library and loads the",
      "example's staging settings once, as a service's entrypoint does; the same inputs as the warm suite. The",
      "variables file is written by run.mjs into an otherwise empty temporary directory. The cold cost of a library",
      "is its median minus the zod-only baseline (zod is needed by both).",
    ].join(" "),
    interpret(rows, { ms, ratio }) {
      const by = (name) => rows.find((r) => r.name === name);
      const files = by(this.subject);
      const same = by("cfgkit: import + loadSettings, same variables");
      const peer = by(this.peer);
      const zod = by(this.baseline);
      if (!files || !same || !peer || !zod) return undefined;
      const cost = (row) => row.median - zod.median;
      const cpu = (row) => row.cpu - zod.cpu;
      return (
        `Over importing zod alone, a first load cost cfgkit ${ms(cost(files))} with the example's files and ` +
        `${ms(cost(same))} with the same variables, env-core ${ms(cost(peer))}: ` +
        `${ratio(cost(same), cost(peer))} env-core's cold cost on the same input ` +
        `(in user+sys CPU time: ${ms(cpu(files))}, ${ms(cpu(same))} and ${ms(cpu(peer))}).`
      );
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
      { name: "import CLI program (for contrast)", source: 'await import("./dist/cli.mjs");' },
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
    title: "cfg check on the example project, as a whole process",
    kind: "processes",
    cwd: "examples/service",
    commands: () => [
      { name: "cfg check", command: "node ../../bin/cfg.js check" },
      { name: `node -e "import('zod')"`, command: `node -e "import('zod')"` },
      { name: "node -e 0", command: "node -e 0" },
    ],
    subject: "cfg check",
    peer: "node -e 0",
    baseline: `node -e "import('zod')"`,
    method: [
      "`cfg check` validates and lints every environment of the example (development, staging, production), run",
      "from `examples/service`, next to a bare Node start and a Node start that imports zod.",
    ].join(" "),
    interpret(rows, { ms, ratio }) {
      const by = (name) => rows.find((r) => r.name === name);
      const check = by(this.subject);
      const bare = by(this.peer);
      const zod = by(this.baseline);
      if (!check || !bare || !zod) return undefined;
      return (
        `cfg check took ${ms(check.median)}: ${ratio(check.median, bare.median)} a bare Node start ` +
        `(+${ms(check.median - bare.median)}) and +${ms(check.median - zod.median)} over importing zod.`
      );
    },
  },
  {
    id: "fingerprint",
    title: "Fingerprint: fingerprintSettings vs object-hash",
    kind: "bench",
    file: "test/bench/fingerprint.bench.ts",
    subject: "cfgkit fingerprintSettings",
    peer: "object-hash (sha256)",
    shareOfSubject: true,
    method: [
      "Generated settings (`test/bench/fixtures/settings-data.ts`): dotted paths with text, whole and fractional",
      "numbers, booleans, URLs, arrays, small objects and dates, none secret. cfgkit gets the `{ path, value, secret",
      "}` list; object-hash gets the same leaves as one object keyed by path, with `algorithm: 'sha256'`. The last",
      "two rows are parts of cfgkit's cost: its canonical text of the whole object, and one sha256 over that text",
      "(the digest's share).",
    ].join(" "),
    interpret(groups, { versus, percent }) {
      const parts = [];
      const digestShares = [];
      for (const group of groups) {
        const by = (name) => group.rows.find((r) => r.name === name);
        const subject = by(this.subject);
        const peer = by(this.peer);
        const digest = by("sha256 of the canonical text alone");
        if (!subject || !peer) continue;
        parts.push(`${group.name}: ${versus(subject, peer)}`);
        if (digest) digestShares.push(digest.median / subject.median);
      }
      if (parts.length === 0) return undefined;
      const share =
        digestShares.length > 0
          ? `; the sha256 digest alone is ${percent(Math.min(...digestShares))}–${percent(Math.max(...digestShares))} of fingerprintSettings' time`
          : "";
      return `fingerprintSettings vs object-hash: ${parts.join(", ")}${share}.`;
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
      "environment) and over 50 and 500 snapshots × 200 keys (every 25th host an outlier on one key), with real",
      "per-key fingerprints built before timing. At 10,000 and 100,000 keys two more rows add the rendering: the",
      "text report of the three, and the patch of two with every key. Not reading snapshots, not resolving",
      "environments, and no memory figures yet.",
    ].join(" "),
    interpret(groups, { times }) {
      const median = (name) => groups.find((g) => g.name === name)?.rows[0]?.median;
      const pairs = [
        ["3 environments × 10,000 keys", "3 environments × 100,000 keys", "the keys (3 environments)"],
        ["50 snapshots × 200 keys", "500 snapshots × 200 keys", "the snapshots (200 keys each)"],
      ];
      const parts = [];
      for (const [small, large, what] of pairs) {
        const a = median(small);
        const b = median(large);
        if (a !== undefined && b !== undefined) parts.push(`10× ${what} took ${times(b / a)} the time`);
      }
      return parts.length > 0
        ? `${parts.join("; ")} (the drift issue's bound: under ~15× for 10× the keys).`
        : undefined;
    },
  },
];
