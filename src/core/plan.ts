/**
 * Everything the engine wants written: cell values and formulas, number formats, styles, merges, widths, new sheets.
 * Hosts apply plans in order; applying the same plan through Office.js and through the .xlsx host gives the same cells.
 */
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
