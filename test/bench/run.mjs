// `npm run bench`: runs every suite in suites.mjs (vitest bench in-process, hyperfine for whole processes, a load
// hook for what the runtime entry loads) and writes BENCHMARKS.md from the results. Every number and every
// sentence of interpretation in that file is computed here from this run's measurements.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, relative, resolve } from "node:path";
import { writeFiftyFixture } from "./fixtures/fifty.mjs";
import { loadedModules } from "./fixtures/loaded-modules.mjs";
import { writeScaleProject } from "./fixtures/scale-project.mjs";
import { installedSizes } from "./fixtures/sizes.mjs";
import { suites } from "./suites.mjs";

const root = resolve(import.meta.dirname, "../..");
const benchConfig = "test/bench/vitest.bench.config.ts";
// hyperfine runs all runs of one command before the next; on a shared machine the load drifts over that time, so
// each suite runs in rounds (every command once per round) and a command's median is taken over all its runs.
// CFG_BENCH_SMOKE=1 (test/bench/smoke.test.ts): every suite at tiny sizes and one run each, writing the report
// to CFG_BENCH_OUTPUT instead of BENCHMARKS.md, so `npm test` proves the suite still runs.
const SMOKE = Boolean(process.env.CFG_BENCH_SMOKE);
const HYPERFINE_ROUNDS = SMOKE ? 1 : 2;
const HYPERFINE_RUNS = SMOKE ? 1 : 8;
const HYPERFINE_WARMUP = SMOKE ? 0 : 2;
const OUTPUT = process.env.CFG_BENCH_OUTPUT ?? resolve(root, "BENCHMARKS.md");

const tmp = mkdtempSync(join(os.tmpdir(), "cfgkit-bench-"));
// Projects that import `cfgkit` must live inside this package (its own name resolves only there): .scratch/.
const scratch = join(root, ".scratch", `bench-${process.pid}`);
const ctx = {
  root,
  fiftyDir: join(tmp, "fifty"),
  fifty() {
    writeFiftyFixture(this.fiftyDir);
  },
  tsExampleDir: join(scratch, "service-ts"),
  jitiCacheDir: join(root, "node_modules", ".cache", "jiti"),
  /** cfg's own compile cache of its bundles on Node 20 (src/bundle-require.ts); Node 22+ keeps its own. */
  compileCacheDir: join(root, "node_modules", ".cache", "cfgkit", "compile"),
  /** The example with its project config as cfg.config.ts, the same text (the .js config is plain JavaScript). */
  typescriptExample() {
    cpSync(join(root, "examples", "service"), this.tsExampleDir, { recursive: true });
    const config = readFileSync(join(this.tsExampleDir, "cfg.config.js"), "utf8");
    rmSync(join(this.tsExampleDir, "cfg.config.js"));
    writeFileSync(join(this.tsExampleDir, "cfg.config.ts"), config);
  },
  scaleSizes: process.env.CFG_BENCH_SMOKE ? [100, 1_000] : [10_000, 100_000],
  scaleDir: (keys) => join(scratch, `scale-${keys}`),
  scaleProjects() {
    for (const keys of this.scaleSizes) writeScaleProject(this.scaleDir(keys), keys);
  },
};

// ---- formatting -----------------------------------------------------------------------------------------------

function ms(value) {
  if (!Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  if (abs < 1) return `${(value * 1000).toPrecision(3)} µs`;
  if (abs < 1000) return `${value.toPrecision(3)} ms`;
  return `${(value / 1000).toPrecision(3)} s`;
}
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(bytes >= 100 * 1024 * 1024 ? 0 : 1)} MB`;
/** Machine-specific paths in a shown command: the temporary and scratch directories. */
const hide = (text) =>
  text.replaceAll(tmp, "<tmp>").replaceAll(scratch, "<scratch>").replaceAll(`${root}/`, "");
const times = (r) => `${r >= 10 ? r.toFixed(0) : r.toFixed(r >= 1 ? 1 : 2)}×`;
const ratio = (a, b) => times(a / b);
const speed = (a, b) => (a <= b ? `${times(b / a)} faster` : `${times(a / b)} slower`);
const percent = (r) => `${(r * 100).toFixed(r < 0.1 ? 1 : 0)}%`;
/** speed() of two bench rows, flagged when the difference is smaller than their margins of error together. */
const versus = (a, b) =>
  `${speed(a.median, b.median)}${Math.abs(a.median / b.median - 1) * 100 < a.rme + b.rme ? " (within noise)" : ""}`;
const helpers = { ms, times, ratio, speed, percent, versus };

/** A Markdown table; `align` has one letter per column, `l` or `r` (default: the first left, the rest right). */
function table(header, rows, align = `l${"r".repeat(header.length - 1)}`) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  const rule = header.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const code = (text) => `\`${text.replaceAll("`", "'")}\``;
const missingFiles = (suite) => (suite.requires ?? []).filter((file) => !existsSync(resolve(root, file)));

