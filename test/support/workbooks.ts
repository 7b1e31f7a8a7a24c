/** Workbooks for tests: the sample, templates with data, snapshots, and the engine's commands applied to them. */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
import { main } from "../../src/cli/main";
import { fillWorkbook } from "../../src/core/fill";
import type { WorkbookModel } from "../../src/core/model";
import { readWorkbook } from "../../src/core/reader";
import type { CellValue, WorkbookSnapshot } from "../../src/core/snapshot";
import { templatePlan, type TemplateData } from "../../src/core/template";
import { applyPlanToWorkbook } from "../../src/host/xlsx/apply";
import { snapshotFromWorkbook } from "../../src/host/xlsx/snapshot";
import { runOnWorkbook } from "../../src/host/xlsx/workbook";

export const ROOT = join(__dirname, "..", "..");
export const SAMPLE = join(ROOT, "samples", "sample.xlsx");

/** The attachment sheets 生成附表 writes for the sample, in order (附件3/4: the projects with 是否自评 = 是). */
export const SAMPLE_ATTACHMENT_SHEETS = [
  "附件1 基础数据表",
  "附件2 部门整体自评表",
  "附件3 项目（办公设备购置）",
  "附件4 项目（就业资金）",
  "附件5 失业保险基金自评表",
  "附件6 失业保险基金预算支出",
];

/** Runs the CLI in-process, capturing what it prints. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

export function seedData(): TemplateData {
  const data = JSON.parse(readFileSync(join(ROOT, "samples", "seed-data.json"), "utf8")) as TemplateData & { _source?: string };
  delete data._source;
  return data;
}

export async function loadSample(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  return wb;
}

export function workbookFrom(data: TemplateData): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  applyPlanToWorkbook(wb, templatePlan(data).plan);
  return wb;
}

export function fill(wb: ExcelJS.Workbook) {
  return runOnWorkbook(wb, (s) => fillWorkbook(s));
}

export function snapshot(wb: ExcelJS.Workbook): WorkbookSnapshot {
  return snapshotFromWorkbook(wb);
}

export function model(wb: ExcelJS.Workbook): WorkbookModel {
  return readWorkbook(snapshotFromWorkbook(wb));
}

/** A cell's value as a reader sees it (formula cells: the cached result). */
export function valueAt(wb: ExcelJS.Workbook, sheet: string, ref: string): CellValue {
  const cell = wb.getWorksheet(sheet)!.getCell(ref);
  const v = cell.value;
  if (v && typeof v === "object" && "formula" in v) return (cell.result ?? null) as CellValue;
  return v as CellValue;
}

/** The model reduced to plain data: table → row key → column key → number or text. */
export function projection(m: WorkbookModel): Record<string, Record<string, Record<string, string | null>>> {
  const out: Record<string, Record<string, Record<string, string | null>>> = {};
  for (const [id, tables] of m.tables) {
    tables.forEach((t, i) => {
      const rows: Record<string, Record<string, string | null>> = {};
      for (const r of t.rows) {
        const cells: Record<string, string | null> = {};
        for (const [k, c] of r.cells) cells[k] = c.value?.toString() ?? c.text;
        rows[r.key] = cells;
      }
      out[`${id}#${i}${t.name ? `:${t.name}` : ""}`] = rows;
    });
  }
  return out;
}
