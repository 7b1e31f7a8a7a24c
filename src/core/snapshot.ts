/**
 * What the engine may read of a workbook: per sheet, the used range's values, formulas and number formats.
 * Hosts (Office.js, .xlsx) build it; the core never touches a host. A snapshot is never changed once handed to the
 * core, by either side: a read cell looks its value, formula and format up in it, and the steps of one command
 * compare a new read with the earlier ones and reuse what did not change (StepCache).
 */

/** An Excel error value such as #DIV/0! or #REF!. */
export interface CellError {
  error: string;
}

/** A cell's value as a host reports it. Dates arrive as serial numbers with a date number format. */
export type CellValue = string | number | boolean | null | CellError;

export type SheetVisibility = "visible" | "hidden" | "veryHidden";

export interface SheetSnapshot {
  name: string;
  visibility: SheetVisibility;
  /** True when the sheet is protected: the host may be unable to write it. */
  protected?: boolean;
  /** 0-based row and column of the used range's top-left cell. */
  originRow: number;
  originCol: number;
  /** values[r][c] is the cell at (originRow + r, originCol + c). Rows may be ragged; a missing entry is blank. */
  values: CellValue[][];
  /** The formula text ("=SUM(B2:B4)") or null where the cell holds no formula. Same shape as values. */
  formulas: (string | null)[][];
  /** Excel number format codes ("General", "#,##0.00", "0.00%"). Same shape as values. */
  numberFormats: (string | null)[][];
  /**
   * Opaque fill tokens, one per cell, as the host writes them back (null = no fill). Present only when the host was
   * asked for them: the core stores them to restore highlighted cells exactly.
   */
  fills?: (string | null)[][];
  /** Ranges merged on this sheet ("A1:D1"). */
  merges?: string[];
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
}

export function isCellError(value: CellValue): value is CellError {
  return typeof value === "object" && value !== null && "error" in value;
}

/** Whether two reads of a cell hold the same value (blank as undefined or null; errors by their code). */
export function sameCellValue(x: CellValue | undefined, y: CellValue | undefined): boolean {
  return x === y || ((x ?? null) === null && (y ?? null) === null) || (!!x && !!y && isCellError(x) && isCellError(y) && x.error === y.error);
}

/**
 * Hosts share rows between a snapshot's grids where they can, since the core only reads snapshots: a row without
 * formulas is this one frozen empty row, and a row of formats or fills equal to the row above is that row (a table's
 * rows repeat them row after row). At 10,000 projects that is ~60,000 fewer arrays per read.
 */
export const NO_FORMULAS: (string | null)[] = Object.freeze([]) as unknown as (string | null)[];

/** `row`, or the grid's last row when both hold the same entries. */
export function sharedRow<T>(grid: T[][], row: T[]): T[] {
  const previous = grid[grid.length - 1];
  if (!previous || previous.length !== row.length) return row;
  for (let i = 0; i < row.length; i++) if (row[i] !== previous[i]) return row;
  return previous;
}

/** `text`, or the equal text kept in `texts` before: one string per distinct fill rather than one per cell. */
export function sharedText(texts: Map<string, string>, text: string): string {
  const known = texts.get(text);
  if (known !== undefined) return known;
  texts.set(text, text);
  return text;
}

/** Reads one cell of a sheet snapshot by 0-based absolute row and column. */
export function snapshotCell(
  sheet: SheetSnapshot,
  row: number,
  col: number,
): { value: CellValue; formula: string | null; numberFormat: string | null } {
  const r = row - sheet.originRow;
  const c = col - sheet.originCol;
  const value = sheet.values[r]?.[c];
  return {
    value: value === undefined ? null : value,
    formula: sheet.formulas[r]?.[c] ?? null,
    numberFormat: sheet.numberFormats[r]?.[c] ?? null,
  };
}

/** Row and column counts of the used range (the widest row decides the width). */
export function sheetExtent(sheet: SheetSnapshot): { rows: number; cols: number } {
  let cols = 0;
  for (const row of sheet.values) cols = Math.max(cols, row.length);
  return { rows: sheet.values.length, cols };
}

/** One past the rightmost used column of each sheet (see CellMap), worked out once per snapshot. */
export function sheetWidths(snapshot: WorkbookSnapshot): ReadonlyMap<string, number> {
  let widths = widthsBySnapshot.get(snapshot);
  if (!widths) {
    widths = new Map(snapshot.sheets.map((s) => [s.name, s.originCol + sheetExtent(s).cols]));
    widthsBySnapshot.set(snapshot, widths);
  }
  return widths;
}
const widthsBySnapshot = new WeakMap<WorkbookSnapshot, ReadonlyMap<string, number>>();