// ---- in-process suites: one vitest bench run ------------------------------------------------------------------

function runVitest(benchSuites) {
  const files = benchSuites.map((suite) => suite.file);
  const output = join(tmp, "vitest.json");
  const args = ["vitest", "bench", "--run", "--config", benchConfig, "--outputJson", output, ...files];
  console.error(`\n$ npx ${args.join(" ")}`);
  const run = spawnSync("npx", args, { cwd: root, stdio: "inherit" });
  const groupsByFile = new Map();
  if (existsSync(output)) {
    for (const file of JSON.parse(readFileSync(output, "utf8")).files ?? []) {
      const groups = (file.groups ?? []).map((group) => ({
        name: group.fullName.split(" > ").slice(1).join(" > "),
        rows: group.benchmarks.map((b) => ({
          name: b.name,
          median: b.median,
          samples: b.sampleCount,
          rme: b.rme,
        })),
      }));
      groupsByFile.set(relative(root, resolve(root, file.filepath)), groups);
    }
  }
  return {
    status: run.status,
    groupsByFile,
    command: `npx ${args.slice(0, 5).join(" ")} --outputJson <tmp>/vitest.json`,
  };
}

function renderBench(suite, groups) {
  const out = [];
  for (const group of groups) {
    const peer = group.rows.find((r) => r.name === suite.peer);
    const subject = group.rows.find((r) => r.name === suite.subject);
    const header = ["benchmark", "median"];
    if (suite.peer) header.push(`× ${suite.peer}`);
    if (suite.shareOfSubject) header.push(`share of ${suite.subject}`);
    header.push("samples", "±rme");
    const rows = group.rows.map((r) => {
      const cells = [r.name, ms(r.median)];
      if (suite.peer) cells.push(peer ? times(r.median / peer.median) : "—");
      if (suite.shareOfSubject) cells.push(subject ? percent(r.median / subject.median) : "—");
      cells.push(String(r.samples), `${r.rme.toFixed(1)}%`);
      return cells;
    });
    out.push(`**${group.name}**\n\n${table(header, rows)}`);
  }
  return out.join("\n\n");
}

// ---- whole processes: hyperfine --------------------------------------------------------------------------------

