/**
 * Reading an .xlsx package straight into the engine's snapshot, for commands that only read (selfeval check without
 * highlighted copies). ExcelJS's load builds a whole document (every part parsed, styles, row and cell objects, dates
 * as Date) that the snapshot then copies values out of: on a small workbook that load is ~7 ms, more than twice the
 * check. This reader parses only the parts the snapshot needs and takes the same values, formulas and number formats
 * that snapshotFromWorkbook takes from ExcelJS, by ExcelJS's own rules (its date, decode and shared-formula helpers);
 * a test compares the two readings cell by cell over every fixture.
 *
 * It parses with saxes, ExcelJS's own XML parser, and declines (returns null) what it does not mirror: hyperlinks,
 * the 1904 date system, overlapping merges, shared formulas without their master, rows or cells out of order, markup
 * saxes rejects. The caller then loads the file with ExcelJS, so a declined file reads, and fails, exactly as before.
 */
/// <reference path="./exceljs-lib.d.ts" />
import exceljsUtils from "exceljs/lib/utils/utils";
import { SaxesParser } from "saxes";
import { slideFormula } from "exceljs/lib/utils/shared-formula";
import defaultNumFormats from "exceljs/lib/xlsx/defaultnumformats";
import { cellRef, columnIndex, COLUMNS } from "../../core/address";
import { NO_FORMULAS, sharedRow, type CellValue, type SheetSnapshot, type SheetVisibility, type WorkbookSnapshot } from "../../core/snapshot";
import { XLSX_LIMITS } from "./guard";
import type { XlsxPackage } from "./package";
import { dateToSerial } from "./snapshot";

/** Something this reader does not mirror; the file goes to ExcelJS. */
class Decline extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// XML: parsed with saxes, the parser ExcelJS's load uses, listening to the same three events it listens to (so text
// in CDATA is dropped, as ExcelJS drops it); what saxes rejects, ExcelJS's load fails on too.

interface XmlVisitor {
  open(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

function scanXml(xml: string, visitor: XmlVisitor): void {
  const parser = new SaxesParser();
  parser.on("error", (err) => {
    throw new Decline(err.message);
  });
  parser.on("opentag", (node) => visitor.open(node.name, node.attributes));
  const { close, text } = visitor;
  if (close) parser.on("closetag", (node) => close(node.name));
  if (text) parser.on("text", text);
  parser.write(xml).close();
}

// ---------------------------------------------------------------------------------------------------------------
// Workbook, relationships, styles, shared strings.

interface SheetEntry {
  name: string;
  state: string | undefined;
  path: string;
}

function workbookSheets(pkg: XlsxPackage): SheetEntry[] {
  const workbook = pkg.text("xl/workbook.xml");
  const rels = pkg.text("xl/_rels/workbook.xml.rels");
  if (workbook === null || rels === null) throw new Decline("workbook part");
  const targets = new Map<string, string>();
  scanXml(rels, {
    open(name, a) {
      if (name !== "Relationship") return;
      if (a.Id !== undefined && a.Target !== undefined) targets.set(a.Id, a.Target);
    },
  });
  const sheets: SheetEntry[] = [];
  const ids = new Set<number>();
  const paths = new Set<string>();
  scanXml(workbook, {
    open(name, a) {
      if (name === "workbookPr" && a.date1904 === "1") throw new Decline("1904 dates");
      if (name !== "sheet") return;
      const target = targets.get(a["r:id"] ?? "");
      // As ExcelJS: a sheet whose relationship is missing, or whose part is not a worksheet, is not loaded.
      if (target === undefined) return;
      const path = `xl/${target.replace(/^(\s|\/xl\/)+/, "")}`;
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path) || !pkg.has(path)) return;
      // ExcelJS keeps sheets in an array indexed by sheetId, from 1.
      const id = parseInt(a.sheetId, 10);
      if (!(id >= 1) || ids.has(id) || paths.has(path) || a.name === undefined) throw new Decline("sheet ids");
      ids.add(id);
      paths.add(path);
      sheets.push({ name: a.name, state: a.state, path });
    },
  });
  // ExcelJS also loads worksheet parts no sheet names; those have no name, and are left to it.
  for (const part of pkg.names()) {
    if (part.startsWith("xl/worksheets/") && !paths.has(part)) throw new Decline("unlisted worksheet part");
  }
  return sheets;
}

