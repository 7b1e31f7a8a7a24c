/**
 * One size of the benchmark, run in its own process (so its peak RSS is its own): prints one JSON line.
 * Core time is measured on snapshots (no ExcelJS inside the timer); ExcelJS load / snapshot / apply / save apart.
 * `build` is commands.build (计算 → 附表 → 审核) over a StepHost on ExcelJS, its core steps timed between the host's
 * reads and applies.
 */
import ExcelJS from "exceljs";
import { templatePlan } from "../src/core/template";
import { fillWorkbook } from "../src/core/fill";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import type { Plan } from "../src/core/plan";
import { applyPlanToWorkbook } from "../src/host/xlsx/apply";
import { snapshotFromWorkbook } from "../src/host/xlsx/snapshot";
import { loadWorkbook, saveWorkbook } from "../src/host/xlsx/workbook";
import { synthData } from "./synthetic";
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

async function main() {
  const n = Number(process.argv[2]);
  const withSync = process.argv.includes("--sync");
  const out: Record<string, unknown> = { projects: n };

  // The input workbook as a file: template with data, through ExcelJS.
  const plan = templatePlan(synthData(n)).plan;
  const wb0 = new ExcelJS.Workbook();
  applyPlanToWorkbook(wb0, plan);
  const bytes = await saveWorkbook(wb0);
  out.fileKB = Math.round(bytes.length / 1024);

  const load = await timedAsync(() => loadWorkbook(bytes, `synthetic-${n}.xlsx`));
  const wb = load.result;
  const snap = timed(() => snapshotFromWorkbook(wb));
  const snapshot: WorkbookSnapshot = snap.result;
  heap();

  const core: Record<string, { ms: number; cpuMs: number }> = {};
  const host: Record<string, number> = { loadMs: r1(load.ms), snapshotMs: r1(snap.ms) };

  // The commands alone, each on the input's snapshot.
  const fill = timed(() => fillWorkbook(snapshot));
  heap();
  core.fill = { ms: r1(fill.ms), cpuMs: r1(fill.cpuMs) };
  out.derivedCells = fill.result.written.length;
  const check = timed(() => checkWorkbook(snapshot));
  heap();
  core.check = { ms: r1(check.ms), cpuMs: r1(check.cpuMs) };

  // build (计算 → 附表 → 审核) through a StepHost over ExcelJS: each core step is the time from the end of a read
  // to the start of the next apply; reads (snapshots) and applies are host time, reported apart.
  const wb2 = await loadWorkbook(bytes, `synthetic-${n}.xlsx`);
  const steps: { ms: number; cpuMs: number }[] = [];
  let mark = { t: 0, c: process.cpuUsage() };
  let readMs = 0;
  let applyMs = 0;
  const stepHost = {
    async read(options: { fills: boolean }): Promise<WorkbookSnapshot> {
      const t = performance.now();
      const s = snapshotFromWorkbook(wb2, options);
      readMs += performance.now() - t;
      heap();
      mark = { t: performance.now(), c: process.cpuUsage() };
      return s;
    },
    async apply(p: Plan): Promise<void> {
      const u = process.cpuUsage(mark.c);
      steps.push({ ms: performance.now() - mark.t, cpuMs: (u.user + u.system) / 1000 });
      heap();
      const t = performance.now();
      applyPlanToWorkbook(wb2, p);
      applyMs += performance.now() - t;
    },
  };
  await build(stepHost);
  const names = ["fill", "attachments", "check"];
  const total = { ms: 0, cpuMs: 0 };
  const parts: Record<string, number> = {};
  steps.forEach((st, i) => {
    total.ms += st.ms;
    total.cpuMs += st.cpuMs;
    parts[names[i] ?? `step${i}`] = r1(st.ms);
  });
  core.build = { ms: r1(total.ms), cpuMs: r1(total.cpuMs) };
  out.buildSteps = parts;
  host.buildReadsMs = r1(readMs);
  host.buildAppliesMs = r1(applyMs);
  const saveBuilt = await timedAsync(() => saveWorkbook(wb2));
  host.saveBuiltMs = r1(saveBuilt.ms);
  out.builtKB = Math.round(saveBuilt.result.length / 1024);
  const applyFill = timed(() => applyPlanToWorkbook(wb, fill.result.plan));
  host.applyFillMs = r1(applyFill.ms);
  const save = await timedAsync(() => saveWorkbook(wb));
  host.saveFilledMs = r1(save.ms);
  out.core = core;
  out.host = host;
  out.heapPeakMB = Math.round(heap() / 1e6);
  if (withSync) out.syncs = await syncCounts(plan);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stdout.write(`${JSON.stringify({ error: String(err?.stack ?? err) })}\n`);
  process.exit(1);
});