function hyperfineVersion() {
  const probe = spawnSync("hyperfine", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** Runs each command once first, so a broken command is reported with its own message instead of timed. */
function checkCommand({ name, command }, cwd) {
  const run = spawnSync("sh", ["-c", command], { cwd, encoding: "utf8" });
  if (run.status === 0) return undefined;
  const said = `${run.stderr}${run.stdout}`.trim().split("\n")[0] ?? "";
  return `${code(name)} exited with ${run.status}${said ? `: ${code(said.slice(0, 200))}` : ""}`;
}

const shellQuote = (arg) => (/^[\w./:=-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

/** Peak resident memory of one run of `command` in kB, by GNU time; also checks the command succeeds. */
function peakMemory({ name, command }, cwd) {
  // Without GNU time (Debian's package `time`) the column stays empty and the command is only checked.
  if (!existsSync("/usr/bin/time")) {
    const broken = checkCommand({ name, command }, cwd);
    return broken ? { error: broken } : { kb: Number.NaN };
  }
  const run = spawnSync("/usr/bin/time", ["-f", "%M", "sh", "-c", `${command} >/dev/null`], {
    cwd,
    encoding: "utf8",
  });
  const lines = run.stderr.trim().split("\n");
  if (run.status !== 0) return { error: `${code(name)} exited with ${run.status}: ${code(lines[0] ?? "")}` };
  return { kb: Number(lines.at(-1)) };
}

function runHyperfine(suite) {
  const commands = suite.commands(ctx);
  const cwd = resolve(root, suite.cwd ?? ".");
  const memory = new Map();
  if (suite.memory) {
    // The measured run doubles as the check that each command works.
    for (const command of commands) {
      const result = peakMemory(command, cwd);
      if (result.error) return { error: `not timed: ${result.error}`, commands };
      memory.set(command.name, result.kb * 1024);
    }
  } else {
    const broken = commands.map((command) => checkCommand(command, cwd)).filter(Boolean);
    if (broken.length > 0) return { error: `not timed: ${broken.join("; ")}`, commands };
  }
  const verified = suite.verify?.(ctx);
  if (verified) return { error: `not timed: ${verified}`, commands };
  const samples = new Map(commands.map(({ name }) => [name, { wall: [], cpu: [] }]));
  const rounds = SMOKE ? 1 : (suite.rounds ?? HYPERFINE_ROUNDS);
  for (let round = 1; round <= rounds; round++) {
    const output = join(tmp, `${suite.id}.${round}.hyperfine.json`);
    const args = ["-N", "--warmup", String(SMOKE ? 0 : (suite.warmup ?? HYPERFINE_WARMUP))];
    args.push("--runs", String(SMOKE ? 1 : (suite.runs ?? HYPERFINE_RUNS)), "--export-json", output);
    if (commands.some((c) => c.prepare))
      for (const c of commands) args.push("--prepare", c.prepare ?? "true");
    for (const { name, command } of commands) args.push("-n", name, command);
    console.error(`\n$ (cd ${relative(root, cwd) || "."} && hyperfine ${args.map(shellQuote).join(" ")})`);
    const run = spawnSync("hyperfine", args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
    if (run.status !== 0 || !existsSync(output))
      return { error: `hyperfine exited with ${run.status}`, commands };
    for (const result of JSON.parse(readFileSync(output, "utf8")).results) {
      const entry = samples.get(result.command);
      entry?.wall.push(...result.times.map((t) => t * 1000));
      // hyperfine reports user and system time as means per command and round: weight each by its runs.
      entry?.cpu.push(...result.times.map(() => (result.user + result.system) * 1000));
    }
  }
  const rows = commands.map(({ name }) => {
    const { wall, cpu } = samples.get(name) ?? { wall: [], cpu: [] };
    const mean = wall.reduce((a, b) => a + b, 0) / wall.length;
    const variance = wall.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, wall.length - 1);
    const cpuMean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
    const rss = memory.get(name);
    return { name, median: median(wall), stddev: Math.sqrt(variance), cpu: cpuMean, runs: wall.length, rss };
  });
  return { rows, commands };
}

function renderProcesses(suite, rows, commands) {
  const peer = rows.find((r) => r.name === suite.peer);
  const baseline = rows.find((r) => r.name === suite.baseline);
  const bare = rows.find((r) => r.name === "node -e 0");
  const header = ["process", "median", "σ", "user+sys (mean)"];
  if (peer) header.push(`× ${suite.peer}`);
  if (baseline) header.push(`over ${suite.baseline}`);
  const overBare = bare && suite.peer !== "node -e 0" && suite.baseline !== "node -e 0";
  if (overBare) header.push("over node -e 0");
  if (suite.memory) header.push("peak RSS");
  header.push("runs");
  const body = rows.map((r) => {
    const cells = [r.name, ms(r.median), ms(r.stddev), ms(r.cpu)];
    if (peer) cells.push(times(r.median / peer.median));
    if (baseline) cells.push(ms(r.median - baseline.median));
    if (overBare) cells.push(ms(r.median - bare.median));
    if (suite.memory) cells.push(Number.isFinite(r.rss) ? megabytes(r.rss) : "—");
    cells.push(String(r.runs));
    return cells;
  });
  const shown = commands.map(
    ({ name, command, prepare }) =>
      `- ${name}: ${code(hide(command))}${prepare ? ` (before each run: ${code(hide(prepare))})` : ""}`,
  );
  return `${table(header, body)}\n\nCommands (from ${code(suite.cwd ?? ".")}):\n\n${shown.join("\n")}`;
}

// ---- module loads ----------------------------------------------------------------------------------------------

function renderModules(suite) {
  const rows = suite.cases.map(({ name, source }) => {
    const { urls, sources, packages } = loadedModules(source, root);
    const ours = sources.filter((path) => /^(src|schemas)\//.test(path));
    const forbidden = packages.filter((p) => suite.forbidden.includes(p));
    const cli = ours.filter((path) => path.startsWith("src/cli/")).length;
    return [
      name,
      String(urls.length),
      String(ours.length),
      String(cli),
      packages.join(", ") || "—",
      forbidden.join(", ") || "none",
    ];
  });
  const header = [
    "snippet",
    "modules",
    "cfgkit sources in them",
    "of its CLI",
    "packages",
    `of ${suite.forbidden.join(", ")}`,
  ];
  return { text: table(header, rows, "lrrrll"), rows };
}

// ---- main ------------------------------------------------------------------------------------------------------

const loadBefore = os.loadavg()[0];
const hyperfine = hyperfineVersion();
const ready = suites.filter((suite) => missingFiles(suite).length === 0);
const benchSuites = ready.filter((suite) => suite.kind === "bench");
const vitest = benchSuites.length > 0 ? runVitest(benchSuites) : undefined;

const sections = [];
/** The issue's targets, gathered from every suite into one table at the top: `{ suite, target, figure, met }`. */
const targets = [];
for (const suite of suites) {
  const parts = [`## ${suite.title}`, suite.method];
  const missing = missingFiles(suite);
  let interpretation;
  let measured;
  if (missing.length > 0) {
    parts.push(
      `Not measured yet: ${missing.map(code).join(" and ")} ${missing.length > 1 ? "do" : "does"} not exist.`,
    );
  } else if (suite.kind === "bench") {
    const groups = vitest?.groupsByFile.get(suite.file);
    if (!groups || groups.length === 0) {
      parts.push(
        `No results: the vitest bench run exited with ${vitest?.status}; run ${code(`npx vitest bench --run --config ${benchConfig} ${suite.file}`)} to see why.`,
      );
    } else {
      parts.push(renderBench(suite, groups));
      interpretation = suite.interpret?.call(suite, groups, helpers);
      measured = groups;
    }
  } else if (suite.kind === "processes") {
    if (!hyperfine) {
      parts.push(
        "Not measured: `hyperfine` is not installed. Install it (`apt-get update && apt-get install -y hyperfine` on Debian or Ubuntu, `brew install hyperfine` on macOS) and run `npm run bench` again.",
      );
    } else {
      suite.setup?.(ctx);
      const result = runHyperfine(suite);
      if (result.error) parts.push(`No results: ${result.error}.`);
      else {
        parts.push(renderProcesses(suite, result.rows, result.commands));
        interpretation = suite.interpret?.call(suite, result.rows, helpers);
        measured = result.rows;
      }
    }
  } else if (suite.kind === "sizes") {
    const rows = installedSizes(root, suite.packages);
    const cfgkit = rows.find((r) => r.name === "cfgkit");
    parts.push(
      table(
        ["package", "installed beyond zod", "packages", "× cfgkit"],
        rows.map((r) => [
          r.name,
          megabytes(r.bytes),
          r.packages.join(", "),
          cfgkit ? times(r.bytes / cfgkit.bytes) : "—",
        ]),
        "lrlr",
      ),
    );
    interpretation = rows.map((r) => `${r.name} ${megabytes(r.bytes)}`).join(", ");
  } else if (suite.kind === "modules") {
    const { text, rows } = renderModules(suite);
    parts.push(text);
    interpretation = `Of ${suite.forbidden.join(", ")}: ${rows.map((r) => `${r[0]} loaded ${r[5]}`).join("; ")}.`;
  }
  if (interpretation) parts.push(`**Reading:** ${interpretation}`);
  sections.push(parts.join("\n\n"));
  if (suite.targets) {
    const found = measured ? suite.targets.call(suite, measured, helpers) : [];
    // A suite that measured nothing still shows in the table, so a missing figure is never read as met.
    if (found.length === 0) targets.push({ suite, target: suite.title, figure: "not measured", met: false });
    for (const t of found) targets.push({ suite, ...t });
  }
}

const anchor = (title) =>
  `#${title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replaceAll(" ", "-")}`;
const targetsSection = [
  "## Targets",
  "Each target of the performance work, judged on this run: met only when both wall-clock and user+sys CPU time meet it (where both are measured).",
  table(
    ["target", "this run", "met", "section"],
    targets.map((t) => [
      t.target,
      t.figure,
      t.met ? "yes" : "**no**",
      `[${t.suite.id}](${anchor(t.suite.title)})`,
    ]),
    "lrll",
  ),
  `**Reading:** ${targets.filter((t) => t.met).length} of ${targets.length} targets met.`,
].join("\n\n");

const cpus = os.cpus();
const header = [
  "# Benchmarks",
  "",
  "Generated by `npm run bench` (`test/bench/run.mjs`); do not edit by hand, run it again.",
  "",
  `- Run: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}, Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores (\`os.cpus()\`).`,
  `- In process: ${vitest ? code(vitest.command) : "not run"} (vitest bench, tinybench).`,
  `- Whole processes: ${hyperfine ? `${hyperfine}, ${HYPERFINE_ROUNDS} rounds of ${code(`hyperfine -N --warmup ${HYPERFINE_WARMUP} --runs ${HYPERFINE_RUNS} --export-json …`)}, medians over all runs; user+sys is hyperfine's CPU time, less sensitive to other load than wall time` : "hyperfine not installed, not run"}.`,
  `- Load average (1 min) ${loadBefore.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end, on ${cpus.length} cores: other work shared the machine.`,
  "- Times are medians. `× peer` is a row's median divided by the peer's median: below 1 is faster than the peer.",
  "  The machine is shared and noisy: compare ratios within one run, not absolute times across runs.",
];

writeFileSync(OUTPUT, `${[header.join("\n"), targetsSection, ...sections].join("\n\n")}\n`);
rmSync(tmp, { recursive: true, force: true });
rmSync(scratch, { recursive: true, force: true });
console.error(`\nwrote ${relative(process.cwd(), OUTPUT) || OUTPUT}`);
if (vitest && vitest.status !== 0) process.exitCode = 1;
