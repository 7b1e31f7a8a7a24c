/**
 * One size of the benchmark, run in its own process (so its peak RSS is its own and its builds' child's): prints one
 * JSON line. Core time is measured on snapshots (no ExcelJS inside the timer); ExcelJS load / snapshot / apply / save
 * apart. `build` is commands.build (计算 → 附表 → 审核) over a StepHost on ExcelJS, in a process that only loads the file
 * and builds, its core steps timed between the host's reads and applies; `buildGc` is how much of those steps the
 * garbage collector paused the main thread.
 */
import ExcelJS from "exceljs";
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { constants, PerformanceObserver, type PerformanceEntry } from "perf_hooks";
import { templatePlan } from "../src/core/template";
import { fillWorkbook } from "../src/core/fill";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import type { Plan } from "../src/core/plan";
import { applyPlanToWorkbook } from "../src/host/xlsx/apply";
import { snapshotFromWorkbook } from "../src/host/xlsx/snapshot";
import { loadWorkbook, saveWorkbook } from "../src/host/xlsx/workbook";
import { workbookStepHost } from "../src/host/xlsx/steps";
import { synthData } from "./synthetic";
import { median, medianBy } from "./stats";
import { syncCounts } from "./support";
import { build, checkWorkbook } from "../src/core/commands";

interface Timed<T> {
  result: T;
  ms: number;
  cpuMs: number;
}

function timed<T>(f: () => T): Timed<T> {
  const c = process.cpuUsage();
  const t = performance.now();
  const result = f();
  const ms = performance.now() - t;
  const u = process.cpuUsage(c);
  return { result, ms, cpuMs: (u.user + u.system) / 1000 };
}

async function timedAsync<T>(f: () => Promise<T>): Promise<Timed<T>> {
  const c = process.cpuUsage();
  const t = performance.now();
  const result = await f();
  const ms = performance.now() - t;
  const u = process.cpuUsage(c);
  return { result, ms, cpuMs: (u.user + u.system) / 1000 };
}

const r1 = (x: number) => Math.round(x * 10) / 10;
let heapPeak = 0;
const heap = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));

const BUILD_RUNS = Number(process.env.BENCH_BUILD_RUNS ?? 3);
/** Processes that each load the file and build: one process's first build swings by a third on these machines. */
const BUILD_PROCESSES = Number(process.env.BENCH_BUILD_PROCESSES ?? 3);

interface BuildRun {
  total: { ms: number; cpuMs: number };
  parts: Record<string, number>;
  gc: Record<string, number | null>;
  readMs: number;
  applyMs: number;
  workbook: ExcelJS.Workbook | null;
}

