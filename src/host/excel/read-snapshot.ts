/**
 * Reads a WorkbookSnapshot through Office.js in a fixed number of context.sync() calls (3) while the contents fit in
 * one response; past Excel on the web's 5 MB they are read again in row bands (see readContents):
 *   1. worksheets: name, visibility, protection.protected
 *   2. each sheet's used range (valuesOnly = true: formatting-only cells do not stretch it): position and size
 *   3. for every (clipped) used range at once: values, formulas, numberFormat; fill properties when
 *      asked; merged areas when the host has ExcelApi 1.13 (getMergedAreasOrNullObject) and they were asked for.
 *
 * Size: Excel on the web limits a response to 5 MB and a range read to 5 million cells. We never read more than
 * `maxRowsPerSheet` x `maxColsPerSheet` per sheet, nor more than `maxCells` in total (the default, 200,000 cells,
 * keeps the four arrays near 4 MB for typical cells). A used range that runs to row 1,048,576 (a stray value at
 * the bottom) is clipped to its first rows: what was not read is reported by readSnapshotDetailed().clipped.
 */
import type { CellValue, SheetSnapshot, SheetVisibility, WorkbookSnapshot } from "../../core/snapshot";
import { officeErrorCode, toHostError } from "./errors";
import { fillTokenFromProps } from "./fills";
import { rangeRef } from "../../core/address";

export interface ReadOptions {
  /** Read fill tokens (for highlight/restore). */
  fills?: boolean;
  /** Read merged areas: true = always try (needs ExcelApi 1.13), false = never, undefined = when the host says 1.13. */
  merges?: boolean;
  maxRowsPerSheet?: number;
  maxColsPerSheet?: number;
  maxCells?: number;
}

export interface ClippedSheet {
  sheet: string;
  /** The used range Excel reported, e.g. "A1:Z1048576". */
  usedRange: string;
  /** What was read, e.g. "A1:Z20000". */
  readRange: string;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  syncs: number;
  clipped: ClippedSheet[];
}

export const READ_DEFAULTS = { maxRowsPerSheet: 50_000, maxColsPerSheet: 500, maxCells: 200_000 };

export async function readSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return (await readSnapshotDetailed(context, options)).snapshot;
}