/** Number format code per cell style index (cellXfs), as ExcelJS's StylesXform.getStyleModel gives it. */
function numberFormats(pkg: XlsxPackage): { formatOf(styleId: number): string | undefined } {
  const xml = pkg.text("xl/styles.xml");
  if (xml === null) throw new Decline("no styles part");
  const codes = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  let depth = 0;
  scanXml(xml, {
    open(name, a) {
      depth++;
      if (name === "numFmts" && depth === 2) {
        inNumFmts = true;
      } else if (inNumFmts && name === "numFmt" && depth === 3) {
        if (a.formatCode === undefined) throw new Decline("number format");
        codes.set(parseInt(a.numFmtId, 10), a.formatCode.replace(/[\\](.)/g, "$1"));
      } else if (name === "cellXfs" && depth === 2) {
        inCellXfs = true;
      } else if (inCellXfs && name === "xf" && depth === 3) {
        xfs.push(parseInt(a.numFmtId, 10));
      }
    },
    close() {
      depth--;
      if (depth === 1) {
        inCellXfs = false;
        inNumFmts = false;
      }
    },
  });
  if (xfs.length === 0) throw new Decline("no cell styles");
  return {
    formatOf(styleId) {
      const id = xfs[styleId];
      if (!id) return undefined; // no such style, or format 0 (General): ExcelJS sets no numFmt
      return codes.get(id) || defaultNumFormats[id]?.f || undefined;
    },
  };
}

/** ExcelJS's TextXform: _xHHHH_ escapes (upper-case hex) become characters. */
const unescapeText = (text: string) => text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * The shared strings as the snapshot reads them: the text, the runs of rich text joined, or null for an empty <si>
 * (ExcelJS keeps an empty object there, which reads as no value).
 */
