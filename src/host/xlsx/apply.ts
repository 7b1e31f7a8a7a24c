/** The .xlsx host's writing side: applies an engine plan to an ExcelJS workbook. */
import ExcelJS from "exceljs";
import { parseRange } from "../../core/address";
import { TEMPLATE_WORDS } from "../../core/data/layout";
import { format } from "../../core/data/messages";
import type { CellStyle, CellWrite, Plan, SheetPlan } from "../../core/plan";
import type { CellValue } from "../../core/snapshot";
import { noteFormula } from "./formula-text";

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

/** Shared styles are frozen: ExcelJS's setters (cell.numFmt = …) would change every cell sharing one. */
function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === "object") deepFreeze(v as object);
  return Object.freeze(o);
}

/**
 * The style a write gives a cell over the one it has. Made once per (style, write) pair and shared by every cell it
 * suits, as ExcelJS shares a loaded file's styles: 100,000s of cells written at 10,000 projects, each with its own deep
 * copy, left that much more for the collector. Never changed in place: a cell's style is only ever replaced.
 */
class StyleComposer {
  private readonly byIdentity = new WeakMap<object, Map<string, Partial<ExcelJS.Style>>>();
  private readonly byText = new Map<string, Map<string, Partial<ExcelJS.Style>>>();

  constructor(private readonly styles: Record<string, CellStyle>) {}

  compose(current: Partial<ExcelJS.Style> | undefined, w: CellWrite): Partial<ExcelJS.Style> {
    const base = current ?? {};
    let made = this.byIdentity.get(base);
    if (!made) {
      // A cell without a style of its own gets a fresh merge of its row's and column's: equal ones meet by their text.
      const text = JSON.stringify(base);
      made = this.byText.get(text);
      if (!made) this.byText.set(text, (made = new Map()));
      this.byIdentity.set(base, made);
    }
    const key = `${w.style ?? ""}\u0000${w.numberFormat ?? ""}\u0000${w.fill === undefined ? "\u0001" : w.fill ?? "\u0002"}`;
    let style = made.get(key);
    if (!style) made.set(key, (style = deepFreeze(this.make(base, w))));
    return style;
  }

  private make(base: Partial<ExcelJS.Style>, w: CellWrite): Partial<ExcelJS.Style> {
    let style: Partial<ExcelJS.Style> = JSON.parse(JSON.stringify(base));
    if (w.style) {
      const named = this.styles[w.style];
      if (!named) throw new Error(`plan refers to an unknown style: ${w.style}`);
      style = { ...style, ...styleOf(named) };
    }
    if (w.numberFormat) style.numFmt = w.numberFormat;
    if (w.fill !== undefined) {
      if (w.fill === null) delete style.fill;
      else if (w.fill.startsWith("#")) style.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(w.fill) } };
      else style.fill = JSON.parse(w.fill) as ExcelJS.Fill;
    }
    return style;
  }
}

function writeCell(ws: ExcelJS.Worksheet, w: CellWrite, styles: StyleComposer) {
  const cell = ws.getCell(w.ref);
  const style = styles.compose(cell.style, w);
  if (w.formula !== undefined) {
    const result = excelValue(w.result);
    cell.value = { formula: w.formula.replace(/^=/, ""), result } as ExcelJS.CellFormulaValue;
    noteFormula(cell, w.formula);
    // ExcelJS drops falsy results (0, "", false) when a formula value is assigned; put them back.
    const model = (cell as unknown as { _value: { model?: { result?: unknown } } })._value.model;
    if (model && result !== null) model.result = result;
  } else if (w.value !== undefined) {
    cell.value = excelValue(w.value);
  }
  cell.style = style;
}

function applySheet(wb: ExcelJS.Workbook, sp: SheetPlan, styles: StyleComposer) {
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
  const styles = new StyleComposer(plan.styles);
  for (const sp of plan.sheets) applySheet(wb, sp, styles);
  for (const name of plan.deleteSheets ?? []) {
    const ws = wb.getWorksheet(name);
    if (ws) wb.removeWorksheet(ws.id);
  }
}
