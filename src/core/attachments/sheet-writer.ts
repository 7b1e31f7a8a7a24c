/**
 * Lays out one attachment sheet: texts, linked figures (formula + cached value from the same expression), merged
 * ranges with their borders, column widths, row heights and the A4 page setup.
 */
import Decimal from "decimal.js";
import { cellRef, rangeRef, sheetPrefix } from "../address";
import { TEMPLATE_WORDS } from "../data/layout";
import { cellAt, evaluate, renderFormula, type Expr, type Ref } from "../expr";
import { cachedValue } from "../fill";
import { LinkFormulaWrite, type CellStyle, type CellWrite, type PageSetup, type SheetPlan } from "../plan";
import type { CellValue } from "../snapshot";
import { decimalToNumber } from "../text";
import type { AttachmentContext } from "./context";

const FONT = TEMPLATE_WORDS.font;
const box = (extra: Partial<CellStyle> = {}): CellStyle => ({
  border: "thin",
  font: { name: FONT, size: 10 },
  alignment: { horizontal: "center", vertical: "middle", wrap: true },
  ...extra,
});

/** Named styles of the attachment sheets (plain, printable: no fills). */
export const ATTACHMENT_STYLES: Record<string, CellStyle> = {
  attNumber: { font: { name: FONT, size: 10 }, alignment: { horizontal: "left", vertical: "middle" } },
  attTitle: { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrap: true } },
  attYear: { font: { name: FONT, size: 11 }, alignment: { horizontal: "center", vertical: "middle" } },
  attUnit: { font: { name: FONT, size: 10 }, alignment: { horizontal: "left", vertical: "middle" } },
  attCurrency: { font: { name: FONT, size: 10 }, alignment: { horizontal: "right", vertical: "middle" } },
  attHeader: box({ font: { name: FONT, size: 10, bold: true } }),
  attSection: box({ font: { name: FONT, size: 10, bold: true } }),
  attLabel: box({ alignment: { horizontal: "left", vertical: "middle", wrap: true } }),
  attLabelIndent: box({ alignment: { horizontal: "left", vertical: "middle", wrap: true, indent: 1 } }),
  attLabelBold: box({ font: { name: FONT, size: 10, bold: true }, alignment: { horizontal: "left", vertical: "middle", wrap: true } }),
  attCenter: box(),
  attText: box({ alignment: { horizontal: "left", vertical: "top", wrap: true } }),
  attAmount: box({ alignment: { horizontal: "right", vertical: "middle" }, numberFormat: "#,##0.00" }),
  attRate: box({ alignment: { horizontal: "right", vertical: "middle" }, numberFormat: "0.00%" }),
  attScore: box({ alignment: { horizontal: "center", vertical: "middle" }, numberFormat: "0.00" }),
  attCount: box({ alignment: { horizontal: "right", vertical: "middle" }, numberFormat: "0" }),
  attValue: box({ alignment: { horizontal: "right", vertical: "middle" }, numberFormat: "General" }),
  attTotal: box({ font: { name: FONT, size: 10, bold: true } }),
  attNote: { font: { name: FONT, size: 9 }, alignment: { horizontal: "left", vertical: "top", wrap: true } },
};

export type FigureStyle = "attAmount" | "attRate" | "attScore" | "attCount" | "attValue";

export interface Span {
  rows?: number;
  cols?: number;
}

/** No span: one cell. Shared, as a default of {} made an object at every call (100,000s of cells a build). */
const ONE_CELL: Span = Object.freeze({});

/** Display width of a text in Excel character units (CJK characters count about two). */
export function textWidth(text: string): number {
  // By code unit, not by a string and a pattern per character: every indicator name and reason is measured (10,000s).
  // A character outside the BMP is a surrogate pair, whose first unit (D800–DBFF) falls in the wide range: one wide
  // character, as a code point's test gives.
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const wide = unit >= 0x2e80 && unit <= 0xffef;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    w += wide ? 2 : 1;
  }
  return w;
}

/** Row height (points) that shows a wrapped text of this width in a cell this wide. */
export function wrappedHeight(text: string, widthChars: number, lineHeight = 14, min = 20): number {
  const usable = Math.max(4, widthChars - 1);
  const lines = text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil((textWidth(line) * 1.05) / usable)), 0);
  return Math.max(min, Math.ceil(lines * lineHeight + 6));
}

export class SheetWriter {
  /**
   * By row, then column: the plan lists cells in reading order without sorting them, and a form is a few columns
   * wide, so a row's array is short (a Map by position made a hash table of 37,000 entries a form at 10,000 projects).
   */
  private readonly rows: (CellWrite | undefined)[][] = [];
  /** How many cells rows holds: the plan's length. */
  private stored = 0;
  private readonly merges: string[] = [];
  private readonly heights = new Map<number, number>();
  pageSetup?: PageSetup;

  constructor(
    private readonly ctx: AttachmentContext,
    readonly name: string,
    readonly widths: number[],
  ) {}

  get lastCol(): number {
    return this.widths.length - 1;
  }

  /** Total width of columns [col, col + cols). */
  width(col: number, cols = 1): number {
    return this.widths.slice(col, col + cols).reduce((a, b) => a + b, 0);
  }

