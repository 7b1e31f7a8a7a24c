/**
 * Looks inside an .xlsx before ExcelJS loads it. ExcelJS 4.4.0 (the latest release) expands some ranges cell by cell
 * while loading, so one crafted or damaged range exhausts memory or hangs the process (CVE-2026-128338 to -128344):
 * a column span past XFD, a merge, data validation or defined name over a whole sheet, a huge sheetId, a row past
 * 1,048,576. (An image anchored past the grid, the seventh, loads and saves here: getImages is never called.) No
 * fixed release exists; this check refuses such a file with a Chinese message naming the sheet and range, before
 * ExcelJS sees it. Limits leave room for what real workbooks hold (whole-column validations and names, print titles).
 */
import { columnIndex, columnLetter, COLUMNS, ROWS } from "../../core/address";
import { format } from "../../core/data/messages";
import { XlsxPackage } from "./package";

export const XLSX_LIMITS = {
  rows: ROWS,
  cols: COLUMNS,
  /** Excel numbers sheets from 1 as they are added; ExcelJS indexes an array by it. */
  sheetId: 1_000_000,
  /** Cells under merges, whole workbook: ExcelJS makes every one (~7 µs each; a whole column takes ~7 s). */
  mergedCells: 200_000,
  /**
   * Cells under data validations, whole workbook: ExcelJS lists every address (~3 µs each; 4 whole columns take
   * ~12 s). Validations are not loaded at all when the workbook will not be saved.
   */
  validatedCells: 4_194_304,
  /** Cells under defined names, whole workbook (cheaper: a whole column takes ~0.3 s). */
  namedCells: 16_777_216,
};

export interface XlsxProblem {
  key: "fileBeyondGrid" | "fileSheetId" | "fileMergesTooLarge" | "fileValidationsTooLarge" | "fileNamesTooLarge";
  params: Record<string, string | number>;
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const ADDRESS = /^\$?([A-Z]+)?\$?(\d+)?$/;

/** 1-based, as the file's markup counts columns. */
const columnNumber = (letters: string) => columnIndex(letters) + 1;

/** "A1", "A1:C3", "A:A" or "1:3" (1-based, inclusive), or null when it is not a range. */
function parseArea(text: string): Rect | null {
  const [from, to = from] = text.split(":");
  const a = ADDRESS.exec(from);
  const b = ADDRESS.exec(to);
  if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) return null;
  const left = a[1] ? columnNumber(a[1]) : 1;
  const right = b[1] ? columnNumber(b[1]) : XLSX_LIMITS.cols;
  const top = a[2] ? Number(a[2]) : 1;
  const bottom = b[2] ? Number(b[2]) : XLSX_LIMITS.rows;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

const area = (r: Rect) => (r.bottom - r.top + 1) * (r.right - r.left + 1);
const beyondGrid = (r: Rect) => r.bottom > XLSX_LIMITS.rows || r.right > XLSX_LIMITS.cols;

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}

