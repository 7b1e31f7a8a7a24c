/**
 * Checking files for `selfeval check`: one file (load, check, the highlighted copy when asked), and many files, in
 * worker threads when asked (--jobs) or when a large folder meets spare cores. Results come back in input order.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { availableParallelism } from "os";
import { basename, extname, join, resolve } from "path";
import { Worker } from "worker_threads";
import type ExcelJS from "exceljs";
import { checkWorkbook, type CheckResult } from "../core/check/check";
import { format } from "../core/data/messages";
import type { WorkbookSnapshot } from "../core/snapshot";
import { applyPlanToWorkbook } from "../host/xlsx/apply";
import { snapshotFromWorkbook } from "../host/xlsx/snapshot";
import { readSnapshot } from "../host/xlsx/read-only";
import { loadWorkbook, saveWorkbook, UnreadableWorkbookError } from "../host/xlsx/workbook";

export interface Checked {
  file: string;
  result: Pick<CheckResult, "findings" | "summary">;
}

export interface FileOutcome {
  checked?: Checked;
  /** Chinese messages: the file cannot be read, or its highlighted copy would overwrite an input. */
  problems: string[];
}

export interface CheckFileOptions {
  /** Folder for highlighted copies; undefined: no copies. */
  highlight?: string;
  /** Every input, resolved: a copy is never written over one of them. */
  inputPaths: string[];
}

export async function checkFile(file: string, options: CheckFileOptions): Promise<FileOutcome> {
  const highlight = options.highlight !== undefined;
  const bytes = new Uint8Array(readFileSync(file));
  let wb: ExcelJS.Workbook | undefined;
  let snapshot: WorkbookSnapshot;
  try {
    // Without highlighted copies nothing is written, and the file is read straight into a snapshot.
    if (highlight) {
      wb = await loadWorkbook(bytes, basename(file));
      snapshot = snapshotFromWorkbook(wb, { fills: true });
    } else {
      snapshot = await readSnapshot(bytes, basename(file));
    }
  } catch (err) {
    if (err instanceof UnreadableWorkbookError) return { problems: [err.message.replace(basename(file), file)] };
    throw err;
  }
  const result = checkWorkbook(snapshot, { highlight });
  const outcome: FileOutcome = { checked: { file, result: { findings: result.findings, summary: result.summary } }, problems: [] };
  if (options.highlight !== undefined && wb) {
    const target = resolve(options.highlight, basename(file));
    if (options.inputPaths.includes(target)) {
      outcome.problems.push(format("checkCopyIsInput", { file }));
    } else {
      applyPlanToWorkbook(wb, result.plan);
      mkdirSync(resolve(options.highlight), { recursive: true });
      writeFileSync(target, await saveWorkbook(wb));
    }
  }
  return outcome;
}

/**
 * Files checked at once when --jobs is not given. A worker costs a start (it loads ExcelJS and the engine) and a core;
 * measured on 2 shared cores, two workers made 200 small workbooks slower, not faster (bench/batch.ts). So: one at a
 * time, unless the folder is large and the machine has cores to spare.
 */
export function defaultJobs(files: number, cores = availableParallelism()): number {
  return files >= 100 && cores >= 4 ? Math.min(cores - 1, 4) : 1;
}

export async function checkFiles(files: string[], options: CheckFileOptions, jobs?: number): Promise<FileOutcome[]> {
  const n = Math.min(jobs ?? defaultJobs(files.length), files.length);
  const worker = workerScript();
  if (n <= 1 || !worker) {
    const out: FileOutcome[] = [];
    for (const file of files) out.push(await checkFile(file, options));
    return out;
  }
  return inWorkers(files, options, n, worker);
}

/** The worker's script beside this module: compiled .js in the CLI, .ts (through tsx) when run from the sources. */
export function workerScript(): { path: string; execArgv: string[] } | null {
  const ext = extname(__filename);
  const path = join(__dirname, `check-worker${ext}`);
  if (!existsSync(path)) return null;
  return { path, execArgv: ext === ".ts" ? ["--require", "tsx/cjs"] : [] };
}

export interface WorkerTask {
  index: number;
  file: string;
  options: CheckFileOptions;
}

export type WorkerReply = { index: number; outcome: FileOutcome } | { index: number; error: string };

async function inWorkers(files: string[], options: CheckFileOptions, jobs: number, script: { path: string; execArgv: string[] }): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array(files.length);
  let next = 0;
  const run = () =>
    new Promise<void>((done, fail) => {
      const w = new Worker(script.path, { execArgv: script.execArgv });
      const feed = () => {
        if (next >= files.length) {
          void w.terminate().then(() => done());
          return;
        }
        const index = next++;
        w.postMessage({ index, file: files[index], options } satisfies WorkerTask);
      };
      w.on("message", (reply: WorkerReply) => {
        if ("error" in reply) {
          void w.terminate();
          fail(new Error(reply.error));
          return;
        }
        results[reply.index] = reply.outcome;
        feed();
      });
      w.on("error", fail);
      feed();
    });
  await Promise.all(Array.from({ length: jobs }, run));
  return results;
}
