// `npm run bench`: runs every suite in suites.mjs (vitest bench in-process, hyperfine for whole processes, a load
// hook for what the runtime entry loads) and writes BENCHMARKS.md from the results. Every number and every
// sentence of interpretation in that file is computed here from this run's measurements.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, relative, resolve } from "node:path";
import { exampleRuntimeEnv } from "./fixtures/example.mjs";
import { loadedModules } from "./fixtures/loaded-modules.mjs";
import { suites } from "./suites.mjs";

const root = resolve(import.meta.dirname, "../..");
const benchConfig = "test/bench/vitest.bench.config.ts";
// hyperfine runs all runs of one command before the next; on a shared machine the load drifts over that time, so
// each suite runs in rounds (every command once per round) and a command's median is taken over all its runs.
const HYPERFINE_ROUNDS = 3;
const HYPERFINE_RUNS = 15;
const HYPERFINE_WARMUP = 2;

const tmp = mkdtempSync(join(os.tmpdir(), "cfgkit-bench-"));
// The cold suite's variables live alone in their own directory: loading from there reads no files.
const variablesDir = mkdtempSync(join(tmp, "variables-"));
const variablesFile = join(variablesDir, "example-env.json");
writeFileSync(variablesFile, JSON.stringify(exampleRuntimeEnv().env));
const ctx = { root, variablesFile };

// ---- formatting -----------------------------------------------------------------------------------------------

function ms(value) {
  if (!Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  if (abs < 1) return `${(value * 1000).toPrecision(3)} µs`;
  if (abs < 1000) return `${value.toPrecision(3)} ms`;
  return `${(value / 1000).toPrecision(3)} s`;
}
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

function runHyperfine(suite) {
  const commands = suite.commands(ctx);
  const cwd = resolve(root, suite.cwd ?? ".");
  const broken = commands.map((command) => checkCommand(command, cwd)).filter(Boolean);
  if (broken.length > 0) return { error: `not timed: ${broken.join("; ")}`, commands };
  const samples = new Map(commands.map(({ name }) => [name, { wall: [], cpu: [] }]));
  for (let round = 1; round <= HYPERFINE_ROUNDS; round++) {
    const output = join(tmp, `${suite.id}.${round}.hyperfine.json`);
    const args = ["-N", "--warmup", String(HYPERFINE_WARMUP), "--runs", String(HYPERFINE_RUNS)];
    args.push("--export-json", output);
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
    return { name, median: median(wall), stddev: Math.sqrt(variance), cpu: cpuMean, runs: wall.length };
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
  if (bare && suite.peer !== "node -e 0") header.push("over node -e 0");
  header.push("runs");
  const body = rows.map((r) => {
    const cells = [r.name, ms(r.median), ms(r.stddev), ms(r.cpu)];
    if (peer) cells.push(times(r.median / peer.median));
    if (baseline) cells.push(ms(r.median - baseline.median));
    if (bare && suite.peer !== "node -e 0") cells.push(ms(r.median - bare.median));
    cells.push(String(r.runs));
    return cells;
  });
  const shown = commands.map(({ name, command }) => `- ${name}: ${code(command.replaceAll(tmp, "<tmp>"))}`);
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
for (const suite of suites) {
  const parts = [`## ${suite.title}`, suite.method];
  const missing = missingFiles(suite);
  let interpretation;
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
    }
  } else if (suite.kind === "processes") {
    if (!hyperfine) {
      parts.push(
        "Not measured: `hyperfine` is not installed. Install it (`apt-get update && apt-get install -y hyperfine` on Debian or Ubuntu, `brew install hyperfine` on macOS) and run `npm run bench` again.",
      );
    } else {
      const result = runHyperfine(suite);
      if (result.error) parts.push(`No results: ${result.error}.`);
      else {
        parts.push(renderProcesses(suite, result.rows, result.commands));
        interpretation = suite.interpret?.call(suite, result.rows, helpers);
      }
    }
  } else if (suite.kind === "modules") {
    const { text, rows } = renderModules(suite);
    parts.push(text);
    interpretation = `Of ${suite.forbidden.join(", ")}: ${rows.map((r) => `${r[0]} loaded ${r[5]}`).join("; ")}.`;
  }
  if (interpretation) parts.push(`**Reading:** ${interpretation}`);
  sections.push(parts.join("\n\n"));
}

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

writeFileSync(resolve(root, "BENCHMARKS.md"), `${[header.join("\n"), ...sections].join("\n\n")}\n`);
rmSync(tmp, { recursive: true, force: true });
console.error(`\nwrote ${relative(process.cwd(), resolve(root, "BENCHMARKS.md")) || "BENCHMARKS.md"}`);
if (vitest && vitest.status !== 0) process.exitCode = 1;
