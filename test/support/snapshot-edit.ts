/** Edits of a snapshot as a user would make them in Excel: insert rows and columns, move rows, retype cells. */
import { parseRef } from "../../src/core/address";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/snapshot";

export function clone(s: WorkbookSnapshot): WorkbookSnapshot {
  return JSON.parse(JSON.stringify(s)) as WorkbookSnapshot;
}

export function sheetOf(s: WorkbookSnapshot, name: string): SheetSnapshot {
  const sheet = s.sheets.find((x) => x.name === name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Inserts an empty row before absolute row `at` (0-based). Formulas are not rewritten: tests use inputs. */
export function insertRow(sheet: SheetSnapshot, at: number): void {
  const r = at - sheet.originRow;
  const width = Math.max(...sheet.values.map((row) => row.length));
  sheet.values.splice(r, 0, new Array<CellValue>(width).fill(null));
  sheet.formulas.splice(r, 0, new Array<string | null>(width).fill(null));
  sheet.numberFormats.splice(r, 0, new Array<string | null>(width).fill(null));
}

export function insertColumn(sheet: SheetSnapshot, at: number): void {
  const c = at - sheet.originCol;
  for (const grid of [sheet.values, sheet.formulas, sheet.numberFormats] as unknown[][][]) {
    for (const row of grid) row.splice(c, 0, null);
  }
}

export function swapRows(sheet: SheetSnapshot, a: number, b: number): void {
  for (const grid of [sheet.values, sheet.formulas, sheet.numberFormats] as unknown[][][]) {
    const ra = a - sheet.originRow;
    const rb = b - sheet.originRow;
    [grid[ra], grid[rb]] = [grid[rb], grid[ra]];
  }
}

export function setCell(sheet: SheetSnapshot, ref: string, value: CellValue, numberFormat: string | null = null): void {
  const { row, col } = parseRef(ref);
  const r = row - sheet.originRow;
  const c = col - sheet.originCol;
  while (sheet.values.length <= r) {
    sheet.values.push([]);
    sheet.formulas.push([]);
    sheet.numberFormats.push([]);
  }
  sheet.values[r][c] = value;
  sheet.formulas[r][c] = null;
  sheet.numberFormats[r][c] = numberFormat;
}

/** Finds the absolute position of the first cell whose text equals `text`. */
export function find(sheet: SheetSnapshot, text: string): { row: number; col: number } {
  for (let r = 0; r < sheet.values.length; r++) {
    for (let c = 0; c < sheet.values[r].length; c++) {
      if (sheet.values[r][c] === text) return { row: r + sheet.originRow, col: c + sheet.originCol };
    }
  }
  throw new Error(`text not found on ${sheet.name}: ${text}`);
}

export function getValue(sheet: SheetSnapshot, row: number, col: number): CellValue {
  return sheet.values[row - sheet.originRow]?.[col - sheet.originCol] ?? null;
}

export function setValue(sheet: SheetSnapshot, row: number, col: number, value: CellValue): void {
  sheet.values[row - sheet.originRow][col - sheet.originCol] = value;
}
