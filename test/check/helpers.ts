/** Shared helpers of the checker tests: the sample (as typed, or after 计算), snapshot edits, small workbooks. */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
import { parseRef } from "../../src/core/address";
import { checkWorkbook, type CheckOptions, type CheckResult } from "../../src/core/check/check";
import { fillWorkbook } from "../../src/core/fill";
import type { Finding } from "../../src/core/findings";
import type { CellValue, WorkbookSnapshot } from "../../src/core/snapshot";
import { templatePlan, type TemplateData } from "../../src/core/template";
import { applyPlanToWorkbook } from "../../src/host/xlsx/apply";
import { snapshotFromWorkbook } from "../../src/host/xlsx/snapshot";
import { loadWorkbook, runOnWorkbook } from "../../src/host/xlsx/workbook";

export const SAMPLE = join(__dirname, "..", "..", "samples", "sample.xlsx");

export async function sampleWorkbook(filled = true): Promise<ExcelJS.Workbook> {
  const wb = await loadWorkbook(new Uint8Array(readFileSync(SAMPLE)), "sample.xlsx");
  if (filled) runOnWorkbook(wb, (s) => fillWorkbook(s));
  return wb;
}

export async function sampleSnapshot(filled = true): Promise<WorkbookSnapshot> {
  return snapshotFromWorkbook(await sampleWorkbook(filled), { fills: true });
}

export function clone(s: WorkbookSnapshot): WorkbookSnapshot {
  return JSON.parse(JSON.stringify(s)) as WorkbookSnapshot;
}

/** Sets one cell of a snapshot ("Sheet!B7"): a constant (the formula, if any, is dropped). */
export function setCell(s: WorkbookSnapshot, address: string, value: CellValue, numberFormat?: string): WorkbookSnapshot {
  const bang = address.lastIndexOf("!");
  const sheet = s.sheets.find((x) => x.name === address.slice(0, bang))!;
  const { row, col } = parseRef(address.slice(bang + 1));
  const r = row - sheet.originRow;
  const c = col - sheet.originCol;
  for (const grid of [sheet.values, sheet.formulas, sheet.numberFormats] as unknown[][][]) {
    while (grid.length <= r) grid.push([]);
    while (grid[r].length <= c) grid[r].push(null);
  }
  sheet.values[r][c] = value;
  sheet.formulas[r][c] = null;
  if (numberFormat !== undefined) sheet.numberFormats[r][c] = numberFormat;
  return s;
}

export function getCell(s: WorkbookSnapshot, address: string): CellValue {
  const bang = address.lastIndexOf("!");
  const sheet = s.sheets.find((x) => x.name === address.slice(0, bang))!;
  const { row, col } = parseRef(address.slice(bang + 1));
  return sheet.values[row - sheet.originRow]?.[col - sheet.originCol] ?? null;
}

/** Finds the cell right of a label on a sheet (for key/value tables such as 设置). */
export function cellRightOf(s: WorkbookSnapshot, sheetName: string, label: string): string {
  const sheet = s.sheets.find((x) => x.name === sheetName)!;
  for (let r = 0; r < sheet.values.length; r++) {
    const c = sheet.values[r].findIndex((v) => v === label);
    if (c >= 0) return `${sheetName}!${String.fromCharCode(65 + sheet.originCol + c + 1)}${sheet.originRow + r + 1}`;
  }
  throw new Error(`label ${label} not found on ${sheetName}`);
}

export function check(s: WorkbookSnapshot, options?: CheckOptions): CheckResult {
  return checkWorkbook(s, options);
}

export const at = (f: Finding) => `${f.sheet}!${f.cells[0] ?? ""}`;

export function findingsAt(r: CheckResult, address: string): Finding[] {
  return r.findings.filter((f) => f.cells.some((c) => `${f.sheet}!${c}` === address));
}

/** A workbook typed from template data (blank template when data is empty). */
export function templateWorkbook(data: TemplateData): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  applyPlanToWorkbook(wb, templatePlan(data).plan);
  return wb;
}

export function templateSnapshot(data: TemplateData): WorkbookSnapshot {
  return snapshotFromWorkbook(templateWorkbook(data), { fills: true });
}