export async function readSnapshotDetailed(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ReadResult> {
  const maxRows = options.maxRowsPerSheet ?? READ_DEFAULTS.maxRowsPerSheet;
  const maxCols = options.maxColsPerSheet ?? READ_DEFAULTS.maxColsPerSheet;
  let budget = options.maxCells ?? READ_DEFAULTS.maxCells;
  const readMerges = options.merges ?? hostSupports("1.13");
  let syncs = 0;
  try {
    // Sync 1: the sheets.
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name,items/visibility,items/protection/protected");
    await context.sync();
    syncs++;
    const sheets = worksheets.items;

    // Sync 2: every sheet's used range, all in one request.
    const used = sheets.map((ws) => {
      const r = ws.getUsedRangeOrNullObject(true);
      r.load("rowIndex,columnIndex,rowCount,columnCount,address");
      return r;
    });
    await context.sync();
    syncs++;

    // Sync 3: the contents of every (clipped) used range, all in one request.
    const clipped: ClippedSheet[] = [];
    const areas = sheets.map((ws, i) => {
      const u = used[i];
      if (u.isNullObject) return null;
      let rows = Math.min(u.rowCount, maxRows);
      const cols = Math.min(u.columnCount, maxCols);
      if (rows * cols > budget) rows = Math.max(0, Math.floor(budget / Math.max(cols, 1)));
      budget -= rows * cols;
      if (rows < u.rowCount || cols < u.columnCount) {
        clipped.push({
          sheet: ws.name,
          usedRange: stripSheet(u.address),
          readRange: rows > 0 ? a1(u.rowIndex, u.columnIndex, rows, cols) : "",
        });
      }
      if (rows === 0 || cols === 0) return null;
      return { ws, row: u.rowIndex, col: u.columnIndex, rows, cols };
    });

    // One request when it fits; when Excel answers that the response passes its 5 MB, the ranges are read again in
    // row bands, one band of every sheet per sync: past that size the sync count grows with the workbook.
    let contents: (SheetContents | null)[] | null = null;
    for (let bands = 1; contents === null; bands *= 4) {
      try {
        contents = await readContents(context, areas, bands, !!options.fills, readMerges, () => syncs++);
      } catch (e) {
        if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded" || bands >= 256) throw e;
      }
    }

    const out: SheetSnapshot[] = sheets.map((ws, i) => {
      const sheet: SheetSnapshot = {
        name: ws.name,
        visibility: visibilityFromExcel(ws.visibility),
        protected: ws.protection.protected,
        originRow: 0,
        originCol: 0,
        values: [],
        formulas: [],
        numberFormats: [],
      };
      const read = contents![i];
      if (!read) {
        if (options.fills) sheet.fills = [];
        if (readMerges) sheet.merges = [];
        return sheet;
      }
      sheet.originRow = read.row;
      sheet.originCol = read.col;
      const { values, formulas, formats } = read;
      sheet.values = values.map((row) => row.map((v) => cellValue(v)));
      // Range.formulas holds the constant for a constant cell, so a text constant such as "=abc" (typed as '=abc)
      // also starts with "=": it is a formula only when its text differs from the cell's value.
      sheet.formulas = formulas.map((row, r) =>
        row.map((f, c) => (typeof f === "string" && f.startsWith("=") && f !== values[r][c] ? f : null)),
      );
      sheet.numberFormats = formats.map((row) => row.map((f) => (typeof f === "string" ? f : f == null ? null : String(f))));
      if (read.fills) sheet.fills = read.fills.map((row) => row.map((p) => fillTokenFromProps(p.format?.fill)));
      if (read.merges) sheet.merges = read.merges;
      return sheet;
    });
    return { snapshot: { sheets: out }, syncs, clipped };
  } catch (e) {
    throw toHostError(e);
  }
}

const ERROR_VALUES = new Set([
  "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
  "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!", "#TIMEOUT!",
]);

interface SheetArea {
  ws: Excel.Worksheet;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

interface SheetContents {
  row: number;
  col: number;
  values: unknown[][];
  formulas: unknown[][];
  formats: unknown[][];
  fills: Excel.CellProperties[][] | null;
  merges: string[] | null;
}

const FILL_PROPS = { format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } };

/** Reads every area in `bands` row bands: one sync per band index, each holding that band of every sheet. */
async function readContents(
  context: Excel.RequestContext,
  areas: (SheetArea | null)[],
  bands: number,
  fills: boolean,
  merges: boolean,
  counted: () => void,
): Promise<(SheetContents | null)[]> {
  const out = areas.map((a) =>
    a ? { row: a.row, col: a.col, values: [], formulas: [], formats: [], fills: fills ? [] : null, merges: merges ? [] : null } : null,
  ) as (SheetContents | null)[];
  for (let band = 0; band < bands; band++) {
    const queued = areas.map((a) => {
      if (!a) return null;
      const height = Math.ceil(a.rows / bands);
      const first = band * height;
      const rows = Math.min(height, a.rows - first);
      if (rows <= 0) return null;
      const range = a.ws.getRangeByIndexes(a.row + first, a.col, rows, a.cols);
      range.load("values,formulas,numberFormat");
      const cellProps = fills ? range.getCellProperties(FILL_PROPS) : null;
      const merged = merges ? range.getMergedAreasOrNullObject() : null;
      merged?.load("address");
      return { range, cellProps, merged };
    });
    // One sync per band is the point: each response must stay under 5 MB. Only reached past that size.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    counted();
    queued.forEach((q, i) => {
      const o = out[i];
      if (!q || !o) return;
      o.values.push(...q.range.values);
      o.formulas.push(...q.range.formulas);
      o.formats.push(...q.range.numberFormat);
      if (q.cellProps && o.fills) o.fills.push(...q.cellProps.value);
      if (q.merged && o.merges && !q.merged.isNullObject) o.merges.push(...splitAreas(q.merged.address));
    });
  }
  return out;
}

function cellValue(v: unknown): CellValue {
  if (typeof v === "string" && ERROR_VALUES.has(v)) return { error: v };
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

function visibilityFromExcel(v: string): SheetVisibility {
  if (v === "Hidden") return "hidden";
  if (v === "VeryHidden") return "veryHidden";
  return "visible";
}

/** True when office.js is loaded and reports the ExcelApi requirement set; false in tests and plain browsers. */
export function hostSupports(version: string): boolean {
  try {
    return typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

function a1(row: number, col: number, rows: number, cols: number): string {
  return rangeRef(row, col, row + rows - 1, col + cols - 1);
}

/** "Sheet1!A1:B2" → "A1:B2"; "'My sheet'!C3" → "C3". */
export function stripSheet(address: string): string {
  const i = address.lastIndexOf("!");
  return (i >= 0 ? address.slice(i + 1) : address).replace(/\$/g, "");
}

/** A RangeAreas address ("Sheet1!A1:B2, Sheet1!D4" or with a quoted sheet name holding commas) → ["A1:B2", "D4"]. */
export function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts
    .map((p) => stripSheet(p.trim()))
    .filter((p) => p.length > 0);
}
