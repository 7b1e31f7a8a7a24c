/**
 * Batch: 200 copies of varied workbooks, checked through the CLI code path (selfeval check DIR --json, with this
 * machine's default --jobs; and with --jobs 2) vs. only loaded as the add-in loads them (guard, then ExcelJS), in one
 * thread, folder of 20 by folder of 20; five rounds, the median kept. Also the ratio over ExcelJS's bare load, without
 * the guard. Prints one JSON line.
 */
import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { defaultJobs } from "../src/cli/check-files";
import { main as cli } from "../src/cli/main";
import { templatePlan } from "../src/core/template";
import { applyPlanToWorkbook } from "../src/host/xlsx/apply";
import { loadWorkbook, saveWorkbook } from "../src/host/xlsx/workbook";
import { synthData } from "./synthetic";
import { median } from "./stats";

const COPIES = 200;
const ROUNDS = 5;
const CHUNK = 20;

async function variedWorkbooks(): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const sizes = [3, 5, 8, 12, 20];
  for (let i = 0; i < 10; i++) {
    const data = synthData(sizes[i % sizes.length], i);
    if (i % 3 === 1) delete data.fund; // no fund
    if (i % 4 === 2) data.budget![0].rows[0].values.spent = "1,271.81"; // a number typed as text
    const wb = new ExcelJS.Workbook();
    applyPlanToWorkbook(wb, templatePlan(data).plan);
    if (i % 5 === 4) wb.removeWorksheet(wb.getWorksheet("三公经费")!.id); // a missing sheet
    out.push(await saveWorkbook(wb));
  }
  return out;
}

/** Loading as the add-in loads a file: the guard against ExcelJS's denial-of-service CVEs (guard.ts), then ExcelJS. */
async function loadOnly(dir: string): Promise<void> {
  for (const f of readdirSync(dir)) await loadWorkbook(new Uint8Array(readFileSync(join(dir, f))), f);
}

/** ExcelJS alone, unguarded: the library's own load, the stricter baseline. */
async function bareLoad(dir: string): Promise<void> {
  for (const f of readdirSync(dir)) await new ExcelJS.Workbook().xlsx.load(readFileSync(join(dir, f)) as unknown as ArrayBuffer);
}

/** The CLI as a user runs it (its default --jobs for this machine), or with the given number of worker threads. */
async function cliCheck(folders: string[], jobs?: number): Promise<number> {
  const args = ["check", ...folders, "--json", ...(jobs ? ["--jobs", String(jobs)] : [])];
  return cli(args, { stdout: () => undefined, stderr: () => undefined });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "selfeval-batch-"));
  try {
    const books = await variedWorkbooks();
    // The 200 files in folders of CHUNK: each folder is loaded, then checked right after, so that the shared machine's
    // load, which drifts over seconds, weighs on both sides of the ratio alike.
    const chunks: string[] = [];
    for (let i = 0; i < COPIES; i++) {
      const folder = join(dir, `chunk-${Math.floor(i / CHUNK)}`);
      if (i % CHUNK === 0) {
        mkdirSync(folder);
        chunks.push(folder);
      }
      writeFileSync(join(folder, `unit-${String(i).padStart(3, "0")}.xlsx`), books[i % books.length]);
    }
    const rounds: { load: number; bare: number; check: number; twoWorkers: number }[] = [];
    let exit = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let load = 0;
      let bare = 0;
      let check = 0;
      for (const folder of chunks) {
        let t = performance.now();
        await loadOnly(folder);
        load += performance.now() - t;
        t = performance.now();
        await bareLoad(folder);
        bare += performance.now() - t;
        t = performance.now();
        exit = Math.max(exit, await cliCheck([folder]));
        check += performance.now() - t;
      }
      // Workers pay their start once per run: all 200 files at once, as a user would check them.
      const t = performance.now();
      await cliCheck(chunks, 2);
      rounds.push({ load, bare, check, twoWorkers: performance.now() - t });
    }
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const out = {
      files: COPIES,
      distinct: books.length,
      rounds: ROUNDS,
      loadOnlyMs: Math.round(median(rounds.map((r) => r.load))),
      cliCheckMs: Math.round(median(rounds.map((r) => r.check))),
      ratio: r2(median(rounds.map((r) => r.check / r.load))),
      ratioPerRound: rounds.map((r) => r2(r.check / r.load)),
      bareExcelJsLoadMs: Math.round(median(rounds.map((r) => r.bare))),
      ratioOverBareExcelJs: r2(median(rounds.map((r) => r.check / r.bare))),
      defaultJobs: defaultJobs(COPIES),
      cliCheckTwoWorkersMs: Math.round(median(rounds.map((r) => r.twoWorkers))),
      ratioTwoWorkers: r2(median(rounds.map((r) => r.twoWorkers / r.load))),
      checkExit: exit,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stdout.write(`${JSON.stringify({ error: String(err?.stack ?? err) })}\n`);
  process.exit(1);
});