/** One build over `wb`: each core step is the time from the end of a read to the start of the next apply. */
async function measureBuild(wb: ExcelJS.Workbook): Promise<BuildRun> {
  const steps: { ms: number; cpuMs: number }[] = [];
  // The garbage collector's pauses of the main thread, to say how much of a core step is collection.
  const windows: { from: number; to: number }[] = [];
  const pauses: PerformanceEntry[] = [];
  const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
  gc.observe({ entryTypes: ["gc"] });
  let mark = { t: 0, c: process.cpuUsage() };
  let readMs = 0;
  let applyMs = 0;
  // The CLI's host: it hands a sheet it has not written since its last read over again.
  const host = workbookStepHost(wb);
  const stepHost = {
    async read(options: { fills: boolean }): Promise<WorkbookSnapshot> {
      const t = performance.now();
      const s = await host.read(options);
      readMs += performance.now() - t;
      heap();
      mark = { t: performance.now(), c: process.cpuUsage() };
      return s;
    },
    async apply(p: Plan): Promise<void> {
      const u = process.cpuUsage(mark.c);
      steps.push({ ms: performance.now() - mark.t, cpuMs: (u.user + u.system) / 1000 });
      windows.push({ from: mark.t, to: performance.now() });
      heap();
      const t = performance.now();
      await host.apply(p);
      applyMs += performance.now() - t;
    },
  };
  await build(stepHost);
  await new Promise((resolve) => setTimeout(resolve, 100)); // gc entries arrive asynchronously
  gc.disconnect();
  const inSteps = pauses.filter((e) => windows.some((w) => e.startTime >= w.from && e.startTime < w.to));
  const kindOf = (e: PerformanceEntry) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
  const pauseMs = (es: PerformanceEntry[]) => r1(es.reduce((sum, e) => sum + e.duration, 0));
  const minor = inSteps.filter((e) => kindOf(e) === constants.NODE_PERFORMANCE_GC_MINOR);
  const major = inSteps.filter((e) => kindOf(e) === constants.NODE_PERFORMANCE_GC_MAJOR);
  const names = ["fill", "attachments", "check"];
  const total = { ms: 0, cpuMs: 0 };
  const parts: Record<string, number> = {};
  steps.forEach((st, i) => {
    total.ms += st.ms;
    total.cpuMs += st.cpuMs;
    parts[names[i] ?? `step${i}`] = r1(st.ms);
  });
  return {
    total: { ms: r1(total.ms), cpuMs: r1(total.cpuMs) },
    parts,
    gc: {
      pauseMs: pauseMs(inSteps),
      share: total.ms > 0 ? Math.round((pauseMs(inSteps) / total.ms) * 100) / 100 : null,
      scavenges: minor.length,
      scavengeMs: pauseMs(minor),
      markCompacts: major.length,
      markCompactMs: pauseMs(major),
    },
    readMs: r1(readMs),
    applyMs: r1(applyMs),
    workbook: wb,
  };
}

/** The input workbook as a file: the template with synthetic data, through ExcelJS. */
async function inputFile(n: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  applyPlanToWorkbook(wb, templatePlan(synthData(n)).plan);
  return saveWorkbook(wb);
}

/**
 * The commands alone on the input's snapshot (no ExcelJS inside the timer), then the .xlsx host's load, apply and save
 * around them. In a function of its own, so that nothing of it is still held while the builds run.
 */
async function commandsAlone(n: number, bytes: Uint8Array, out: Record<string, unknown>, core: Timings, host: Record<string, number>) {
  const load = await timedAsync(() => loadWorkbook(bytes, `synthetic-${n}.xlsx`));
  const wb = load.result;
  const snap = timed(() => snapshotFromWorkbook(wb));
  const snapshot: WorkbookSnapshot = snap.result;
  heap();
  host.loadMs = r1(load.ms);
  host.snapshotMs = r1(snap.ms);
  const fill = timed(() => fillWorkbook(snapshot));
  heap();
  core.fill = { ms: r1(fill.ms), cpuMs: r1(fill.cpuMs) };
  out.derivedCells = fill.result.written.length;
  const check = timed(() => checkWorkbook(snapshot));
  heap();
  core.check = { ms: r1(check.ms), cpuMs: r1(check.cpuMs) };
  const applyFill = timed(() => applyPlanToWorkbook(wb, fill.result.plan));
  host.applyFillMs = r1(applyFill.ms);
  const save = await timedAsync(() => saveWorkbook(wb));
  host.saveFilledMs = r1(save.ms);
}

type Timings = Record<string, { ms: number; cpuMs: number }>;

interface BuildsOutput {
  build: { ms: number; cpuMs: number };
  gc: BuildRun["gc"];
  steps: BuildRun["parts"];
  runs: { ms: number[]; bestMs: number; medianMs: number };
  builtKB: number;
  host: Record<string, number>;
  heapPeak: number;
}

/**
 * build (计算 → 附表 → 审核) through a StepHost over ExcelJS, BUILD_RUNS times on fresh loads of `file`: the first as a
 * user's one build runs, the others as the same process runs it again (code optimized, heap grown). One run's figure
 * swings by a third on these shared machines; the best and median of the runs say more than any one. Each runs beside
 * its own workbook alone, as in the CLI.
 */