  at(row: number, col: number): Ref {
    return cellAt(this.name, row, col);
  }

  /**
   * Writes a cell; a span merges the range and gives every cell of it the style (so borders print). `write` is the
   * caller's own new object and becomes the plan's cell (named here): copying it would cost an object a cell.
   */
  put(row: number, col: number, write: Omit<CellWrite, "ref">, span: Span = ONE_CELL): string {
    const cell = write as CellWrite;
    cell.ref = cellRef(row, col);
    this.place(row, col, cell, span);
    return cell.ref;
  }

  /** Puts a write that names its own cell. */
  private place(row: number, col: number, cell: CellWrite, span: Span): void {
    const rows = span.rows ?? 1;
    const cols = span.cols ?? 1;
    for (let r = row; r < row + rows; r++) {
      for (let c = col; c < col + cols; c++) {
        if (r === row && c === col) continue;
        this.store(r, c, { ref: cellRef(r, c), style: cell.style });
      }
    }
    this.store(row, col, cell);
    if (rows > 1 || cols > 1) this.merges.push(rangeRef(row, col, row + rows - 1, col + cols - 1));
  }

  private store(row: number, col: number, cell: CellWrite): void {
    // Grown in order, not by a far index, which would turn the arrays into hash tables.
    while (this.rows.length <= row) this.rows.push([]);
    const cells = this.rows[row];
    while (cells.length < col) cells.push(undefined);
    if (cells[col] === undefined) this.stored++;
    cells[col] = cell;
  }

  text(row: number, col: number, text: string, style: string, span: Span = ONE_CELL): string {
    this.ctx.wrote(this.name, row, col, text === "" ? null : text);
    return this.put(row, col, text === "" ? { style } : { value: text, style }, span);
  }

  /** An empty bordered cell (a blank the form has). */
  blank(row: number, col: number, style: string, span: Span = ONE_CELL): string {
    this.ctx.wrote(this.name, row, col, null);
    return this.put(row, col, { style }, span);
  }

  /**
   * A figure: the formula rendered from the expression and its value evaluated from the same expression.
   * When the value is blank because an input is blank, the input is reported missing for `where` (unless optional).
   */
  figure(row: number, col: number, expr: Expr | null, style: FigureStyle, span: Span = ONE_CELL, report?: string): Decimal | null {
    if (expr === null) {
      this.blank(row, col, style, span);
      return null;
    }
    const zero = this.ctx.model.settings.zeroDivision;
    const value = evaluate(expr, this.ctx.lookup, zero);
    this.ctx.wrote(this.name, row, col, value instanceof Decimal ? value : value === "dash" ? "—" : null);
    this.put(row, col, { formula: renderFormula(expr, this.name, zero), result: cachedValue(value), style }, span);
    if (value === "blank" && report) this.ctx.reportBlank(expr, report);
    return value instanceof Decimal ? value : null;
  }

  /**
   * Shows an input cell as it is, number or text: =IF(x="","",x). Used for texts (goals, indicator names) and for
   * values that may be either (指标值 “≥95%”, 批复规模 “无”).
   */
  link(row: number, col: number, at: Ref | null, style: string, span: Span = ONE_CELL, report?: string): Decimal | string | null {
    if (at === null) {
      this.blank(row, col, style, span);
      return null;
    }
    const shown = this.ctx.shown(at);
    const cached: CellValue = shown instanceof Decimal ? decimalToNumber(shown) : shown ?? "";
    this.ctx.wrote(this.name, row, col, shown);
    this.place(row, col, new LinkFormulaWrite(row, col, this.name, at, cached, style), span);
    if (shown === null && report) this.ctx.reportBlankRef(at, report, 0);
    return shown;
  }

  /** A text formula whose cached value the caller computed (titles with the unit name or the year). */
  textFormula(row: number, col: number, formula: string, cached: string, style: string, span: Span = ONE_CELL): string {
    this.ctx.wrote(this.name, row, col, cached === "" ? null : cached);
    return this.put(row, col, { formula, result: cached, style }, span);
  }

  /** A reference to a cell as formula text, from this sheet. */
  refText(at: Ref): string {
    return at.sheet === this.name ? at.ref : sheetPrefix(at.sheet) + at.ref;
  }

  height(row: number, points: number): void {
    this.heights.set(row, Math.max(points, this.heights.get(row) ?? 0));
  }

  plan(options: { create: boolean; clear: boolean }): SheetPlan {
    // Read by index: iterators make an object per entry (100,000s of cells at 10,000 projects). Made at its length:
    // grown by push, each copy of so long an array outlived a collection and was promoted.
    const cells: CellWrite[] = new Array(this.stored);
    let n = 0;
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      for (let c = 0; c < row.length; c++) if (row[c] !== undefined) cells[n++] = row[c]!;
    }
    return {
      name: this.name,
      create: options.create,
      clear: options.clear,
      cells,
      merges: this.merges,
      columnWidths: this.widths.map((width, i) => ({ col: i + 1, width })),
      rowHeights: [...this.heights].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row: row + 1, height })),
      pageSetup: this.pageSetup,
    };
  }
}
