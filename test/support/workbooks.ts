/** Workbooks for tests: the sample, templates with data, snapshots, and the engine's commands applied to them. */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
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
