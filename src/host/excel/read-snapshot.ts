/**
 * Reads a WorkbookSnapshot through Office.js in a fixed number of context.sync() calls, 2 + `bands` (6 by default),
 * from the smallest workbook to a 5,000-project one after 生成附表:
 *   1. worksheets: name, visibility, protection.protected
 *   2. each sheet's used range (valuesOnly = true: formatting-only cells do not stretch it): position and size
 *   3..2+bands. one row band of every (clipped) used range per sync (band i holds rows i/bands to (i+1)/bands of each
 *      sheet): formulas and numberFormat of the band, the values of its formula cells only (see below), fill
 *      properties when asked, merged areas when the host has ExcelApi 1.13 (getMergedAreasOrNullObject) and they
 *      were asked for. A band with no rows in any sheet is not synced (a workbook of tiny sheets reads in fewer).
 *
 * Lean contents. Range.formulas holds a constant cell's value ("If a cell has no formula, its value is returned
 * instead": numbers as numbers, text as text, errors as "#DIV/0!", dates as serial numbers), so `values` is needed
 * only for formula cells: range.getSpecialCellsOrNullObject("Formulas") (ExcelApi 1.9) gives them as a RangeAreas
 * in the same request, and its areas' rowIndex, columnIndex and values are loaded. A cell is a formula exactly when
 * it lies in one of those areas, so a text constant typed as '=abc (formulas "=abc", value "=abc") stays a
 * constant. Areas are clipped to their band, in case a host widens the search as VBA's SpecialCells does for one
 * cell; a one-cell band loads its value directly.
 *
 * Why 4 bands. A filled 5,000-project workbook after 生成附表 and 审核 (273,000 cells) is 13.3 MB read this way
 * (formula text 8.4 MB: sheet names in cross-sheet formulas are 3 UTF-8 bytes a character; number formats 2.7 MB;
 * formula cells' values 2.2 MB), 14.4 MB read as values + formulas + numberFormat. Under Excel on the web's 5 MB per
 * response no fixed count below 3 bands fits, and 3 would leave ~10%; with 4 the largest response is 3.4 MB.
 *
 * Past that (a band reaches 4.7 MB at 7,000 projects) Excel answers ResponsePayloadSizeLimitExceeded; the band that
 * failed and every later one are then read twice as fine (8, 16, ... bands in all), and the sync count grows.
 *
 * Size: a range read is limited to 5 million cells. We never read more than `maxRowsPerSheet` x `maxColsPerSheet`
 * per sheet, nor more than `maxCells` in total (1,000,000 by default; a 10,000-project workbook after 生成附表 has
 * about 550,000). A used range that runs to row 1,048,576 (a stray value at the bottom) is clipped to its first
 * rows: what was not read is reported by readSnapshotDetailed().clipped. (The old default, 200,000 cells, clipped a
 * 5,000-project workbook after 生成附表: the registry sheet was cut, so 生成附表 again added "附件1 …(2)".)
 */
import { NO_FORMULAS, sharedRow, sharedText, type CellValue, type SheetSnapshot, type SheetVisibility, type WorkbookSnapshot } from "../../core/snapshot";
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
  /** Row bands the contents are read in, one sync each, at every size (default 4). */
  bands?: number;
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
  /** context.sync() calls made, a failed one included. */
  syncs: number;
  clipped: ClippedSheet[];
}

export const READ_DEFAULTS = { maxRowsPerSheet: 50_000, maxColsPerSheet: 500, maxCells: 1_000_000, bands: 4 };

/** Finest split tried when bands pass 5 MB (a row or less per band in most sheets). */
const MAX_BANDS = 4096;

export async function readSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return (await readSnapshotDetailed(context, options)).snapshot;
}

