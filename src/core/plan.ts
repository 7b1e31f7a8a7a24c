/**
 * Everything the engine wants written: cell values and formulas, number formats, styles, merges, widths, new sheets.
 * Hosts apply plans in order; applying the same plan through Office.js and through the .xlsx host gives the same cells.
 */
import { cellRef, sheetPrefix } from "./address";
import { fromTemplate, type FormulaTemplate, type Ref } from "./expr";
import type { CellValue, SheetVisibility } from "./snapshot";

/** A named style; plans refer to styles by name so hosts can format whole range areas at once. */
export interface CellStyle {
  /** Fill colour as "#RRGGBB". */
  fill?: string;
  font?: { bold?: boolean; size?: number; color?: string; name?: string };
  alignment?: {
    horizontal?: "left" | "center" | "right";
    vertical?: "top" | "middle" | "bottom";
    wrap?: boolean;
    indent?: number;
  };
  /** Thin borders on all four edges. */
  border?: "thin";
  numberFormat?: string;
}

export interface CellWrite {
  /** A1-style address on the sheet, e.g. "E7". */
  ref: string;
  /** A constant. Mutually exclusive with formula. */
  value?: CellValue;
  /** An Excel formula in en-US syntax, starting with "=". */
  formula?: string;
  /** The value the formula evaluates to, cached in the file so readers without a calculation engine see it. */
  result?: CellValue;
  numberFormat?: string;
  /** Name of a style in Plan.styles. */
  style?: string;
  /** Set the fill alone: "#RRGGBB" to highlight, or an opaque token from a snapshot to restore, or null for none. */
  fill?: string | null;
}

/**
 * A formula cell whose text is made when a host asks for it, at its own 0-based row and column. The engine writes
 * ~190,000 such cells in a build of 10,000 projects; a host that writes a run as one relative formula (the Excel host)
 * reads what each is made of instead and makes the text of a few of them only.
 */
export abstract class LazyFormulaWrite implements CellWrite {
  private text: string | undefined = undefined;

  constructor(
    readonly row: number,
    readonly col: number,
    readonly result: CellValue,
  ) {}

  get ref(): string {
    return cellRef(this.row, this.col);
  }

  get formula(): string {
    return (this.text ??= this.makeText());
  }

  protected abstract makeText(): string;
}

/** A cell of a list column written with its column's formula: its template moved down `shift` rows. */
export class TemplatedFormulaWrite extends LazyFormulaWrite {
  constructor(
    row: number,
    col: number,
    readonly template: FormulaTemplate,
    readonly shift: number,
    result: CellValue,
    readonly numberFormat: string | undefined,
  ) {
    super(row, col, result);
  }

  protected makeText(): string {
    return fromTemplate(this.template, this.shift);
  }
}

/** A cell on the sheet `home` that shows another cell as it is, number or text: =IF(x="","",x). */
export class LinkFormulaWrite extends LazyFormulaWrite {
  constructor(
    row: number,
    col: number,
    readonly home: string,
    readonly target: Ref,
    result: CellValue,
    readonly style: string,
  ) {
    super(row, col, result);
  }

  protected makeText(): string {
    const x = this.target.sheet === this.home ? this.target.ref : sheetPrefix(this.target.sheet) + this.target.ref;
    // Joined into one flat string: a concatenation would keep its pieces.
    return ["=IF(", x, '="","",', x, ")"].join("");
  }
}

/** Whether a write sets a formula, asked without making a lazy write's text. */
export function hasFormula(w: CellWrite): boolean {
  return w instanceof LazyFormulaWrite || w.formula !== undefined;
}

/**
 * A write as a plain object of its fields, whatever class made it: writes to one cell are merged field by field, and
 * a spread would drop a field a class computes (LazyFormulaWrite's formula).
 */
export function writeFields(w: CellWrite): CellWrite {
  const out: CellWrite = { ref: w.ref };
  if (w.value !== undefined) out.value = w.value;
  if (w.formula !== undefined) out.formula = w.formula;
  if (w.result !== undefined) out.result = w.result;
  if (w.numberFormat !== undefined) out.numberFormat = w.numberFormat;
  if (w.style !== undefined) out.style = w.style;
  if (w.fill !== undefined) out.fill = w.fill;
  return out;
}

export interface PageSetup {
  orientation: "portrait" | "landscape";
  paperSize: "A4";
  fitToWidth: boolean;
  /** Rows repeated at the top of every printed page, e.g. "1:5". */
  printTitleRows?: string;
  /** Margins in inches. */
  margins?: { left: number; right: number; top: number; bottom: number };
}

export interface SheetPlan {
  name: string;
  /** Create the sheet (at the end of the workbook) when it does not exist. */
  create?: boolean;
  /** Clear the sheet's cells, merges and formats before writing: only ever set for sheets the add-in created. */
  clear?: boolean;
  visibility?: SheetVisibility;
  tabColor?: string;
  cells: CellWrite[];
  merges?: string[];
  /** Column widths in Excel character units, by 1-based column index. */
  columnWidths?: { col: number; width: number }[];
  rowHeights?: { row: number; height: number }[];
  freeze?: { rows: number; cols: number };
  pageSetup?: PageSetup;
}

export interface Plan {
  styles: Record<string, CellStyle>;
  sheets: SheetPlan[];
  /** Sheets to remove. The core only ever lists sheets the add-in created itself. */
  deleteSheets?: string[];
}

export function emptyPlan(): Plan {
  return { styles: {}, sheets: [] };
}
