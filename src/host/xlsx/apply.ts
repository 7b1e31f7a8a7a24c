/** The .xlsx host's writing side: applies an engine plan to an ExcelJS workbook. */
import ExcelJS from "exceljs";
import { parseRange } from "../../core/address";
import { TEMPLATE_WORDS } from "../../core/data/layout";
import { format } from "../../core/data/messages";
import type { CellStyle, CellWrite, Plan, SheetPlan } from "../../core/plan";
import type { CellValue } from "../../core/snapshot";

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function excelValue(v: CellValue | undefined): ExcelJS.CellValue {
  // An empty text is a blank cell, as in Office.js.
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "object") return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

const thin: ExcelJS.Border = { style: "thin", color: { argb: "FF000000" } };

function styleOf(style: CellStyle): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (style.fill) out.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style.font) {
    out.font = {
      name: style.font.name ?? TEMPLATE_WORDS.font,
      bold: style.font.bold,
      size: style.font.size ?? 11,
      color: style.font.color ? { argb: argb(style.font.color) } : undefined,
    };
  }
  if (style.alignment) {
    out.alignment = {
      horizontal: style.alignment.horizontal,
      vertical: style.alignment.vertical,
      wrapText: style.alignment.wrap,
      indent: style.alignment.indent,
    };
  }
  if (style.border) out.border = { top: thin, left: thin, bottom: thin, right: thin };
  if (style.numberFormat) out.numFmt = style.numberFormat;
  return out;
}

function mergedRanges(ws: ExcelJS.Worksheet): string[] {
  return Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges ?? {}).map((m) => m.range);
}

function clearSheet(ws: ExcelJS.Worksheet) {
  for (const range of mergedRanges(ws)) ws.unMergeCells(range);
  // ExcelJS's spliceRows(1, rowCount) leaves every row in place when it would remove them all; removing the last
  // row, one at a time, shifts nothing and does clear the sheet.
  for (let r = ws.rowCount; r >= 1; r--) ws.spliceRows(r, 1);
  ws.views = [];
}

function writeCell(ws: ExcelJS.Worksheet, w: CellWrite, styles: Record<string, CellStyle>) {
  const cell = ws.getCell(w.ref);
  // Cells may share one style object in ExcelJS: always give the cell a fresh one.
  let style: Partial<ExcelJS.Style> = JSON.parse(JSON.stringify(cell.style ?? {}));
  if (w.style) {
    const named = styles[w.style];
    if (!named) throw new Error(`plan refers to an unknown style: ${w.style}`);
    style = { ...style, ...styleOf(named) };
  }
  if (w.numberFormat) style.numFmt = w.numberFormat;
  if (w.fill !== undefined) {
    if (w.fill === null) delete style.fill;
    else if (w.fill.startsWith("#")) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(w.fill) } };
    else style.fill = JSON.parse(w.fill) as ExcelJS.Fill;
  }
  if (w.formula !== undefined) {
    const result = excelValue(w.result);
    cell.value = { formula: w.formula.replace(/^=/, ""), result } as ExcelJS.CellFormulaValue;
    // ExcelJS drops falsy results (0, "", false) when a formula value is assigned; put them back.
    const model = (cell as unknown as { _value: { model?: { result?: unknown } } })._value.model;
    if (model && result !== null) model.result = result;
  } else if (w.value !== undefined) {
    cell.value = excelValue(w.value);
  }
  cell.style = style;
}

function applySheet(wb: ExcelJS.Workbook, sp: SheetPlan, styles: Record<string, CellStyle>) {
  let ws = wb.getWorksheet(sp.name);
  if (!ws) {
    if (!sp.create) throw new Error(format("sheetNotFound", { sheet: sp.name }));
    ws = wb.addWorksheet(sp.name);
  } else if (sp.clear) clearSheet(ws);
  if (sp.visibility) ws.state = sp.visibility;
  if (sp.tabColor) ws.properties.tabColor = { argb: argb(sp.tabColor) };
  for (const w of sp.cells) writeCell(ws, w, styles);
  const existing = new Set(mergedRanges(ws));
  for (const m of sp.merges ?? []) {
    if (existing.has(m)) continue;
    const r = parseRange(m);
    ws.mergeCells(r.top + 1, r.left + 1, r.bottom + 1, r.right + 1);
  }
  for (const { col, width } of sp.columnWidths ?? []) ws.getColumn(col).width = width;
  for (const { row, height } of sp.rowHeights ?? []) ws.getRow(row).height = height;
  if (sp.freeze) ws.views = [{ state: "frozen", xSplit: sp.freeze.cols, ySplit: sp.freeze.rows }];
  if (sp.pageSetup) {
    const p = sp.pageSetup;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: p.orientation,
      fitToPage: p.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: p.printTitleRows,
      margins: p.margins ? { ...p.margins, header: 0.3, footer: 0.3 } : ws.pageSetup.margins,
    };
  }
}

/** Applies a plan: sheets in order, then the removals (which the core only lists for its own sheets). */
export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: Plan): void {
  for (const sp of plan.sheets) applySheet(wb, sp, plan.styles);
  for (const name of plan.deleteSheets ?? []) {
    const ws = wb.getWorksheet(name);
    if (ws) wb.removeWorksheet(ws.id);
  }
}