export async function readSnapshotDetailed(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ReadResult> {
  const maxRows = options.maxRowsPerSheet ?? READ_DEFAULTS.maxRowsPerSheet;
  const maxCols = options.maxColsPerSheet ?? READ_DEFAULTS.maxColsPerSheet;
  let budget = options.maxCells ?? READ_DEFAULTS.maxCells;
  const bands = Math.max(1, Math.floor(options.bands ?? READ_DEFAULTS.bands));
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

    const clipped: ClippedSheet[] = [];
    const areas = sheets.map((ws, i): SheetArea | null => {
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

    // Syncs 3..: the contents, one row band of every sheet per sync.
    const contents = await readContents(context, areas, bands, !!options.fills, readMerges, () => syncs++);
    const fillTokens = new Map<string, string>();

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
      const read = contents[i];
      if (!read) {
        if (options.fills) sheet.fills = [];
        if (readMerges) sheet.merges = [];
        return sheet;
      }
      sheet.originRow = read.row;
      sheet.originCol = read.col;
      sheet.values = read.values;
      sheet.formulas = read.formulas;
      for (const row of read.formats) {
        sheet.numberFormats.push(sharedRow(sheet.numberFormats, row.map((f) => (typeof f === "string" ? f : f == null ? null : String(f)))));
      }
      if (read.fills) {
        const fills: (string | null)[][] = (sheet.fills = []);
        const tokenOf = (p: Excel.CellProperties) => {
          const token = fillTokenFromProps(p.format?.fill);
          return token === null ? null : sharedText(fillTokens, token);
        };
        for (const row of read.fills) fills.push(sharedRow(fills, row.map(tokenOf)));
      }
      if (read.merges) sheet.merges = [...read.merges];
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
  values: CellValue[][];
  formulas: (string | null)[][];
  formats: unknown[][];
  fills: Excel.CellProperties[][] | null;
  /** Merged areas in the order first seen: one that spans two bands is reported by both and kept once. */
  merges: Set<string> | null;
}

interface BandRead {
  /** 0-based first row of the band, absolute. */
  top: number;
  range: Excel.Range;
  /** The band's formula cells (null for a one-cell band, whose values are loaded instead). */
  special: Excel.RangeAreas | null;
  cellProps: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null;
  merged: Excel.RangeAreas | null;
}

const FILL_PROPS = { format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } };

/**
 * Reads every area in `bands` row bands, one sync per band, each holding that band of every sheet. When a band's
 * response passes 5 MB, it and the bands after it are split twice as fine; bands already read are kept.
 */
async function readContents(
  context: Excel.RequestContext,
  areas: (SheetArea | null)[],
  bands: number,
  fills: boolean,
  merges: boolean,
  counted: () => void,
): Promise<(SheetContents | null)[]> {
  const out = areas.map((a): SheetContents | null =>
    a ? { row: a.row, col: a.col, values: [], formulas: [], formats: [], fills: fills ? [] : null, merges: merges ? new Set() : null } : null,
  );
  let parts = bands;
  for (let band = 0; band < parts; band++) {
    const queued = areas.map((a): BandRead | null => {
      if (!a) return null;
      // Rows [first, last) of this band: floor(i * rows / parts), so splitting finer keeps what was read.
      const first = Math.floor((band * a.rows) / parts);
      const last = Math.floor(((band + 1) * a.rows) / parts);
      if (last <= first) return null;
      const range = a.ws.getRangeByIndexes(a.row + first, a.col, last - first, a.cols);
      const single = last - first === 1 && a.cols === 1;
      range.load("formulas,numberFormat");
      if (single) range.load("values");
      const special = single ? null : range.getSpecialCellsOrNullObject("Formulas");
      special?.areas.load("items/rowIndex,items/columnIndex,items/values");
      const cellProps = fills ? range.getCellProperties(FILL_PROPS) : null;
      const merged = merges ? range.getMergedAreasOrNullObject() : null;
      merged?.load("address");
      return { top: a.row + first, range, special, cellProps, merged };
    });
    if (queued.every((q) => q === null)) continue;
    try {
      // One sync per band is the point: each response must stay under 5 MB.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      counted();
      if (officeErrorCode(e) !== "ResponsePayloadSizeLimitExceeded" || parts * 2 > MAX_BANDS) throw e;
      parts *= 2;
      band = band * 2 - 1;
      continue;
    }
    counted();
    queued.forEach((q, i) => {
      const o = out[i];
      if (!q || !o) return;
      appendBand(o, q);
    });
  }
  return out;
}

/** Appends one band's rows: constants from Range.formulas, formulas and their values from the formula areas. */
function appendBand(o: SheetContents, q: BandRead): void {
  const formulas = q.range.formulas;
  const height = formulas.length;
  const width = height > 0 ? formulas[0].length : 0;
  const values: unknown[][] = q.special ? formulas.map((row) => row.slice()) : q.range.values;
  const isFormula: boolean[][] = formulas.map((row) => row.map(() => false));
  if (q.special) {
    if (!q.special.isNullObject) {
      for (const area of q.special.areas.items) {
        area.values.forEach((line, i) => {
          const r = area.rowIndex + i - q.top;
          if (r < 0 || r >= height) return;
          line.forEach((v, j) => {
            const c = area.columnIndex + j - o.col;
            if (c < 0 || c >= width) return;
            values[r][c] = v;
            isFormula[r][c] = true;
          });
        });
      }
    }
  } else {
    // A one-cell band: its value was loaded; a text constant such as "=abc" (typed as '=abc) also starts with "=" in
    // Range.formulas, so it is a formula only when that text differs from the value.
    formulas.forEach((row, r) =>
      row.forEach((f, c) => (isFormula[r][c] = typeof f === "string" && f.startsWith("=") && f !== values[r][c])),
    );
  }
  for (let r = 0; r < height; r++) {
    o.values.push(values[r].map((v) => cellValue(v)));
    o.formulas.push(isFormula[r].includes(true) ? formulas[r].map((f, c) => (isFormula[r][c] && typeof f === "string" ? f : null)) : NO_FORMULAS);
  }
  o.formats.push(...q.range.numberFormat);
  if (q.cellProps && o.fills) o.fills.push(...q.cellProps.value);
  if (q.merged && o.merges && !q.merged.isNullObject) for (const m of splitAreas(q.merged.address)) o.merges.add(m);
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