function unescapeXml(s: string): string {
  return s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Sums ranges per kind and remembers the largest, so one message names the range that matters most. */
class Tally {
  total = 0;
  largest: { sheet: string; range: string; cells: number } | null = null;
  add(sheet: string, range: string, cells: number) {
    this.total += cells;
    if (!this.largest || cells > this.largest.cells) this.largest = { sheet, range, cells };
  }
}

/**
 * The first reason the file must not be loaded with ExcelJS, or null. A zip that cannot be opened is left to ExcelJS.
 * `validations`: whether ExcelJS will load the data validations (see loadWorkbook).
 */
export function inspectXlsx(file: XlsxPackage | Uint8Array | null, options: { validations: boolean }): XlsxProblem | null {
  const pkg = file instanceof Uint8Array ? XlsxPackage.open(file) : file;
  if (!pkg) return null;
  const workbook = pkg.text("xl/workbook.xml");
  if (workbook === null) return null;
  const rels = pkg.text("xl/_rels/workbook.xml.rels") ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
  }
  const beyond = (sheet: string, range: string): XlsxProblem => ({ key: "fileBeyondGrid", params: { sheet, range } });
  const merged = new Tally();
  const validated = new Tally();
  const named = new Tally();

  const sheets: { name: string; path: string | undefined }[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(attr(m[0], "name") ?? "");
    const id = Number(attr(m[0], "sheetId") ?? "0");
    if (!Number.isSafeInteger(id) || id > XLSX_LIMITS.sheetId) return { key: "fileSheetId", params: { sheet: name, id: attr(m[0], "sheetId") ?? "" } };
    sheets.push({ name, path: targets.get(attr(m[0], "r:id") ?? "") });
  }

  for (const m of workbook.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    for (const part of unescapeXml(m[2]).split(",")) {
      const ref = /^(?:'((?:[^']|'')+)'|([^!]+))?!?(.*)$/.exec(part.trim());
      const rect = ref ? parseArea(ref[3]) : null;
      if (!ref || !rect) continue;
      const sheet = (ref[1] ?? ref[2] ?? "").replace(/''/g, "'");
      if (beyondGrid(rect)) return beyond(sheet, ref[3]);
      named.add(sheet, ref[3], area(rect));
    }
  }

  for (const { name, path } of sheets) {
    const xml = path ? pkg.text(path) : null;
    if (xml === null) continue;
    for (const m of xml.matchAll(/<col\b[^>]*>/g)) {
      const max = Number(attr(m[0], "max") ?? "0");
      const min = Number(attr(m[0], "min") ?? "0");
      if (max > XLSX_LIMITS.cols || min > XLSX_LIMITS.cols) return beyond(name, `${columnLetter(min - 1)}:${columnLetter(max - 1)}`);
    }
    // Rows and cells (<row r="7">, <c r="B7">): only numbers of 7 digits or more and columns of 3 letters or more
    // can lie past the grid, and a normal sheet has next to none, so the scan rarely stops to look.
    for (const m of xml.matchAll(/\sr="([A-Z]{3,}|[A-Z]{0,2}(?=\d{7}))(\d+)"/g)) {
      if (m[1].length > 3 || columnNumber(m[1]) > XLSX_LIMITS.cols || Number(m[2]) > XLSX_LIMITS.rows) {
        return beyond(name, m[1] ? `${m[1]}${m[2]}` : `${m[2]}:${m[2]}`);
      }
    }
    for (const m of xml.matchAll(/<mergeCell\b[^>]*\sref="([^"]+)"/g)) {
      const rect = parseArea(m[1]);
      if (!rect) continue;
      if (beyondGrid(rect)) return beyond(name, m[1]);
      merged.add(name, m[1], area(rect));
    }
    for (const m of options.validations ? xml.matchAll(/<dataValidation\b[^>]*\ssqref="([^"]+)"/g) : []) {
      for (const range of m[1].trim().split(/\s+/)) {
        const rect = parseArea(range);
        if (!rect) continue;
        if (beyondGrid(rect)) return beyond(name, range);
        validated.add(name, range, area(rect));
      }
    }
  }

  const tooLarge = (t: Tally, limit: number, key: XlsxProblem["key"]): XlsxProblem | null =>
    t.total > limit && t.largest ? { key, params: { ...t.largest, total: t.total, limit } } : null;
  return (
    tooLarge(merged, XLSX_LIMITS.mergedCells, "fileMergesTooLarge") ??
    tooLarge(validated, XLSX_LIMITS.validatedCells, "fileValidationsTooLarge") ??
    tooLarge(named, XLSX_LIMITS.namedCells, "fileNamesTooLarge")
  );
}

/** The problem as the Chinese message loadWorkbook throws. */
export function describeXlsxProblem(problem: XlsxProblem, file: string): string {
  return format(problem.key, { file, ...problem.params });
}