function sharedStrings(pkg: XlsxPackage): (string | null)[] {
  const xml = pkg.text("xl/sharedStrings.xml");
  if (xml === null) return [];
  const out: (string | null)[] = [];
  let item: string | string[] | null = null;
  let where: "si" | "t" | "run" | "runText" | "other" = "other";
  let chunks: string[] = [];
  let skipDepth = 0; // inside <rPh> or <rPr>, whose text ExcelJS drops
  scanXml(xml, {
    open(name) {
      if (skipDepth > 0) {
        skipDepth++;
        return;
      }
      if (name === "si") {
        item = null;
        where = "si";
      } else if (where === "si" && name === "t") {
        where = "t";
        chunks = [];
      } else if (where === "si" && name === "r") {
        if (typeof item === "string") throw new Decline("text before rich text");
        item ??= [];
        (item as string[]).push("");
        where = "run";
      } else if (where === "run" && name === "t") {
        where = "runText";
        chunks = [];
      } else if (name === "rPh" || name === "rPr") {
        skipDepth = 1;
      }
    },
    close(name) {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (where === "t" && name === "t") {
        item = unescapeText(chunks.join(""));
        where = "si";
      } else if (where === "runText" && name === "t") {
        const runs = item as string[];
        runs[runs.length - 1] = unescapeText(chunks.join(""));
        where = "run";
      } else if (where === "run" && name === "r") {
        where = "si";
      } else if (name === "si") {
        out.push(item === null ? null : typeof item === "string" ? item : item.join(""));
        where = "other";
      }
    },
    text(text) {
      if (skipDepth === 0 && (where === "t" || where === "runText")) chunks.push(text);
    },
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Worksheets.

/** A cell the sheet's XML holds, after ExcelJS's parse: a value, a formula, or an empty styled cell. */
interface XmlCell {
  kind: "value" | "formula" | "styled" | "merged";
  value: CellValue;
  /** The formula's own text. */
  formula?: string;
  /** A shared formula's dependent: the address of its master, whose formula it takes, moved. */
  sharedFrom?: string;
  /** The number format of the cell's own style (undefined without one). */
  format: string | undefined;
}

interface RowRecord {
  /** Number format of the row's style, which cells made later (not in the XML) take first. */
  format: string | undefined;
  cells: Map<number, XmlCell>;
}

/** A <c> being read: its attributes, and the text of its <f>, <v> or inline string so far. */
interface CellInProgress {
  row: number;
  col: number;
  t: string | undefined;
  styleId: number;
  formula: string | undefined;
  shareType: string | undefined;
  si: string | undefined;
  ref: string | undefined;
  value: string | undefined;
  /** Runs of an inline rich string. */
  runs: string[] | undefined;
  node: "f" | "v" | "t" | undefined;
  inRun: boolean;
  runText: boolean;
  /** Depth inside <rPr> or <rPh>, whose text ExcelJS drops. */
  skip: number;
}

const REF = /^([A-Z]{1,3})([1-9][0-9]*)$/;

function refOf(text: string | undefined): { row: number; col: number } {
  const m = text === undefined ? null : REF.exec(text);
  if (!m) throw new Decline("cell reference");
  return { row: Number(m[2]), col: columnIndex(m[1]) + 1 };
}

interface Context {
  formatOf(styleId: number): string | undefined;
  strings: (string | null)[];
}

function readSheet(entry: SheetEntry, xml: string, ctx: Context): SheetSnapshot {
  const rows = new Map<number, RowRecord>();
  const columnStyles: { min: number; max: number; styleId: number }[] = [];
  const merges: string[] = [];
  const masters = new Map<string, string>(); // shared formula si → master's address
  let isProtected = false;

  let depth = 0;
  let inSheetData = false;
  let row: RowRecord | null = null;
  let rowNumber = 0;
  let lastRow = 0;
  let lastCol = 0;
  let cell: CellInProgress | null = null;

  scanXml(xml, {
    open(name, a) {
      depth++;
      if (cell) {
        if (cell.skip > 0) {
          cell.skip++;
        } else if (name === "f") {
          cell.node = "f";
          cell.si = a.si;
          cell.shareType = a.t;
          cell.ref = a.ref;
        } else if (name === "v") {
          cell.node = "v";
        } else if (name === "r") {
          if (cell.value !== undefined || cell.inRun) throw new Decline("text before rich text");
          (cell.runs ??= []).push("");
          cell.inRun = true;
        } else if (name === "t") {
          if (cell.inRun) cell.runText = true;
          else if (cell.runs) throw new Decline("text after rich text");
          else cell.node = "t";
        } else if (name === "rPr" || name === "rPh") {
          cell.skip = 1;
        }
        return;
      }
      if (depth === 2 && name === "sheetData") {
        inSheetData = true;
      } else if (inSheetData && depth === 3 && name === "row") {
        rowNumber = Number(a.r);
        if (!Number.isInteger(rowNumber) || rowNumber <= lastRow) throw new Decline("row order");
        lastRow = rowNumber;
        lastCol = 0;
        const styleId = parseInt(a.s, 10);
        row = { format: styleId ? ctx.formatOf(styleId) : undefined, cells: new Map() };
        rows.set(rowNumber, row);
      } else if (row && depth === 4 && name === "c") {
        const { row: r, col } = refOf(a.r);
        if (r !== rowNumber || col <= lastCol) throw new Decline("cell order");
        lastCol = col;
        cell = {
          row: r,
          col,
          t: a.t,
          styleId: parseInt(a.s, 10),
          formula: undefined,
          shareType: undefined,
          si: undefined,
          ref: undefined,
          value: undefined,
          runs: undefined,
          node: undefined,
          inRun: false,
          runText: false,
          skip: 0,
        };
      } else if (depth === 2 && name === "cols") {
        // <col> read below
      } else if (depth === 3 && name === "col") {
        columnStyles.push({ min: parseInt(a.min || "0", 10), max: parseInt(a.max || "0", 10), styleId: parseInt(a.style, 10) });
      } else if (depth === 2 && name === "sheetProtection") {
        isProtected = a.sheet === "1";
      } else if (depth === 3 && name === "mergeCell") {
        const ref = a.ref;
        if (ref === undefined) throw new Decline("merge");
        merges.push(ref);
      } else if (depth === 2 && name === "hyperlinks") {
        throw new Decline("hyperlinks");
      }
    },
    close(name) {
      depth--;
      if (cell) {
        if (cell.skip > 0) {
          cell.skip--;
          return;
        }
        if (name === "c" && depth === 3) {
          const done = finishCell(cell, ctx, masters);
          if (done) row!.cells.set(cell.col, done);
          cell = null;
        } else if (name === "f" || name === "v" || name === "is") {
          cell.node = undefined;
        } else if (name === "r") {
          cell.inRun = false;
        } else if (name === "t") {
          if (cell.runText) cell.runText = false;
          else cell.node = undefined;
        }
        return;
      }
      if (name === "row" && depth === 2) row = null;
      else if (name === "sheetData" && depth === 1) inSheetData = false;
    },
    text(text) {
      if (!cell || cell.skip > 0) return;
      if (cell.runText) {
        const runs = cell.runs!;
        runs[runs.length - 1] += text;
      } else if (cell.node === "f") {
        cell.formula = (cell.formula ?? "") + text;
      } else if (cell.node === "v" || cell.node === "t") {
        if (cell.runs) throw new Decline("text after rich text");
        cell.value = (cell.value ?? "") + text;
      }
    },
  });

  const columnFormat = columnFormats(columnStyles, ctx);
  /** A cell ExcelJS makes when asked for one the XML lacks: it takes the row's style, else the column's. */
  const made = (rowRecord: RowRecord | undefined, col: number): XmlCell => ({
    kind: "styled",
    value: null,
    format: rowRecord?.format || columnFormat(col),
  });
  const mergeRanges = applyMerges(merges, rows, made);
  return snapshotOf(entry, rows, mergeRanges, isProtected, masters, made);
}

/** ExcelJS's test of a date format, asked once per format: it runs three regular expressions. */
const dateFormats = new Map<string, boolean>();
function isDateFormat(format: string): boolean {
  let known = dateFormats.get(format);
  if (known === undefined) {
    known = exceljsUtils.isDateFmt(format);
    if (dateFormats.size < 10_000) dateFormats.set(format, known);
  }
  return known;
}

/** A dated number as ExcelJS hands it over (a Date, to the millisecond) and snapshotFromWorkbook turns it back. */
const asDate = (v: CellValue) => dateToSerial(exceljsUtils.excelToDate(v));

/** ExcelJS's cell-xform parseClose and reconcile, for one cell. Null: a cell ExcelJS drops (no value, no style). */
function finishCell(cell: CellInProgress, ctx: Context, masters: Map<string, string>): XmlCell | null {
  const format = cell.styleId ? ctx.formatOf(cell.styleId) : undefined;
  const isDate = format !== undefined && isDateFormat(format);
  if (cell.formula || cell.shareType) {
    if (cell.runs) throw new Decline("rich text in a formula cell");
    let result: CellValue | undefined;
    const v = cell.value;
    if (v) {
      if (cell.t === "str") result = exceljsUtils.xmlDecode(v);
      else if (cell.t === "b") result = parseInt(v, 10) !== 0;
      else if (cell.t === "e") result = { error: v };
      else result = parseFloat(v);
    }
    if (result !== undefined && isDate) result = asDate(result);
    const out: XmlCell = { kind: "formula", value: result ?? null, formula: cell.formula, format };
    if (cell.shareType === "shared") {
      if (cell.si === undefined) throw new Decline("shared formula without si");
      if (cell.ref) {
        masters.set(cell.si, cellRef(cell.row - 1, cell.col - 1));
      } else {
        const master = masters.get(cell.si);
        if (master === undefined) throw new Decline("shared formula before its master");
        out.sharedFrom = master;
      }
    }
    return out;
  }
  if (cell.runs) {
    if (cell.t !== "inlineStr") throw new Decline("rich text outside an inline string");
    return { kind: "value", value: cell.runs.map(unescapeText).join(""), format };
  }
  const v = cell.value;
  if (v === undefined) return cell.styleId ? { kind: "styled", value: null, format } : null;
  let value: CellValue;
  switch (cell.t) {
    case "s": {
      const index = parseInt(v, 10);
      if (!(index >= 0 && index < ctx.strings.length)) throw new Decline("shared string index");
      value = ctx.strings[index];
      break;
    }
    case "str":
      value = exceljsUtils.xmlDecode(v);
      break;
    case "inlineStr":
      value = v;
      break;
    case "b":
      value = parseInt(v, 10) !== 0;
      break;
    case "e":
      value = { error: v };
      break;
    default:
      value = parseFloat(v);
      if (isDate) value = asDate(value);
  }
  return { kind: "value", value, format };
}

/** ExcelJS's Column.fromModel: columns sorted by min, each taking the first <col> that reaches it. */
function columnFormats(cols: { min: number; max: number; styleId: number }[], ctx: Context): (col: number) => string | undefined {
  const formats: (string | undefined)[] = [];
  let count = 1;
  for (const col of [...cols].sort((a, b) => a.min - b.min)) {
    if (col.max > COLUMNS) throw new Decline("column past the grid");
    count = Math.max(count, col.min);
    const format = col.styleId ? ctx.formatOf(col.styleId) : undefined;
    while (count <= col.max) formats[count++] = format;
  }
  return (col) => formats[col];
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** ExcelJS's _mergeCellsInternal: every cell of a merge but its top-left becomes a merged cell with no value. */
function applyMerges(merges: string[], rows: Map<number, RowRecord>, made: (row: RowRecord | undefined, col: number) => XmlCell): Rect[] {
  const rects: Rect[] = [];
  let merged = 0;
  for (const text of merges) {
    const [from, to = from] = text.split(":");
    const a = refOf(from);
    const b = refOf(to);
    const rect = { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
    if (rects.some((o) => o.left <= rect.right && rect.left <= o.right && o.top <= rect.bottom && rect.top <= o.bottom)) {
      throw new Decline("overlapping merges");
    }
    rects.push(rect);
    merged += (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
    if (merged > XLSX_LIMITS.mergedCells) throw new Decline("merges too large"); // the guard refuses these first
    for (let r = rect.top; r <= rect.bottom; r++) {
      let rowRecord = rows.get(r);
      for (let c = rect.left; c <= rect.right; c++) {
        if (r === rect.top && c === rect.left) continue; // the master keeps its value
        if (!rowRecord) {
          rowRecord = { format: undefined, cells: new Map() };
          rows.set(r, rowRecord);
        }
        const existing = rowRecord.cells.get(c) ?? made(rowRecord, c);
        rowRecord.cells.set(c, { kind: "merged", value: null, format: existing.format });
      }
    }
  }
  return rects;
}

/** snapshotFromWorksheet over the cells ExcelJS would hold. */
function snapshotOf(
  entry: SheetEntry,
  rows: Map<number, RowRecord>,
  merges: Rect[],
  isProtected: boolean,
  masters: Map<string, string>,
  made: (row: RowRecord | undefined, col: number) => XmlCell,
): SheetSnapshot {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  // ExcelJS's eachRow visits rows holding a cell that is not an empty styled one.
  const existing = new Set<number>();
  for (const [r, record] of rows) {
    for (const [c, cell] of record.cells) {
      if (cell.kind === "styled") continue;
      existing.add(r);
      if (cell.kind === "merged") continue;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  const visibility: SheetVisibility = entry.state === "veryHidden" ? "veryHidden" : entry.state === "hidden" ? "hidden" : "visible";
  const sheet: SheetSnapshot = {
    name: entry.name,
    visibility,
    protected: isProtected,
    originRow: bottom < 0 ? 0 : top - 1,
    originCol: bottom < 0 ? 0 : left - 1,
    values: [],
    formulas: [],
    numberFormats: [],
    merges: merges.map((m) => `${cellRef(m.top - 1, m.left - 1)}:${cellRef(m.bottom - 1, m.right - 1)}`),
  };
  if (bottom < 0) return sheet;
  const formulaOf = (cell: XmlCell, r: number, c: number): string | null => {
    if (cell.formula) return `=${cell.formula}`;
    if (cell.sharedFrom === undefined) return null;
    const { row, col } = refOf(cell.sharedFrom);
    const master = rows.get(row)?.cells.get(col);
    if (master?.kind !== "formula" || !master.formula) throw new Decline("shared formula's master");
    return `=${slideFormula(master.formula, cell.sharedFrom, cellRef(r - 1, c - 1))}`;
  };
  for (let r = top; r <= bottom; r++) {
    const record = rows.get(r);
    if (!record || !existing.has(r)) {
      sheet.values.push([]);
      sheet.formulas.push(NO_FORMULAS);
      sheet.numberFormats.push([]);
      continue;
    }
    const values: CellValue[] = [];
    const formulas: (string | null)[] = [];
    const formats: (string | null)[] = [];
    let anyFormula = false;
    for (let c = left; c <= right; c++) {
      const cell = record.cells.get(c) ?? made(record, c);
      values.push(cell.value);
      const formula = cell.kind === "formula" ? formulaOf(cell, r, c) : null;
      if (formula !== null) anyFormula = true;
      formulas.push(formula);
      formats.push(cell.format ?? null);
    }
    sheet.values.push(values);
    sheet.formulas.push(anyFormula ? formulas : NO_FORMULAS);
    sheet.numberFormats.push(sharedRow(sheet.numberFormats, formats));
  }
  return sheet;
}

/**
 * The snapshot of an .xlsx package as snapshotFromWorkbook would take it after ExcelJS's load (without fills), or
 * null when this reader declines the file.
 */
export function snapshotFromPackage(pkg: XlsxPackage): WorkbookSnapshot | null {
  try {
    const entries = workbookSheets(pkg);
    if (entries.length === 0) return null;
    const ctx: Context = { formatOf: numberFormats(pkg).formatOf, strings: sharedStrings(pkg) };
    return { sheets: entries.map((entry) => readSheet(entry, pkg.text(entry.path)!, ctx)) };
  } catch (err) {
    if (err instanceof Decline) return null;
    throw err;
  }
}
