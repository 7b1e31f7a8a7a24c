/** The .xlsx host's reading side: an ExcelJS workbook → the engine's snapshot. */
import ExcelJS from "exceljs";
import { NO_FORMULAS, sharedRow, sharedText, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../../core/snapshot";
import { formulaText } from "./formula-text";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / 86400000;
}

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") {
    if ("error" in v) return { error: String((v as ExcelJS.CellErrorValue).error) };
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    if ("text" in v && "hyperlink" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      return plainValue(result as ExcelJS.CellValue);
    }
  }
  return null;
}

export function snapshotFromWorksheet(ws: ExcelJS.Worksheet, withFills: boolean, fillTexts = new Map<string, string>()): SheetSnapshot {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.type === ExcelJS.ValueType.Null || cell.type === ExcelJS.ValueType.Merge) return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  const merges: string[] = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges ?? {}).map(
    (m) => m.range,
  );
  const sheet: SheetSnapshot = {
    name: ws.name,
    visibility: ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible",
    protected: !!(ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet,
    originRow: bottom < 0 ? 0 : top - 1,
    originCol: right < 0 ? 0 : left - 1,
    values: [],
    formulas: [],
    numberFormats: [],
    merges,
  };
  if (withFills) sheet.fills = [];
  if (bottom < 0) return sheet;
  // Only rows that exist: ws.getRow() would create every row between (a stray cell at row 1,048,576 made a million
  // row objects and several GB). A row without cells is an empty (ragged) row of the snapshot.
  const existing = new Map<number, ExcelJS.Row>();
  ws.eachRow({ includeEmpty: false }, (row, r) => existing.set(r, row));
  for (let r = top; r <= bottom; r++) {
    const row = existing.get(r);
    if (!row) {
      sheet.values.push([]);
      sheet.formulas.push(NO_FORMULAS);
      sheet.numberFormats.push([]);
      if (withFills) sheet.fills!.push([]);
      continue;
    }
    const values: CellValue[] = [];
    const formulas: (string | null)[] = [];
    const formats: (string | null)[] = [];
    const fills: (string | null)[] = [];
    let anyFormula = false;
    for (let c = left; c <= right; c++) {
      const cell = row.getCell(c);
      const merged = cell.type === ExcelJS.ValueType.Merge;
      // ExcelJS's cell.value omits falsy formula results (0, ""); cell.result keeps them.
      const isFormula = cell.type === ExcelJS.ValueType.Formula;
      values.push(merged ? null : isFormula ? plainValue((cell.result ?? null) as ExcelJS.CellValue) : plainValue(cell.value));
      const f = !merged && cell.type === ExcelJS.ValueType.Formula ? cell.formula : undefined;
      formulas.push(f ? formulaText(cell, f) : null);
      if (f) anyFormula = true;
      formats.push(cell.numFmt ?? null);
      if (withFills) fills.push(fillOf(cell, fillTexts));
    }
    sheet.values.push(values);
    sheet.formulas.push(anyFormula ? formulas : NO_FORMULAS);
    sheet.numberFormats.push(sharedRow(sheet.numberFormats, formats));
    if (withFills) sheet.fills!.push(sharedRow(sheet.fills!, fills));
  }
  return sheet;
}

/** A cell's fill as a snapshot holds it: one string per distinct fill, not per cell (审核 reads every cell filled). */
function fillOf(cell: ExcelJS.Cell, fillTexts: Map<string, string>): string | null {
  const fill = cell.style?.fill ? JSON.stringify(cell.style.fill) : null;
  return fill === null ? null : sharedText(fillTexts, fill);
}

/**
 * `sheet`, read from `ws` without fills and unchanged since, with its fills read: the same grids, rows and columns
 * (a reused grid tells a later read that nothing in it changed), and the fills snapshotFromWorksheet would read.
 */
export function withFillsRead(ws: ExcelJS.Worksheet, sheet: SheetSnapshot, fillTexts = new Map<string, string>()): SheetSnapshot {
  const fills: (string | null)[][] = [];
  for (let r = 0; r < sheet.values.length; r++) {
    const width = sheet.values[r].length;
    const row: (string | null)[] = [];
    // A row the snapshot holds cells of exists (a missing row is an empty one); its cells as the first read got them.
    const wsRow = width > 0 ? ws.findRow(sheet.originRow + r + 1) : undefined;
    if (wsRow) for (let c = 0; c < width; c++) row.push(fillOf(wsRow.getCell(sheet.originCol + c + 1), fillTexts));
    fills.push(sharedRow(fills, row));
  }
  return { ...sheet, fills };
}

export function snapshotFromWorkbook(wb: ExcelJS.Workbook, options: { fills?: boolean } = {}): WorkbookSnapshot {
  const fillTexts = new Map<string, string>();
  return { sheets: wb.worksheets.map((ws) => snapshotFromWorksheet(ws, options.fills ?? false, fillTexts)) };
}
