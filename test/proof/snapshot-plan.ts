/**
 * Applies an engine plan to a snapshot, in memory (no ExcelJS): what the property tests need to run fill and build
 * many times quickly. Values, formulas (with their cached results), number formats and fills; new and cleared
 * sheets; deletions. Styles, merges and widths do not affect what the engine reads and are ignored.
 */
import { parseRef } from "../../src/core/address";
import type { Plan } from "../../src/core/plan";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/snapshot";
import type { StepHost } from "../../src/core/commands";

function emptySheet(name: string): SheetSnapshot {
  return { name, visibility: "visible", originRow: 0, originCol: 0, values: [], formulas: [], numberFormats: [], fills: [] };
}

/** Re-bases a sheet at A1 so that any cell can be written by index. */
function rebase(sheet: SheetSnapshot): void {
  if (sheet.originRow === 0 && sheet.originCol === 0) return;
  const shift = <T>(grid: T[][] | undefined): T[][] | undefined =>
    grid && [...new Array<T[]>(sheet.originRow).fill([]), ...grid.map((row) => [...new Array<T>(sheet.originCol).fill(null as T), ...row])];
  sheet.values = shift(sheet.values)!;
  sheet.formulas = shift(sheet.formulas)!;
  sheet.numberFormats = shift(sheet.numberFormats)!;
  sheet.fills = shift(sheet.fills);
  sheet.originRow = 0;
  sheet.originCol = 0;
}

function put<T>(grid: T[][], r: number, c: number, v: T): void {
  while (grid.length <= r) grid.push([]);
  const row = grid[r];
  while (row.length < c) row.push(null as T);
  row[c] = v;
}

export function clone(s: WorkbookSnapshot): WorkbookSnapshot {
  return JSON.parse(JSON.stringify(s)) as WorkbookSnapshot;
}

export function applyPlanToSnapshot(snapshot: WorkbookSnapshot, plan: Plan): void {
  for (const sp of plan.sheets) {
    let sheet = snapshot.sheets.find((s) => s.name === sp.name);
    if (!sheet) {
      if (!sp.create) throw new Error(`no sheet ${sp.name}`);
      sheet = emptySheet(sp.name);
      snapshot.sheets.push(sheet);
    } else if (sp.clear) Object.assign(sheet, emptySheet(sp.name), { visibility: sheet.visibility });
    if (sp.visibility) sheet.visibility = sp.visibility;
    rebase(sheet);
    sheet.fills ??= sheet.values.map((row) => row.map(() => null));
    for (const w of sp.cells) {
      const { row, col } = parseRef(w.ref);
      const style = w.style ? plan.styles[w.style] : undefined;
      if (w.formula !== undefined) {
        put<CellValue>(sheet.values, row, col, w.result === undefined || w.result === "" ? null : w.result);
        put(sheet.formulas, row, col, w.formula);
      } else if (w.value !== undefined) {
        put<CellValue>(sheet.values, row, col, w.value === "" ? null : w.value);
        put(sheet.formulas, row, col, null);
      }
      const nf = w.numberFormat ?? style?.numberFormat;
      if (nf !== undefined) put(sheet.numberFormats, row, col, nf);
      if (w.fill !== undefined) put(sheet.fills!, row, col, w.fill);
      else if (style?.fill) put(sheet.fills!, row, col, style.fill);
    }
  }
  for (const name of plan.deleteSheets ?? []) {
    const i = snapshot.sheets.findIndex((s) => s.name === name);
    if (i >= 0) snapshot.sheets.splice(i, 1);
  }
}

export function snapshotOfPlan(plan: Plan): WorkbookSnapshot {
  const s: WorkbookSnapshot = { sheets: [] };
  applyPlanToSnapshot(s, plan);
  return s;
}

/** A StepHost over an in-memory snapshot (for commands.build). */
export function snapshotStepHost(snapshot: WorkbookSnapshot): StepHost {
  return {
    read: async ({ fills }) => {
      const c = clone(snapshot);
      if (!fills) for (const s of c.sheets) delete s.fills;
      return c;
    },
    apply: async (plan) => applyPlanToSnapshot(snapshot, plan),
  };
}

export interface CellState {
  value: CellValue;
  formula: string | null;
}

/** Every non-blank cell of every sheet, by "sheet!A1". */
export function cellMap(snapshot: WorkbookSnapshot): Map<string, CellState> {
  const out = new Map<string, CellState>();
  for (const s of snapshot.sheets) {
    s.values.forEach((row, r) => {
      const width = Math.max(row.length, s.formulas[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const value = row[c] ?? null;
        const formula = s.formulas[r]?.[c] ?? null;
        if ((value === null || value === "") && formula === null) continue;
        const col = s.originCol + c;
        let letters = "";
        for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
        out.set(`${s.name}!${letters}${s.originRow + r + 1}`, { value, formula });
      }
    });
  }
  return out;
}