async function builds(n: number, file: string): Promise<BuildsOutput> {
  const bytes = new Uint8Array(readFileSync(file));
  const first = await measureBuild(await loadWorkbook(bytes, `synthetic-${n}.xlsx`));
  const saveBuilt = await timedAsync(() => saveWorkbook(first.workbook!));
  const host = { buildReadsMs: first.readMs, buildAppliesMs: first.applyMs, saveBuiltMs: r1(saveBuilt.ms) };
  const builtKB = Math.round(saveBuilt.result.length / 1024);
  first.workbook = null;
  const totals = [first.total.ms];
  for (let i = 1; i < BUILD_RUNS; i++) totals.push((await measureBuild(await loadWorkbook(bytes, `synthetic-${n}.xlsx`))).total.ms);
  return {
    build: first.total,
    gc: first.gc,
    steps: first.parts,
    runs: { ms: totals, bestMs: Math.min(...totals), medianMs: median(totals) },
    builtKB,
    host,
    heapPeak: heap(),
  };
}

/** This script run again with `args` in a process of its own (under tsx too): its JSON line. */
function inChild(args: string[]): unknown {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  const line = (r.stdout ?? "").trim().split("\n").filter((l) => l.startsWith("{")).pop();
  if (r.status !== 0 || !line) throw new Error(`${args.join(" ")}: status ${r.status}, ${(r.stderr ?? "").slice(-500)}`);
  return JSON.parse(line);
}

async function main() {
  const n = Number(process.argv[2]);
  const buildsAt = process.argv.indexOf("--builds");
  if (buildsAt > 0) {
    process.stdout.write(`${JSON.stringify(await builds(n, process.argv[buildsAt + 1]))}\n`);
    return;
  }
  const withSync = process.argv.includes("--sync");
  const out: Record<string, unknown> = { projects: n };
  const bytes = await inputFile(n);
  out.fileKB = Math.round(bytes.length / 1024);
  const core: Timings = {};
  const host: Record<string, number> = {};
  await commandsAlone(n, bytes, out, core, host);

  // The builds run in a process of their own that loads the file and builds, as the CLI does. Run here, after fill
  // and check, the first build found their code warm and their garbage (a workbook, its snapshot and model) still in
  // the heap, whose collection fell inside 审核 in most runs (+0.4–0.5 s).
  const dir = mkdtempSync(join(tmpdir(), "selfeval-bench-"));
  try {
    const file = join(dir, `synthetic-${n}.xlsx`);
    writeFileSync(file, bytes);
    const processes = Array.from({ length: BUILD_PROCESSES }, () => inChild([String(n), "--builds", file]) as BuildsOutput);
    // The figures of the process whose first build is the median of the processes' first builds.
    const builds = medianBy(processes, (p) => p.build.ms);
    out.buildFirstRuns = processes.map((p) => p.build.ms);
    core.build = builds.build;
    out.buildGc = builds.gc;
    out.buildSteps = builds.steps;
    out.buildRuns = builds.runs;
    out.builtKB = builds.builtKB;
    Object.assign(host, builds.host);
    heapPeak = Math.max(heapPeak, ...processes.map((p) => p.heapPeak));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  out.core = core;
  out.host = host;
  out.heapPeakMB = Math.round(heap() / 1e6);
  if (withSync) {
    // Indicators grouped by object, as the seed report keeps them; and interleaved (the workbook timed above), the worst
    // case for 生成附表's request size.
    out.syncs = await syncCounts(templatePlan(synthData(n, 0, "grouped")).plan);
    out.syncsInterleaved = await syncCounts(templatePlan(synthData(n)).plan);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stdout.write(`${JSON.stringify({ error: String(err?.stack ?? err) })}\n`);
  process.exit(1);
});
